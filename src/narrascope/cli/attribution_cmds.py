"""`narrascope eval attribution` and `narrascope train attribution` (PolNeAR)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401

console = Console()


def _table(results: dict[str, dict]) -> Table:
    names = list(results)
    table = Table(title=f"PolNeAR {next(iter(results.values()))['split']}: attribution P / R / F1")
    table.add_column("role")
    table.add_column("match")
    for name in names:
        table.add_column(name, justify="right")
    for match in ("exact", "overlap"):
        for role in ("source", "cue", "content"):
            row = [role, match]
            for name in names:
                s = results[name][match][role]
                row.append(f"{s['p']:.1f} / {s['r']:.1f} / [bold]{s['f1']:.1f}[/bold]")
            table.add_row(*row)
    for key in ("whole_exact", "whole_overlap"):
        row = ["attribution", key.split("_")[1]]
        for name in names:
            s = results[name][key]
            row.append(f"{s['p']:.1f} / {s['r']:.1f} / [bold]{s['f1']:.1f}[/bold]")
        table.add_row(*row)
    return table


@eval_app.command("attribution")
def eval_attribution(
    polnear: Path = typer.Option(..., "--polnear", help="PolNeAR folder (with train/ dev/)"),
    split: str = typer.Option("dev", "--split", help="dev or test"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="write the scores as JSON"),
    cache: Optional[Path] = typer.Option(None, "--cache", help="folder to cache the parses in"),
    limit: int = typer.Option(0, "--limit", help="first N articles only (0: all)"),
    model: Optional[Path] = typer.Option(None, "--model", help="CRF model file (default: shipped)"),
    percue: Optional[Path] = typer.Option(None, "--percue-model", help="per-cue CRF file (default: shipped)"),
    stages: bool = typer.Option(False, "--stages", help="also score the first stage alone (rules+tagger)"),
    backend: str = typer.Option("rules", "--backend",
                                help="rules (default) or encoder: also score the opt-in encoder backend "
                                     "(the learned stages plus the encoder's cue veto; needs the encoder extra)"),
    veto_threshold: float = typer.Option(0.5, "--veto-threshold", help="the encoder backend's veto threshold"),
    encoder: Optional[Path] = typer.Option(None, "--encoder-model", help="encoder weights folder (default: shipped)"),
) -> None:
    """Per-role exact/overlap P/R/F1 and whole-attribution F1: rules only, and rules + both
    learned stages (with --stages, also the paragraph tagger without the per-cue stage; with
    --backend encoder, also the encoder backend)."""
    from narrascope.attribution import encoder_tagger
    from narrascope.attribution.corpus import parse_split
    from narrascope.eval import brat_attributions as reader
    from narrascope.eval.attribution import component_predictor, evaluate

    if backend not in encoder_tagger.BACKENDS:
        raise typer.BadParameter("--backend must be " + " or ".join(encoder_tagger.BACKENDS))
    if backend == "encoder":
        if encoder_tagger.usable_backend("encoder", encoder) != "encoder":  # warned E046
            raise typer.Exit(1)
    names = reader.article_names(polnear, split)
    if limit:
        names = names[:limit]
    docs = parse_split(polnear, split, cache, names)
    results = {"rules": evaluate(polnear, split, component_predictor(False), docs, names)}
    try:
        model_path = str(model) if model else None
        if stages:
            results["rules+tagger"] = evaluate(polnear, split, component_predictor(True, model_path, use_percue=False),
                                               docs, names)
        results["rules+model"] = evaluate(polnear, split, component_predictor(
            True, model_path, percue_path=str(percue) if percue else None), docs, names)
        if backend == "encoder":
            results["rules+model+encoder"] = evaluate(polnear, split, component_predictor(
                True, model_path, percue_path=str(percue) if percue else None, backend="encoder",
                veto_threshold=veto_threshold, encoder_path=str(encoder) if encoder else None), docs, names)
    except FileNotFoundError:
        console.print("[yellow]no attribution model (or python-crfsuite) found: rules only[/yellow]")
    console.print(_table(results))
    if json_out:
        json_out.write_text(json.dumps(results, indent=2))
        console.print(f"wrote {json_out}")


@train_app.command("attribution")
def train_attribution(
    polnear: Path = typer.Option(..., "--polnear", help="PolNeAR folder (with train/)"),
    out: Optional[Path] = typer.Option(None, "--out", help="model file (default: the shipped one)"),
    cache: Optional[Path] = typer.Option(None, "--cache", help="folder to cache the parses in"),
    max_iterations: int = typer.Option(0, "--max-iterations", help="CRF iterations (0: default)"),
    stage: str = typer.Option("all", "--stage",
                              help="all, tagger (paragraph CRF), percue (per-cue CRF), cuepick (cue picker), "
                                   "boundary (content end, fragment and add-fragment models; trains 4 k-fold per-cue models) "
                                   "or encoder (the opt-in encoder backend's weights, encoder/ beside --out; not part "
                                   "of all: needs the encoder extra, ~23 CPU-min)"),
) -> None:
    """Train the attribution models on PolNeAR train/ (reproduces the shipped models)."""
    from narrascope.attribution.train import DEFAULT_STAGES, STAGES, train

    if stage != "all" and stage not in STAGES:
        raise typer.BadParameter("--stage must be all, " + ", ".join(STAGES[:-1]) + " or " + STAGES[-1])
    stages = DEFAULT_STAGES if stage == "all" else (stage,)
    params = {"max_iterations": max_iterations} if max_iterations else None
    info = train(polnear, out, cache, params, log=console.print, stages=stages, percue_params=params)
    console.print(json.dumps(info))
