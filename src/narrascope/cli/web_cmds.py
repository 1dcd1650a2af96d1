"""Commands of the web workbench: `serve` and `report` (placeholder report until issue 8)."""

from __future__ import annotations

import html
from pathlib import Path

import typer

from narrascope.cli.app import app
from narrascope.store import Store


@app.command()
def report(db: str = typer.Option("narrascope.db", "--db"),
           out: Path = typer.Option(Path("report.html"), "--out")) -> None:
    """Write a self-contained HTML report of the store."""
    store = Store(db, create=False)
    rows = "".join(f"<li>{html.escape(d.get('title') or d['id'])}</li>" for d in store.iter_documents())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"<!doctype html><meta charset=utf-8><title>narrascope report</title><ul>{rows}</ul>", "utf-8")
    typer.echo(str(out.resolve()))
