"""Commands of the web workbench: `serve` (the FastAPI app) and `report` (one self-contained HTML file)."""

from __future__ import annotations

from pathlib import Path

import typer

from narrascope.cli.app import app
from narrascope.errors import NarrascopeError


@app.command()
def serve(db: str = typer.Option("narrascope.db", "--db", help="SQLite path or URL, or postgresql://..."),
          host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port", min=1, max=65535),
          public_read: bool = typer.Option(False, "--public-read",
                                           help="Open pages and read API to every client (default: loopback only; others need the token).")) -> None:
    """Serve the analyst's workbench (pages and /api/v1) over a store."""
    import uvicorn

    from narrascope.web.app import create_app

    try:
        web = create_app(db, public_read=public_read)
    except NarrascopeError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)
    typer.echo(f"narrascope workbench on http://{host}:{port}/  (API: /api/v1, OpenAPI: /api/v1/openapi.json)", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def report(db: str = typer.Option("narrascope.db", "--db"),
           out: Path = typer.Option(Path("report.html"), "--out"),
           max_docs: int = typer.Option(100, "--max-docs", min=1, help="Articles included in full (newest first)."),
           corpus: bool = typer.Option(True, "--corpus/--no-corpus",
                                       help="Include event clusters, contradictions and the corpus actor graph (runs the corpus layer).")) -> None:
    """Write a self-contained HTML report of the store (inline CSS/JS, works offline); prints its path."""
    from narrascope.web.report import write_report

    try:
        path = write_report(db, out, max_docs=max_docs, corpus_provider=None if corpus else (lambda store: None))
    except NarrascopeError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)
    typer.echo(str(path))
