"""Corpus commands: `narrascope link` and `narrascope eval linking`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401
from narrascope.errors import Errors, NarrascopeError

console = Console()
err = Console(stderr=True)


@app.command()
def link(
    db: str = typer.Option("narrascope.db", "--db", help="SQLite path or URL, or postgresql://..."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Link the events of documents not linked yet into cross-document event clusters."""
    from narrascope.corpus.persist import link_store
    from narrascope.store import Store

    try:
        store = Store(db, create=False)
        try:
            empty = store.count_documents() == 0
        except Exception:  # no documents table: not a narrascope store yet
            empty = True
        if empty:
            err.print(Errors.E082.format(url=store.safe_url), style="red", markup=False)
            raise typer.Exit(2)
        counts = link_store(store)
    except NarrascopeError as exc:
        err.print(Errors.E080.format(url=db, detail=str(exc)), style="red", markup=False)
        raise typer.Exit(2)
    except Exception as exc:  # a database without the documents table, a broken row
        if isinstance(exc, typer.Exit):
            raise
        err.print(Errors.E080.format(url=db, detail=f"{type(exc).__name__}: {exc}"[:300]), style="red", markup=False)
        raise typer.Exit(2)
    if not quiet:
        err.print(f"linked {counts['documents']} documents ({counts['events']} events, {counts['linked']} joined a "
                  f"cluster, {counts['relinked']} re-linked); {counts['clusters_new']} new clusters, "
                  f"{counts['clusters']} in all", markup=False, highlight=False)


@eval_app.command("linking")
def eval_linking(
    muc: Path = typer.Option(..., "--muc", help="The MUC-3/4 folder (with dev/, tst1/, tst2/)."),
    split: str = typer.Option("dev", "--split", help="dev, tst1, tst2 (tst* are held out: do not tune on them)."),
    rule: str = typer.Option("strict", "--gold-rule", help="strict: same type, date and location; named: "
                             "strict, plus the same type and a shared named victim."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Link score threshold (default: shipped)."),
    limit: int = typer.Option(0, "--limit", help="First N texts only; 0: all."),
    predicted: bool = typer.Option(False, "--predicted", help="Link the events the events component extracts "
                                   "from the texts (aligned to gold templates) instead of gold-key events."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the scores as JSON."),
) -> None:
    """Cross-document event linking on MUC-3/4 gold-key events: pairwise and B-cubed P/R/F1."""
    from narrascope.eval.linking import evaluate_gold_events, evaluate_predicted

    if not (muc / split).is_dir():
        err.print(Errors.E081.format(split=split, path=muc), style="red", markup=False)
        raise typer.Exit(2)
    if predicted:
        result = evaluate_predicted(str(muc), split, limit=limit or None, rule=rule)
        result.setdefault("excluded", 0)
    else:
        result = evaluate_gold_events(str(muc), split, limit=limit or None, rule=rule, threshold=threshold)
    what = "predicted events" if predicted else "gold-key events"
    table = Table(title=f"Event linking, MUC-3/4 {split}, {what}, gold rule '{rule}'")
    for col in ("measure", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name in ("bcubed", "pairwise"):
        table.add_row(name, f"{result[name + '_p']:.3f}", f"{result[name + '_r']:.3f}", f"{result[name + '_f1']:.3f}")
    console.print(table)
    if predicted:
        console.print(f"{result['documents']} texts, {result['predicted_events']} predicted events, {result['events']} "
                      f"aligned to a gold template and scored, {result['unaligned']} unaligned (not scored); pairs "
                      f"gold {result['gold_pairs']}, predicted {result['pred_pairs']}, correct {result['true_pairs']}",
                      markup=False, highlight=False)
    else:
        console.print(f"{result['documents']} texts, {result['events']} events scored ({result['excluded']} excluded: "
                      f"ambiguous keys), {result['gold_clusters']} gold clusters ({result['gold_multi_clusters']} "
                      f"with several reports), {result['pred_clusters']} predicted; pairs gold {result['gold_pairs']}, "
                      f"predicted {result['pred_pairs']}, correct {result['true_pairs']}", markup=False, highlight=False)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=1))
        console.print(f"wrote {json_out}")
