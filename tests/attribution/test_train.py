"""`narrascope train attribution` machinery on a few PolNeAR train articles (read in place)."""

from __future__ import annotations

import pytest

from narrascope.eval import brat_attributions as polnear


@pytest.fixture()
def root(datasets_dir):
    """The PolNeAR folder, read in place; skips without crfsuite or the train split."""
    pytest.importorskip("pycrfsuite")
    path = datasets_dir / "polnear"
    if not (path / "train").exists():
        pytest.skip("PolNeAR train not found")
    return path


def test_train_writes_a_model_the_component_loads(root, tmp_path):
    from narrascope.attribution.tagger import CUE_LEMMAS, load_tagger
    from narrascope.attribution.train import train

    names = polnear.article_names(root, "train")[:3]
    out = tmp_path / "attribution.crfsuite"
    info = train(root, out, None, {"max_iterations": 3}, names=names, log=lambda *_: None)
    assert out.exists() and info["size_bytes"] > 0 and info["sequences"] > 0
    assert (tmp_path / CUE_LEMMAS).exists()
    tagger = load_tagger(out)
    assert tagger is not None and "say" in tagger.cue_words
    # the per-cue model is written beside it (never over the shipped one) and loads
    from narrascope.attribution.percue import PERCUE_FILE, load_percue

    assert info["percue_sequences"] > 0 and (tmp_path / PERCUE_FILE.name).exists()
    assert load_percue(tmp_path / PERCUE_FILE.name) is not None
    # and so is the cue picker, which reads the cue lemmas the tagger stage wrote
    from narrascope.attribution.cuepick import CUEPICK_FILE, load_cuepick

    picker = load_cuepick(tmp_path / CUEPICK_FILE.name)
    assert info["cuepick_rows"] > 0 and picker is not None and picker.weights
    assert any(k.startswith("l=") for k in picker.weights)


def test_train_cuepick_stage_alone(root, tmp_path):
    from narrascope.attribution.cuepick import CUEPICK_FILE, load_cuepick
    from narrascope.attribution.cuepick_train import CUEPICK_THRESHOLD
    from narrascope.attribution.train import train

    names = polnear.article_names(root, "train")[:2]
    out = tmp_path / "attribution.crfsuite"
    info = train(root, out, None, None, names=names, log=lambda *_: None, stages=("cuepick",))
    assert not out.exists() and "percue_sequences" not in info
    picker = load_cuepick(tmp_path / CUEPICK_FILE.name)
    assert picker is not None and picker.threshold == CUEPICK_THRESHOLD
    # the cue-preposition table is written beside it (never over the shipped one) and loads
    from narrascope.attribution.cue_preps import CUE_PREPS_FILE, load_cue_preps

    table = tmp_path / CUE_PREPS_FILE.name
    assert info["cue_preps_path"] == str(table)
    assert load_cue_preps(table) is not None
    assert all(line.count("\t") == 4 for line in table.read_text(encoding="utf-8").splitlines()
               if not line.startswith("#"))


def test_train_one_stage_only(root, tmp_path):
    from narrascope.attribution.percue import PERCUE_FILE
    from narrascope.attribution.train import train

    names = polnear.article_names(root, "train")[:2]
    out = tmp_path / "attribution.crfsuite"
    info = train(root, out, None, None, names=names, log=lambda *_: None, stages=("percue",),
                 percue_params={"max_iterations": 2})
    assert (tmp_path / PERCUE_FILE.name).exists() and not out.exists()
    assert "sequences" not in info and info["percue_sequences"] > 0


def test_train_boundary_stage_alone(root, tmp_path):
    from narrascope.attribution.boundary import BOUNDARY_FILE, load_boundary
    from narrascope.attribution.boundary_train import MARGIN
    from narrascope.attribution.train import train

    names = polnear.article_names(root, "train")[:2]
    out = tmp_path / "attribution.crfsuite"
    info = train(root, out, None, None, names=names, log=lambda *_: None, stages=("boundary",))
    assert not out.exists() and "percue_sequences" not in info and info["boundary_rows"] > 0
    model = load_boundary(tmp_path / BOUNDARY_FILE.name)
    assert model is not None and model.margin == MARGIN and any(k.startswith("nh=") for k in model.weights)
    # the fragment model, from k-fold per-cue readings of the same articles, is written beside it
    from narrascope.attribution.fragments import FRAGMENTS_FILE, load_fragments

    assert "fragments_rows" in info and load_fragments(tmp_path / FRAGMENTS_FILE.name) is not None


def test_train_cli_rejects_an_unknown_stage(tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app

    result = CliRunner().invoke(app, ["train", "attribution", "--polnear", str(tmp_path), "--stage", "both"])
    assert result.exit_code != 0
    assert "--stage" in result.output
