"""`narrascope train rhetoric` and `narrascope eval rhetoric` (PTC, SemEval-2020 Task 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401
from narrascope.errors import NarrascopeError

console = Console()
err = Console(stderr=True)


@train_app.command("rhetoric")
def train_rhetoric(
    ptc: Path = typer.Option(..., "--ptc", help="PTC folder (articles/, labels/)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Model folder (default: the shipped models/rhetoric/)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline (default en_core_web_sm)."),
) -> None:
    """Train the rhetoric tagger and technique classifier on the PTC train split (decoding tuned
    by cross-validation on train; the dev split is not read)."""
    from narrascope.loader import load_pipeline
    from narrascope.rhetoric.model import MODEL_DIR
    from narrascope.rhetoric.ptc import load_ptc
    from narrascope.rhetoric.train import train

    try:
        train_articles = load_ptc(ptc, "train")
    except NarrascopeError as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    nlp = load_pipeline(model, components=())
    rmodel, info = train(train_articles, nlp, progress=lambda m: err.print(m, markup=False))
    target = out or MODEL_DIR
    rmodel.save(target)
    summary = {k: v for k, v in info.items() if k not in ("extra", "lexicon_dropped")}
    console.print(f"saved to {target}: {json.dumps(summary)}", markup=False)
    console.print(f"lexicon entries switched off: {', '.join(info.get('lexicon_dropped', [])) or 'none'}",
                  markup=False)


@eval_app.command("rhetoric")
def eval_rhetoric(
    ptc: Path = typer.Option(..., "--ptc", help="PTC folder (articles/, labels/)."),
    split: str = typer.Option("dev", "--split", help="dev (held out, default) or train."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the full result as JSON."),
    model_dir: Optional[Path] = typer.Option(None, "--model-dir", help="Rhetoric model folder (default: shipped)."),
) -> None:
    """SI F1, TC micro-F1 and label-aware span F1 on the held-out PTC split, with baselines."""
    from narrascope.eval.rhetoric import evaluate, rows

    try:
        result = evaluate(ptc, split=split, model_dir=str(model_dir) if model_dir else None)
    except NarrascopeError as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    table = Table(title=f"PTC {split} ({result['articles']} articles, {result['gold_spans']} gold spans; "
                        f"split: {result['split_rule']})")
    for col in ("metric", "narrascope", "baseline", "best published (test)"):
        table.add_column(col)
    for row in rows(result):
        table.add_row(*row)
    console.print(table)
    console.print(f"baseline: {result['baseline']['description']}", markup=False)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
