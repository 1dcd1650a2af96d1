"""`narrascope analyze`: read inputs, analyse them, store them, write JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from narrascope.batch import DEFAULT_CHUNK_SIZE, run_batch
from narrascope.cli.app import app
from narrascope.errors import NarrascopeError
from narrascope.output import dumps
from narrascope.store import Store

err = Console(stderr=True)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories, URLs, or '-' for stdin."),
    db: str = typer.Option("narrascope.db", "--db", help="SQLite path or URL, or postgresql://..."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the documents of these inputs as JSON Lines."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline (default en_core_web_sm)."),
    jobs: int = typer.Option(1, "--jobs", min=1, help="Worker processes."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address, or local:N."),
    kb: list[Path] = typer.Option([], "--kb", help="Extra actor knowledge-base file(s); override the shipped KB."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Skip inputs larger than this."),
    link: bool = typer.Option(True, "--link/--no-link", help="Link events across documents after the run."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds to wait for a URL (default 20)."),
    chunk_size: int = typer.Option(DEFAULT_CHUNK_SIZE, "--chunk-size", min=1,
                                   help="Documents per nlp.pipe call / per task sent to a worker."),
    accurate: bool = typer.Option(False, "--accurate", help="Transformer backends for rhetoric and event roles "
                                  "(needs the 'encoder' extra; several times slower)."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Analyse documents into the store; exit 1 when any input failed."""
    try:
        store = Store(db)
    except NarrascopeError as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    try:
        fh = None
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            fh = out.open("w", encoding="utf-8")
    except OSError as exc:
        err.print(f"cannot write {out}: {exc}", style="red", markup=False)
        raise typer.Exit(2)
    progress = Progress(TextColumn("[bold]analyse"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, disable=quiet or not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("", total=None)

            def tick(outcome, n: int) -> None:
                progress.advance(task, n)
                if outcome is not None and outcome.document is None and not quiet:
                    err.print(outcome.error, style="red", markup=False, highlight=False)

            def write(document: dict) -> None:
                fh.write(dumps(document) + "\n")

            try:
                result = run_batch(paths, store, model=model, jobs=jobs, dask=dask, max_bytes=max_bytes, timeout=timeout,
                                   on_progress=tick, command={"argv": sys.argv[1:]}, chunk_size=chunk_size,
                                   kb=tuple(str(p) for p in kb), sink=write if fh is not None else None,
                                   accurate=accurate)
            except NarrascopeError as exc:
                err.print(str(exc), style="red", markup=False)
                raise typer.Exit(2)
    finally:
        if fh is not None:
            fh.close()
    counts = result.counts
    if link and (counts.get("new") or counts.get("near_duplicate")):
        # cross-document event linking is incremental: only the new documents are linked
        from narrascope.corpus.persist import link_store

        link_store(store)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    err.print(f"run {result.run_id}: {summary or 'nothing to do'}"
              + (f"; wrote {result.written} documents to {out}" if out else ""),
              markup=False, highlight=False)
    raise typer.Exit(1 if result.failed else 0)
