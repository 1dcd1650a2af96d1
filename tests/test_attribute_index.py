"""The indexed attribute-ruler matcher: the same matches, so the same annotations, as spaCy's."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from narrascope.attribute_index import IndexedRuleMatch, install

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CONTRACTIONS = ("Y'all gon na see it, ai n't nothin' wrong. Let 's go, c'm on! They gave it to you and "
                "I saw it. There is a dog; there are cats. Do n't. He does. I have n't. Gets got.  \n\n  Ok")


@pytest.fixture(scope="module")
def nlp():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def _before_ruler(nlp, texts):
    keep = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    return list(nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in keep]))


def _annotations(nlp, docs, match):
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    out = []
    for doc in (d.copy() for d in docs):
        ruler.set_annotations(doc, match(doc))
        lemmatizer(doc)
        out.append([(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc])
    return out


def test_same_matches_and_annotations_as_spacy(nlp):
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + [CONTRACTIONS, CONTRACTIONS.upper()]
    docs = _before_ruler(nlp, texts)
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRuleMatch(ruler)
    stock = type(ruler).match.__get__(ruler)  # spaCy's Matcher, whatever the instance holds
    for doc in docs:
        assert indexed(doc) == sorted(set(stock(doc)))
    assert _annotations(nlp, docs, indexed) == _annotations(nlp, docs, stock)
    # the multi-token rules fired (gon na, ai n't, y'all, let 's, c'm on): they are covered
    multi = {m for doc in docs[-2:] for m in indexed(doc) if m[3] - m[2] > 1}
    assert len({m[0] for m in multi}) >= 4


def test_loaded_pipeline_uses_the_index(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, IndexedRuleMatch)


def test_empty_and_whitespace_docs(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRuleMatch(ruler)
    stock = type(ruler).match.__get__(ruler)
    assert indexed(nlp.make_doc("")) == []
    [doc] = _before_ruler(nlp, ["   \n\n\t "])
    assert indexed(doc) == sorted(set(stock(doc)))


def test_unsupported_patterns_keep_spacys_matcher():
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]], {"TAG": "X"})
    assert install(blank) is False
    assert "match" not in vars(ruler)  # still the class's own method
    assert install(spacy.blank("en")) is False  # no attribute ruler at all


def test_memo_is_bounded(nlp, monkeypatch):
    import narrascope.attribute_index as attribute_index

    monkeypatch.setattr(attribute_index, "MEMO_MAX", 5)
    indexed = IndexedRuleMatch(nlp.get_pipe("attribute_ruler"))
    [doc] = _before_ruler(nlp, [CONTRACTIONS])
    first = indexed(doc)
    assert len(indexed.memo) <= 5
    assert indexed(doc) == first


def test_rules_added_after_install_are_used():
    from narrascope.loader import _load_base

    nlp = _load_base(None)
    assert install(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    text = "The zorblax exploded."
    assert nlp(text)[1].lemma_ != "ZORB"
    ruler.add([[{"LOWER": "zorblax"}]], {"LEMMA": "ZORB"})
    assert nlp(text)[1].lemma_ == "ZORB"  # recompiled with the new rule
    ruler.add([[{"LOWER": "the"}, {"LOWER": "zorblax", "OP": "?"}]], {"LEMMA": "THE"})
    doc = nlp(text)  # a pattern the index cannot compile: spaCy's matcher from now on
    assert doc[0].lemma_ == "THE" and doc[1].lemma_ == "ZORB"
    assert ruler.match.stock is True
