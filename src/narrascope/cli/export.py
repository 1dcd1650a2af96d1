"""`narrascope export`: documents, events, corpus, in the formats each area registers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from narrascope.cli.app import app
from narrascope.export import EXPORTERS, load_exporters
from narrascope.store import Store


@app.command()
def export(
    what: str = typer.Option("documents", "--what", help="documents, events, corpus"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, acled-csv, gtd-csv, graphml, csv"),
    db: str = typer.Option("narrascope.db", "--db"),
    out: Optional[Path] = typer.Option(None, "--out", help="Output file (default stdout)."),
) -> None:
    """Export from the store."""
    load_exporters()
    fn = EXPORTERS.get((what, fmt))
    if fn is None:
        choices = ", ".join(f"--what {w} --format {f}" for w, f in sorted(EXPORTERS))
        typer.echo(f"No exporter for --what {what} --format {fmt}. Available: {choices}", err=True)
        raise typer.Exit(2)
    store = Store(db, create=False)
    if out is None:
        n = fn(store, sys.stdout)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            n = fn(store, fh)
    typer.echo(f"exported {n} rows", err=True)
