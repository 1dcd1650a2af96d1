"""`narrascope eval events`: MUC-3/4 template-filling (GTT/IterX metric) and our slot track."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401
from narrascope.errors import Errors

console = Console()


def _check_split(muc_dir: Path, split: str) -> None:
    """Exit with E061 / E060 when the split name or its folder is wrong."""
    from narrascope.eval.muc import SPLITS

    if split not in SPLITS:
        console.print(Errors.E061.format(split=split))
        raise typer.Exit(2)
    if not (muc_dir / split).is_dir():
        console.print(Errors.E060.format(split=split, path=muc_dir))
        raise typer.Exit(2)


def _check_backend(backend: str) -> None:
    """Exit with E066 for an unknown role backend."""
    from narrascope.pipeline.events import ROLE_BACKENDS

    if backend not in ROLE_BACKENDS:
        console.print(Errors.E066.format(backend=backend))
        raise typer.Exit(2)


@eval_app.command("events")
def eval_events(
    muc_dir: Path = typer.Option(..., "--muc", help="MUC-3/4 folder (with dev/ tst1/ tst2/ ...)"),
    split: str = typer.Option("tst1", "--split", help="dev, tst1, tst2, tst3 or tst4"),
    limit: int = typer.Option(0, "--limit", help="first N documents only (0: all)"),
    offset: int = typer.Option(0, "--offset", help="skip the first N documents"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="write the scores as JSON"),
    backend: str = typer.Option("crf", "--backend", help="learned role tagger: crf (default) or encoder"),
    gold: str = typer.Option("raw", "--gold", help="gold view: raw (the keys as read; Victim = HUM TGT: NAME "
                                                  "+ DESCRIPTION) or gtt (GTT/IterX's preprocessed keys: "
                                                  "Victim = NAME only; a predicted Victim is a target "
                                                  "overlapping a PERSON entity)"),
) -> None:
    """Template F1 (incident type + PerpInd, PerpOrg, Target, Victim, Weapon) and the slot track."""
    from narrascope.eval.events import check_gold_view, evaluate
    _check_backend(backend)
    try:
        check_gold_view(gold)
    except ValueError as exc:
        console.print(str(exc))
        raise typer.Exit(2)
    _check_split(muc_dir, split)
    result = evaluate(str(muc_dir), split, limit or None, offset, role_backend=backend, gold_view=gold)
    table = Table(title=f"MUC-4 {split} ({result['documents']} docs, {result['predicted_incidents']} predicted / "
                        f"{result['gold_incidents']} gold incidents): template metric (GTT/IterX, {gold} gold)")
    for col in ("role", "P", "R", "F1", "pred", "gold"):
        table.add_column(col, justify="right" if col != "role" else "left")
    for role, s in result["template"].items():
        table.add_row(role, f"{s['p']:.1f}", f"{s['r']:.1f}", f"[bold]{s['f1']:.1f}[/bold]" if role == "micro" else f"{s['f1']:.1f}",
                      str(s["p_den"]), str(s["r_den"]))
    console.print(table)
    slots = Table(title="slot track (on the same incident alignment)")
    for col in ("slot", "P", "R", "F1", "pred", "gold"):
        slots.add_column(col, justify="right" if col != "slot" else "left")
    for slot, s in result["slots"].items():
        slots.add_row(slot, f"{s['p']:.1f}", f"{s['r']:.1f}", f"{s['f1']:.1f}", str(s["p_den"]), str(s["r_den"]))
    console.print(slots)
    console.print(f"{result['seconds']} s")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")


@train_app.command("events")
def train_events(
    muc_dir: Path = typer.Option(..., "--muc", help="MUC-3/4 folder (with dev/)"),
    split: str = typer.Option("dev", "--split", help="split to train on (dev; never a split you report as test)"),
    out: Optional[Path] = typer.Option(None, "--out", help="model folder (default: the shipped models/events/)"),
    limit: int = typer.Option(0, "--limit", help="first N documents only (0: all)"),
    max_iterations: int = typer.Option(0, "--max-iterations", help="CRF iterations (0: default)"),
    backend: str = typer.Option("crf", "--backend",
                                help="crf: the CRF role tagger and the incident scorer; encoder: the "
                                     "encoder role tagger only (models/events/encoder/)"),
    layers: int = typer.Option(0, "--layers", help="encoder layers (0: the shipped model's)"),
    epochs: int = typer.Option(0, "--epochs", help="encoder epochs of the second stage (0: the shipped model's)"),
    check: bool = typer.Option(False, "--check",
                               help="fit nothing: recompute the training-input fingerprints (documents, "
                                    "and the exact CRF / scorer training items) under today's code and "
                                    "compare them with those recorded beside the models in --out"),
) -> None:
    """Train the event role tagger (CRF, or with --backend encoder the transformer tagger) and the
    incident scorer on MUC-3/4 answer keys, with the shipped models' recipe (the scorer comes out
    identical; a CRF refit differs from the shipped session-2 fit: see docs/events.md). Beside each
    model it writes `<model>.inputs.json`, a fingerprint of what it was fit on (`--check` compares)."""
    from narrascope.events import incident_score, role_tagger, training_inputs
    from narrascope.events.role_training import TRAIN_PARAMS, prepare_split, train
    from narrascope.events.scorer_training import fit
    from narrascope.loader import load_pipeline

    _check_backend(backend)
    if check and backend == "encoder":
        console.print(Errors.E068)
        raise typer.Exit(2)
    _check_split(muc_dir, split)
    if backend == "encoder":
        _train_encoder(muc_dir, split, out, limit, layers, epochs)
        return
    folder = out or role_tagger.MODEL_DIR
    roles_path = folder / role_tagger.MODEL_PATH.name
    scorer_path = folder / incident_score.MODEL_PATH.name
    if check:
        _check_inputs(muc_dir, split, limit, roles_path, scorer_path)
        return
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        console.print(Errors.E064)
        raise typer.Exit(2) from None
    texts, examples = prepare_split(str(muc_dir), split, limit or None)
    nlp = load_pipeline(components=())
    docs = list(nlp.pipe(texts, batch_size=32))
    documents = training_inputs.documents_digest(training_inputs.muc_documents(texts, examples))
    params = {"max_iterations": max_iterations} if max_iterations else None
    info = train(zip(docs, [e.incidents for e in examples]), roles_path, params)
    common = {"split": split, "limit": limit or None, "documents": documents, "environment": _environment(nlp)}
    training_inputs.write(roles_path, {**common, "items": info["items"], "params": {**TRAIN_PARAMS, **(params or {})},
                                       "counts": {k: info[k] for k in ("documents", "sequences", "fillers")}})
    info["scorer"] = fit(zip(docs, examples), scorer_path)
    training_inputs.write(scorer_path, {**common, "items": info["scorer"]["items"], "params": {"C": 1.0},
                                        "counts": {k: info["scorer"][k] for k in ("records", "positive")}})
    console.print(json.dumps({**info, "roles_model": str(roles_path), "bytes": roles_path.stat().st_size,
                              "scorer_model": str(scorer_path), "documents": documents}))


def _environment(nlp) -> dict[str, str]:
    """What else shaped the items (recorded for a reader, not compared by --check)."""
    from importlib.metadata import PackageNotFoundError, version

    env = {"spacy_model": f"{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"}
    for dist in ("spacy", "python-crfsuite", "scikit-learn"):
        try:
            env[dist] = version(dist)
        except PackageNotFoundError:
            env[dist] = "absent"
    return env


def _check_inputs(muc_dir: Path, split: str, limit: int, roles_path: Path, scorer_path: Path) -> None:
    """`train events --check`: today's training-input digests against the recorded ones, no fit.
    The split and limit are the recorded ones when a fingerprint gives them (else the options').
    Exit 1 when a recorded digest differs, 0 otherwise (also when none was recorded)."""
    from narrascope.events import role_training, scorer_training, training_inputs
    from narrascope.loader import load_pipeline

    recorded = {}
    for path in (roles_path, scorer_path):
        try:
            recorded[path] = training_inputs.read(path)
        except ValueError as exc:
            console.print(str(exc))
            raise typer.Exit(2) from None
    parsed: dict[tuple[str, int | None], tuple] = {}
    nlp = None
    report, drifted = {}, False
    for path, items_of in ((roles_path, lambda d, ex: role_training.items_fingerprint(zip(d, [e.incidents for e in ex]))),
                           (scorer_path, lambda d, ex: scorer_training.items_fingerprint(zip(d, ex)))):
        rec = recorded[path]
        key = (rec["split"], rec.get("limit")) if rec and rec.get("split") else (split, limit or None)
        if key[0] != split:
            _check_split(muc_dir, key[0])
        if key not in parsed:
            texts, examples = role_training.prepare_split(str(muc_dir), key[0], key[1])
            nlp = nlp or load_pipeline(components=())
            parsed[key] = (list(nlp.pipe(texts, batch_size=32)), examples,
                           training_inputs.documents_digest(training_inputs.muc_documents(texts, examples)))
        docs, examples, documents = parsed[key]
        today = {"documents": documents, "items": items_of(docs, examples)}
        verdict = training_inputs.compare(rec, today)
        drifted = drifted or verdict["status"] not in ("same", "no fingerprint recorded")
        report[path.name] = {**verdict, "split": key[0], "limit": key[1], "today": today,
                             "recorded": None if rec is None else {k: rec.get(k) for k in ("documents", "items")}}
        console.print(f"{path.name}: {verdict['status']}" + (
            "" if rec is None else f" (documents {verdict['documents']}, training items {verdict['items']})"))
    typer.echo(json.dumps(report))  # not console.print: rich would wrap the JSON
    if drifted:
        raise typer.Exit(1)


def _train_encoder(muc_dir: Path, split: str, out: Optional[Path], limit: int, layers: int, epochs: int) -> None:
    from narrascope.encoder import encoder_available
    from narrascope.events import encoder_roles, encoder_training
    from narrascope.events.role_training import prepare_split
    from narrascope.loader import load_pipeline

    if not encoder_available():
        console.print(Errors.E100)
        raise typer.Exit(2)
    folder = out or encoder_roles.MODEL_DIR
    texts, examples = prepare_split(str(muc_dir), split, limit or None)
    nlp = load_pipeline(components=())
    docs = list(nlp.pipe(texts, batch_size=32))
    info = encoder_training.train_encoder(
        zip(docs, [e.incidents for e in examples]), folder,
        layers=layers or encoder_training.LAYERS, stage2_epochs=epochs or None,
        log=lambda msg: console.print(msg))
    console.print(json.dumps({**info, "model": str(folder)}))
