"""`narrascope eval events`: MUC-3/4 template-filling (GTT/IterX metric) and our slot track."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401
from narrascope.errors import Errors

console = Console()


@eval_app.command("events")
def eval_events(
    muc_dir: Path = typer.Option(..., "--muc", help="MUC-3/4 folder (with dev/ tst1/ tst2/ ...)"),
    split: str = typer.Option("tst1", "--split", help="dev, tst1, tst2, tst3 or tst4"),
    limit: int = typer.Option(0, "--limit", help="first N documents only (0: all)"),
    offset: int = typer.Option(0, "--offset", help="skip the first N documents"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="write the scores as JSON"),
) -> None:
    """Template F1 (incident type + PerpInd, PerpOrg, Target, Victim, Weapon) and the slot track."""
    from narrascope.eval.events import evaluate
    from narrascope.eval.muc import SPLITS

    if split not in SPLITS:
        console.print(Errors.E061.format(split=split))
        raise typer.Exit(2)
    if not (muc_dir / split).is_dir():
        console.print(Errors.E060.format(split=split, path=muc_dir))
        raise typer.Exit(2)
    result = evaluate(str(muc_dir), split, limit or None, offset)
    table = Table(title=f"MUC-4 {split} ({result['documents']} docs, {result['predicted_incidents']} predicted / "
                        f"{result['gold_incidents']} gold incidents): template metric (GTT/IterX)")
    for col in ("role", "P", "R", "F1", "pred", "gold"):
        table.add_column(col, justify="right" if col != "role" else "left")
    for role, s in result["template"].items():
        table.add_row(role, f"{s['p']:.1f}", f"{s['r']:.1f}", f"[bold]{s['f1']:.1f}[/bold]" if role == "micro" else f"{s['f1']:.1f}",
                      str(s["p_den"]), str(s["r_den"]))
    console.print(table)
    slots = Table(title="slot track (on the same incident alignment)")
    for col in ("slot", "P", "R", "F1", "pred", "gold"):
        slots.add_column(col, justify="right" if col != "slot" else "left")
    for slot, s in result["slots"].items():
        slots.add_row(slot, f"{s['p']:.1f}", f"{s['r']:.1f}", f"{s['f1']:.1f}", str(s["p_den"]), str(s["r_den"]))
    console.print(slots)
    console.print(f"{result['seconds']} s")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")
