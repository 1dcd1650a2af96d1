"""`narrascope eval entities`: linked-mention P/R/F1 against a gold file (docs/actors.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401

console = Console()
DEFAULT_GOLD = [Path("benchmarks/gold/entities-examples.jsonl"), Path("benchmarks/gold/entities-pnear-dev.jsonl")]


@eval_app.command("entities")
def eval_entities(
    gold: Optional[List[Path]] = typer.Option(None, "--gold", help="gold JSONL file(s) (default: both shipped files)"),
    dataset_root: Optional[Path] = typer.Option(None, "--dataset-root",
                                                help="where the gold's `doc` paths are found (default: ../shared/datasets)"),
    system: str = typer.Option("both", "--system", help="baseline, component or both"),
    kb: Optional[List[Path]] = typer.Option(None, "--kb", help="extra KB file(s), as for analyze"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="write the scores as JSON"),
) -> None:
    """Precision / recall / F1 of linked entity mentions (span + kb_id), exact and overlapping spans."""
    from narrascope.eval.entities import REPO_ROOT, evaluate

    files = list(gold) if gold else [REPO_ROOT / p for p in DEFAULT_GOLD]
    systems = ("baseline", "component") if system == "both" else (system,)
    result = evaluate(files, dataset_root, systems, tuple(str(p) for p in (kb or [])))
    table = Table(title=f"Linked mentions: {result['documents']} documents, {result['gold_mentions']} gold mentions")
    for col in ("system", "span match", "precision", "recall", "F1", "tp / pred / gold"):
        table.add_column(col, justify="left" if col in ("system", "span match") else "right")
    for name, scores in result["systems"].items():
        for match in ("exact", "overlap"):
            s = scores[match]
            table.add_row(name, match, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"[bold]{s['f1']:.3f}[/bold]",
                          f"{s['tp']} / {s['predicted']} / {s['gold']}")
    console.print(table)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")
