"""`narrascope train attribution` machinery on a few PolNeAR train articles (read in place)."""

from __future__ import annotations

import pytest


def test_train_writes_a_model_the_component_loads(datasets_dir, tmp_path):
    pytest.importorskip("pycrfsuite")
    from narrascope.attribution.tagger import CUE_LEMMAS, load_tagger
    from narrascope.attribution.train import train
    from narrascope.eval import brat_attributions as polnear

    root = datasets_dir / "polnear"
    if not (root / "train").exists():
        pytest.skip("PolNeAR train not found")
    names = polnear.article_names(root, "train")[:3]
    out = tmp_path / "attribution.crfsuite"
    info = train(root, out, None, {"max_iterations": 3}, names=names, log=lambda *_: None)
    assert out.exists() and info["size_bytes"] > 0 and info["sequences"] > 0
    assert (tmp_path / CUE_LEMMAS).exists()
    tagger = load_tagger(out)
    assert tagger is not None and "say" in tagger.cue_words
