"""Refitting the encoder backend on all train articles (`train rhetoric --backend encoder --refit`).

The usual encoder training (train_encoder.py) fine-tunes on folds 1-4 of the train split and
makes every choice on fold 0: the epoch count, the mixing weights with the linear model and
the decoding settings. A refit is the standard last step once those choices are fixed: the
same recipe (labels, seed, epochs, lr, batch, class weights; the step count grows with the
data) on all the train articles, fold 0 included, the last epoch kept (no fold is left to
choose one with), and the fold-0 choices kept as they are in `rhetoric.json`.

Stages: `tagger` refits the token tagger, then the span head (the logistic regression over
the tagger's vectors, which must be refitted on the new tagger's vectors; its C stays 0.03);
`span` refits the span classifier (`refit_span`); `all` does the tagger, the
span classifier, then the span head. The tagger is written in int8 quantised from its fp32
weights in one step (`EncoderTagger.save(..., int8=True)`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable, Sequence

from narrascope.errors import Errors
from narrascope.rhetoric.encoder_model import PARAMS, SPAN_HEAD
from narrascope.rhetoric.train import Prepared
from narrascope.rhetoric.train_span import fit_span_classifier

#: the span head's regularisation (`train_encoder.fit_span_head`), chosen in session 3
HEAD_C = 0.03


def check_refit(stage: str, out: Path) -> None:
    """Refuse, before any parsing, a refit of the `mix` stage (E077) or a tagger refit into a
    folder without the fold-0 choices to keep (E078)."""
    if stage not in ("all", "tagger", "span"):
        raise ValueError(Errors.E077.format(stage=stage))
    if stage != "span" and not (Path(out) / PARAMS).is_file():
        raise ValueError(Errors.E078.format(path=out))


def refit_encoder(out: Path, items: list[Prepared], *, stage: str, epochs: int, layers: int, lr: float,
                  seed: int, labels: str, keep_epochs: bool, span_epochs: int, span_layers: int,
                  span_lr: float, span_class_power: float = 0.0, span_markers: str | None = None,
                  progress: Callable[[str], None] = print) -> dict:
    """Refit `stage` on `items` (all the train articles) into `out`, keeping the mixing weights
    and decoding in `out`/rhetoric.json; returns the training record with the kept mix.
    `span_class_power`: the span classifier's technique loss weights (0 unweighted)."""
    out = Path(out)
    check_refit(stage, out)
    if stage == "span":
        return refit_span(out, items, layers=span_layers, epochs=span_epochs, lr=span_lr, progress=progress,
                          class_power=span_class_power, markers=span_markers)
    tagger_info = refit_tagger(items, out, epochs=epochs, layers=layers, lr=lr, seed=seed, labels=labels,
                               keep_epochs=keep_epochs, progress=progress)
    if stage == "all":
        refit_span(out, items, layers=span_layers, epochs=span_epochs, lr=span_lr, progress=progress,
                   class_power=span_class_power, markers=span_markers)
    return refit_head(out, items, tagger_info, progress)


def refit_span(out: Path, items: list[Prepared], *, layers: int, epochs: int, lr: float,
               progress: Callable[[str], None], class_power: float = 0.0, markers: str | None = None) -> dict:
    """The span classifier refitted on `items` (no validation: the last epoch is kept); the
    mixing weights and decoding in `out`/rhetoric.json stay, its training record is updated.
    `class_power`: technique loss weights (`train_span.technique_weights`; 0 unweighted)."""
    if not (out / PARAMS).is_file():
        raise ValueError(Errors.E074.format(stage="span --refit", path=out))
    span_info = {**fit_span_classifier(items, [], out, layers=layers, epochs=epochs, lr=lr,
                                       class_power=class_power, markers=markers, progress=progress),
                 "refit": f"all {len(items)} train articles, fold 0 included; mixing weights kept"}
    params = json.loads((out / PARAMS).read_text(encoding="utf-8"))
    trained = params.setdefault("trained", {})
    before = trained.get("span", {})  # a second refit keeps the fold-0 score of the first fit
    trained["span"] = {**span_info, "fold0_valid_tc_f1": before.get("fold0_valid_tc_f1", before.get("valid_tc_f1"))}
    (out / PARAMS).write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
    progress(f"span classifier refitted: {span_info}")
    return {**trained, "mix_classifier": params.get("mix_classifier")}


def refit_tagger(items: Sequence[Prepared], out: Path, *, epochs: int, layers: int, lr: float, seed: int,
                 labels: str, keep_epochs: bool, progress: Callable[[str], None]) -> dict:
    """Fine-tune the token tagger on all `items` for exactly `epochs` (the shipped recipe of
    `train_encoder.fit_encoder_tagger`, without a validation fold) and save the last epoch in
    int8 from fp32. `keep_epochs`: every epoch's tagger under `out`/epochs/e<N>/ too."""
    from narrascope.rhetoric.train_encoder import fine_tune_tagger

    t0 = time.process_time()

    def on_epoch(epoch: int, tg) -> None:
        progress(f"refit epoch {epoch} of {epochs}, cpu {time.process_time() - t0:.0f}s")
        if keep_epochs:
            tg.save(out / "epochs" / f"e{epoch}", int8=True)

    tagger = fine_tune_tagger(items, labels=labels, layers=layers, epochs=epochs, lr=lr, seed=seed,
                              on_epoch=on_epoch, progress=progress)
    tagger.save(out, int8=True)
    info = {"epoch": epochs, "layers": layers, "epochs": epochs, "lr": lr, "seed": seed, "labels": labels,
            "refit": f"all {len(items)} train articles, fold 0 included; last epoch; "
                     f"mixing weights and decoding kept from fold 0",
            "tagger_cpu_s": round(time.process_time() - t0)}
    progress(f"tagger refitted: {info}")
    return info


def refit_head(out: Path, items: Sequence[Prepared], tagger_info: dict,
               progress: Callable[[str], None]) -> dict:
    """The span head refitted on the vectors of the tagger in `out` over all `items`; writes
    span_head.npz and the training record in rhetoric.json, whose decoding and mixing weights
    stay as they are. The fold-0 record of the tagger the choices were made with is kept under
    `trained.fold0`."""
    from narrascope.encoder import EncoderTagger
    from narrascope.rhetoric.train_encoder import fit_span_head

    t0 = time.process_time()
    tagger = EncoderTagger.load(out)
    head = fit_span_head(items, [tagger.predict_and_hidden(p.doc) for p in items], c=HEAD_C)
    head.save(out / SPAN_HEAD)
    params = json.loads((out / PARAMS).read_text(encoding="utf-8"))
    old = params.get("trained", {})
    fold0 = old.get("fold0") or {k: v for k, v in old.items() if k != "span"}
    trained = {**tagger_info, "span_head": {"c": HEAD_C, "train_articles": len(items),
                                            "cpu_s": round(time.process_time() - t0)},
               "fold0": fold0}
    if "span" in old:
        trained["span"] = old["span"]
    params["trained"] = trained
    (out / PARAMS).write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
    progress(f"span head refitted on {len(items)} articles, cpu {time.process_time() - t0:.0f}s; "
             f"mixing and decoding kept: {params.get('mix_tagger')}, {params.get('mix_classifier')}, "
             f"{params.get('decode')}")
    return {**trained, "mix_tagger": params.get("mix_tagger"), "mix_classifier": params.get("mix_classifier"),
            "decode": params.get("decode")}
