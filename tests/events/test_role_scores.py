"""The role CRF scored in numpy (events/role_scores.py) reads the same items as CRFsuite and
gives the same labels, on the demo articles and on sentences short enough that every token is
an edge token."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.events import role_tagger
from narrascope.events.doccache import cached, token_table
from narrascope.events.role_scores import RoleScorer, readable, sentence_columns
from narrascope.loader import load_pipeline

pytest.importorskip("pycrfsuite")
if not role_tagger.MODEL_PATH.is_file():
    pytest.skip("no shipped role model", allow_module_level=True)

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))
SHORT = ("Bombs exploded. Police said. Guerrillas attacked the embassy in Lima yesterday. Two died. "
         "No. An army patrol was ambushed near the border by rebels, the ministry said.")


@pytest.fixture(scope="module")
def docs():
    nlp = load_pipeline(components=())
    return list(nlp.pipe([p.read_text(encoding="utf-8") for p in EXAMPLES] + [SHORT]))


@pytest.fixture(scope="module")
def scorer():
    return RoleScorer(role_tagger.MODEL_PATH)


def crfsuite_items(feats: dict, attr_id: dict) -> list[int]:
    """The attribute ids CRFsuite keeps of a feature dict, in order (pycrfsuite's `to_item`:
    `key:value` for strings, `key` weighted by the number otherwise; unknown ones dropped; a
    False feature weighs 0 and adds nothing)."""
    out = []
    for key, value in feats.items():
        aid = attr_id.get(key + ":" + value if isinstance(value, str) else key)
        if aid is not None and (isinstance(value, str) or float(value) != 0.0):
            out.append(aid)
    return out


def _columns(sent, n, table):
    return sentence_columns(sent, n, table, role_tagger._trigger_lemmas(), role_tagger._instrument_words(),
                            role_tagger._shape_cached)


def test_items_are_the_feature_dicts_as_crfsuite_reads_them(docs, scorer):
    checked = edge = 0
    for doc in docs:
        with cached(doc):
            table = token_table(doc)
            for n, sent in enumerate(role_tagger.doc_sentences(doc)):
                ids = scorer.items(*_columns(sent, n, table), len(sent))
                feats = role_tagger.sentence_features(sent, n, table)
                assert ids.shape[0] == len(feats)
                for row, f in zip(ids.tolist(), feats):
                    assert [a for a in row if a != scorer.unknown] == crfsuite_items(f, scorer.w.attr_id)
                    checked += 1
                edge += min(len(sent), 4)
    assert checked > 1000 and edge > 100


def test_labels_equal_pycrfsuite_on_every_sentence(docs, scorer):
    tagger = role_tagger._tagger(str(role_tagger.MODEL_PATH))
    n_sents = labelled = 0
    for doc in docs:
        with cached(doc):
            table = token_table(doc)
            sents = role_tagger.doc_sentences(doc)
            expected = [tagger.tag(role_tagger.sentence_features(s, n, table)) for n, s in enumerate(sents)]
            got = scorer.labels([scorer.items(*_columns(s, n, table), len(s)) for n, s in enumerate(sents)])
            assert got == expected
            n_sents += len(sents)
            labelled += sum(lab != "O" for labels in got for lab in labels)
    assert n_sents > 50 and labelled > 0  # the model marks fillers in these texts


def test_tag_gives_the_same_spans_either_way(docs, monkeypatch):
    numpy_spans = [[(r, s.start, s.end) for r, s in role_tagger.tag(doc)] for doc in docs]
    monkeypatch.setattr(role_tagger, "_scorer", lambda path: None)  # pycrfsuite's tagger
    crfsuite_spans = [[(r, s.start, s.end) for r, s in role_tagger.tag(doc)] for doc in docs]
    assert numpy_spans == crfsuite_spans and any(numpy_spans)


def test_text_crfsuite_reads_otherwise_goes_to_crfsuite():
    assert readable("A bomb exploded in Lima.")
    assert not readable("A bomb\x00exploded.")
    assert not readable("A bomb \ud800 exploded.")


def test_memo_forgets_when_large_and_keeps_the_missing_feature_row(scorer, monkeypatch):
    scorer.ids("w", ["embassy", "zzzz-not-a-word"])
    monkeypatch.setattr("narrascope.events.role_scores.MEMO_LIMIT", 0)
    scorer.clear_if_large()
    assert scorer.size == 0 and scorer.memo["w"] == {None: scorer.unknown}
    assert scorer.ids("-1p", [None, "NOUN"])[0] == scorer.unknown
