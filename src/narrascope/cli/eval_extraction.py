"""`narrascope eval extraction`: main-text extraction on the article-extraction benchmark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401

console = Console()


@eval_app.command("extraction")
def eval_extraction(
    benchmark: Path = typer.Option(..., "--benchmark", help="Folder with html/*.html.gz and ground-truth.json "
                                   "(scrapinghub/article-extraction-benchmark layout)."),
    limit: int = typer.Option(0, "--limit", help="First N pages (sorted by id) only; 0: all."),
    bootstrap: int = typer.Option(1000, "--bootstrap", help="Bootstrap resamples for the 95% intervals (0: none)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the scores (and per-page tp/fp/fn) as JSON."),
) -> None:
    """4-word-shingle P/R/F1 against articleBody: raw trafilatura and trafilatura + narrascope cleaning."""
    from narrascope.eval.extraction import PUBLISHED, evaluate

    try:
        results = evaluate(benchmark, limit=limit or None, n_bootstrap=bootstrap)
    except FileNotFoundError as exc:
        console.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    table = Table(title=f"Article extraction, {benchmark} ({results['trafilatura']['all']['pages']} pages)")
    for col in ("system", "P", "R", "F1 (95% CI)", "F1 dev", "F1 held-out"):
        table.add_column(col, justify="left" if col == "system" else "right")
    labels = {"trafilatura": "trafilatura (raw)", "narrascope": "trafilatura + cleaning"}
    for name, row in results.items():
        ci = f" ± {row['f1_ci']:.3f}" if "f1_ci" in row else ""
        table.add_row(labels.get(name, name), f"{row['all']['precision']:.3f}", f"{row['all']['recall']:.3f}",
                      f"{row['all']['f1']:.3f}{ci}", _f1(row, "dev"), _f1(row, "heldout"))
    for name, f1 in PUBLISHED.items():
        table.add_row(f"{name} (published)", "", "", f"{f1:.3f}", "", "")
    console.print(table)
    console.print("raw = trafilatura.extract(html, include_comments=False) as the benchmark runs it, this run; "
                  "+ cleaning = narrascope's clean_record; dev half = page ids 0-7*, held-out = 8-f* "
                  "(patterns were written looking at the dev half only)", highlight=False)
    diff = results.get("narrascope", {}).get("f1_minus_trafilatura")
    if diff:
        console.print(f"F1 difference (cleaning - raw), paired bootstrap: {diff['mean']:+.4f} ± {diff['ci']:.4f}")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps({"results": results, "published": PUBLISHED}, indent=1))
        console.print(f"wrote {json_out}")


def _f1(row: dict, split: str) -> str:
    return f"{row[split]['f1']:.3f}" if split in row else ""
