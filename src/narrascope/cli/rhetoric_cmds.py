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
    backend: str = typer.Option("linear", "--backend", help="linear (default) or encoder (fine-tunes "
                                "MiniLM on folds 1-4 of train, validates on fold 0; ~45 CPU-minutes with the span classifier)."),
    epochs: int = typer.Option(4, "--epochs", help="Encoder backend: fine-tuning epochs."),
    layers: int = typer.Option(6, "--layers", help="Encoder backend: transformer layers kept (1-6)."),
    stage: str = typer.Option("all", "--stage", help="Encoder backend: all (default), tagger (token tagger), "
                              "span (span classifier, needs a tagger in --out) or mix (re-tune the mixing only)."),
    span_epochs: int = typer.Option(4, "--span-epochs", help="Encoder backend: span classifier epochs."),
    span_layers: int = typer.Option(4, "--span-layers", help="Encoder backend: span classifier layers (1-6)."),
    refit: bool = typer.Option(False, "--refit", help="Encoder backend: refit on all train articles (fold 0 "
                               "included) with the same recipe, the last epoch kept, keeping the mixing weights "
                               "and decoding tuned on fold 0 in --out (its rhetoric.json); --stage all (tagger, "
                               "span classifier, span head; how the shipped files were made), tagger (tagger and "
                               "span head) or span (span classifier)."),
    seed: int = typer.Option(0, "--seed", help="Encoder backend, --stage tagger/all: the tagger's random seed "
                             "(0, default, is the shipped recipe)."),
    labels: str = typer.Option("technique", "--labels", help="Encoder backend, --stage tagger/all: tagger labels, "
                               "technique (O + 14 techniques, default, shipped), binary (O / technique) or "
                               "sentence (technique, with O split into O-near in sentences that hold a span)."),
    keep_epochs: bool = typer.Option(False, "--keep-epochs", help="Encoder backend, --stage tagger/all: also save "
                                     "every epoch's tagger and fold-0 P(inside) under --out/epochs."),
    span_class_power: float = typer.Option(0.0, "--span-class-power", help="Encoder backend, --stage span/all: "
                                           "weight each technique's loss in the span classifier by (max count / "
                                           "count)^POWER clipped to [1, 4]; 0 (default) is unweighted."),
    span_markers: Optional[str] = typer.Option(None, "--span-markers", help="Encoder backend, --stage span/all: "
                                               "the span classifier's input option; repetition_v1 adds three "
                                               "repetition marker pieces after [CLS] (docs/claims-rhetoric.md, "
                                               "session 12); default: none, the shipped input."),
) -> None:
    """Train the rhetoric tagger and technique classifier on the PTC train split (decoding tuned
    by cross-validation on train; the dev split is not read). `--backend encoder` fine-tunes the
    opt-in encoder backend instead (models/rhetoric/encoder/)."""
    from narrascope.loader import load_pipeline
    from narrascope.rhetoric.model import MODEL_DIR
    from narrascope.rhetoric.ptc import load_ptc
    from narrascope.rhetoric.train import train

    if backend not in ("linear", "encoder"):
        err.print(f"unknown backend {backend!r}: use linear or encoder", style="red", markup=False)
        raise typer.Exit(2)
    if backend == "encoder":
        from narrascope.rhetoric.train_encoder import check_labels
        from narrascope.rhetoric.span_encoder import check_markers
        from narrascope.rhetoric.train_span import check_class_power

        try:
            check_labels(labels)  # before the articles are parsed
            check_class_power(span_class_power)
            check_markers(span_markers)
        except ValueError as exc:
            err.print(str(exc), style="red", markup=False)
            raise typer.Exit(2)
    try:
        train_articles = load_ptc(ptc, "train")
    except NarrascopeError as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    nlp = load_pipeline(model, components=())
    if backend == "encoder":
        from narrascope.encoder import encoder_available
        from narrascope.errors import Errors
        from narrascope.rhetoric.encoder_model import ENCODER_DIR
        from narrascope.rhetoric.train_encoder import train_encoder

        if not encoder_available():
            err.print(Errors.E100, style="red", markup=False)
            raise typer.Exit(2)
        target = out or ENCODER_DIR
        try:
            info = train_encoder(train_articles, nlp, target, epochs=epochs, layers=layers, stage=stage,
                                 span_epochs=span_epochs, span_layers=span_layers, refit=refit, seed=seed,
                                 labels=labels, keep_epochs=keep_epochs, span_class_power=span_class_power,
                                 span_markers=span_markers, progress=lambda m: err.print(m, markup=False))
        except ValueError as exc:
            err.print(str(exc), style="red", markup=False)
            raise typer.Exit(2)
        console.print(f"saved to {target}: {json.dumps(info)}", markup=False)
        return
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
    backend: str = typer.Option("linear", "--backend", help="linear (default) or encoder."),
    encoder_dir: Optional[Path] = typer.Option(None, "--encoder-dir", help="Encoder backend folder (default: shipped)."),
) -> None:
    """SI F1, TC micro-F1 and label-aware span F1 on the held-out PTC split, with baselines."""
    from narrascope.eval.rhetoric import evaluate, rows

    try:
        result = evaluate(ptc, split=split, model_dir=str(model_dir) if model_dir else None,
                          backend=backend, encoder_dir=str(encoder_dir) if encoder_dir else None)
    except (NarrascopeError, ValueError) as exc:
        err.print(str(exc), style="red", markup=False)
        raise typer.Exit(2)
    if backend != result.get("backend", backend):
        err.print(f"backend {backend} unavailable: scored {result.get('backend')}", style="red", markup=False)
    table = Table(title=f"PTC {split}, {result.get('backend', 'linear')} backend ({result['articles']} articles, {result['gold_spans']} gold spans; "
                        f"split: {result['split_rule']})")
    for col in ("metric", "narrascope", "baseline", "best published (test)"):
        table.add_column(col)
    for row in rows(result):
        table.add_row(*row)
    console.print(table)
    console.print(f"baseline: {result['baseline']['description']}", markup=False)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
