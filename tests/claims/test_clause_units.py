"""Clause-level claims (session 12): which sentences are cut into clause claims, and which are not.

Sentences written for these tests; the demo-article checks are in tests/pipeline/test_claims.py.
"""

from __future__ import annotations

import time

import pytest
import spacy
from spacy.tokens import Doc

from narrascope.claims.extract import ClaimExtractor
from narrascope.spans import check_span

COMPOUND = "Gunmen killed four people at the shrine in Shiraz on Wednesday, and the attackers may belong to a group abroad."
# "may have been planned" is a modal perfect: status speculative by the session-1 cue pattern
MODAL_PERFECT = "Gunmen killed four people at the shrine in Shiraz on Wednesday, and the attack may have been planned abroad."


def _claims(nlp, text, split=True):
    doc = nlp(text)
    assert not doc._.errors
    claims = doc._.claims if split else ClaimExtractor(nlp, split_clauses=False)(doc, doc._.attributions or [])
    assert all(check_span(doc.text, c) for c in claims)
    return claims


def test_compound_sentence_gives_two_claims_with_their_own_status(nlp):
    claims = _claims(nlp, COMPOUND)
    assert [c["text"] for c in claims] == ["Gunmen killed four people at the shrine in Shiraz on Wednesday",
                                           "the attackers may belong to a group abroad."]
    assert [c["status"] for c in claims] == ["asserted", "hedged"]
    assert [c["id"] for c in claims] == ["c1", "c2"]
    assert claims[1]["cues"][0]["text"] == "may"
    assert not claims[0]["cues"], "the hedge of the second clause does not decide the first"
    perfect = _claims(nlp, MODAL_PERFECT)
    assert [c["status"] for c in perfect] == ["asserted", "speculative"]


def test_the_same_sentence_without_splitting_is_one_hedged_claim(nlp):
    claims = _claims(nlp, COMPOUND, split=False)
    assert len(claims) == 1 and claims[0]["status"] == "hedged" and claims[0]["text"] == COMPOUND


def test_semicolon_and_contrast_clauses_are_cut(nlp):
    semi = _claims(nlp, "Gunmen killed four people at the shrine; the attackers may belong to a group abroad.")
    assert [c["status"] for c in semi] == ["asserted", "hedged"]
    assert semi[0]["text"] == "Gunmen killed four people at the shrine"
    contrast = _claims(nlp, "Officials blamed the Islamic State for the bombing, while the group denied any role in the attack.")
    assert [c["text"] for c in contrast] == ["Officials blamed the Islamic State for the bombing",
                                             "the group denied any role in the attack."]
    assert contrast[1]["status"] == "denied"


@pytest.mark.parametrize("text", [
    # a subordinate clause stays with its main clause
    "Gunmen killed four people at the shrine because the guards had left their posts.",
    "Gunmen killed four people at the shrine after the guards had left their posts on Wednesday.",
    # reported speech stays with its cue, before or after it
    "Police said gunmen killed four people at the shrine and the attack may have been planned abroad.",
    "Gunmen killed four people at the shrine, and the attack may have been planned abroad, police said.",
    # a list of nouns, and a shared subject, are not clauses
    "Gunmen from Iran, Iraq and Syria killed four people at the shrine in Shiraz.",
    "Gunmen killed four people at the shrine and wounded six others in the attack.",
    # a temporal 'while' is not a contrast
    "Gunmen killed four people at the shrine while the guards were asleep.",
])
def test_not_split(nlp, text):
    claims = _claims(nlp, text)
    assert len(claims) == 1, [c["text"] for c in claims]
    assert claims[0]["text"] == text


def test_split_never_leaves_a_fragment(nlp):
    """A clause too short to be a claim (under four words) stays joined to its neighbour."""
    claims = _claims(nlp, "He left, and gunmen then killed four people at the shrine in Shiraz.")
    assert len(claims) == 1


def test_component_setting(nlp):
    assert nlp.get_pipe("narrascope_claims").extractor.split_clauses is True
    blank = spacy.blank("en")  # the factory is registered: the nlp fixture imported narrascope.pipeline
    pipe = blank.add_pipe("narrascope_claims", config={"split_clauses": False})
    assert pipe.extractor.split_clauses is False


# --- hostile input -------------------------------------------------------------------------

def _run_on_sentence(n_clauses: int) -> Doc:
    """One sentence of `n_clauses` coordinated clauses (~20 words each), joined by 'and'.

    Built with its parse (every clause verb a `conj` of the first one, with its own subject), so
    the splitter sees the worst case a parser could hand it, without parsing 100k words.
    """
    vocab = spacy.blank("en").vocab
    words, heads, deps, pos, tags = [], [], [], [], []
    clause = [("the", "det", "DET", "DT", 1), ("gunmen", "nsubj", "NOUN", "NNS", 2),
              ("killed", None, "VERB", "VBD", None), ("four", "nummod", "NUM", "CD", 4),
              ("people", "dobj", "NOUN", "NNS", 2), ("at", "prep", "ADP", "IN", 2),
              ("the", "det", "DET", "DT", 7), ("shrine", "pobj", "NOUN", "NN", 5),
              ("in", "prep", "ADP", "IN", 7), ("the", "det", "DET", "DT", 11),
              ("old", "amod", "ADJ", "JJ", 11), ("city", "pobj", "NOUN", "NN", 8),
              ("of", "prep", "ADP", "IN", 11), ("Shiraz", "pobj", "PROPN", "NNP", 12),
              ("on", "prep", "ADP", "IN", 2), ("a", "det", "DET", "DT", 16),
              ("Wednesday", "pobj", "PROPN", "NNP", 14), ("morning", "npadvmod", "NOUN", "NN", 2),
              ("again", "advmod", "ADV", "RB", 2)]
    root = 2

    def add(word, head, dep, p, tag):
        words.append(word)
        heads.append(head)
        deps.append(dep)
        pos.append(p)
        tags.append(tag)

    for k in range(n_clauses):
        if k:
            add("and", root, "cc", "CCONJ", "CC")
        base = len(words)
        for w, dep, p, t, h in clause:
            if dep is None:  # the clause verb: the root, then a conj of it
                add(w, root if k else base + 2, "conj" if k else "ROOT", p, t)
            else:
                add(w, base + h, dep, p, t)
    add(".", root, "punct", "PUNCT", ".")
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_run_on_sentence_of_5000_ands_is_linear(nlp):
    component = nlp.get_pipe("narrascope_claims")
    small, big = _run_on_sentence(501), _run_on_sentence(5001)
    assert len(big) >= 100_000 and sum(1 for t in big if t.text == "and") == 5000
    times = []
    for doc in (small, big):
        doc._.attributions = []
        t = time.process_time()
        component(doc)
        times.append(time.process_time() - t)
        assert not doc._.errors
    assert len(big._.claims) == 5001, "every coordinated clause is a claim"
    assert all(check_span(big.text, c) for c in big._.claims[:50])
    assert big._.claims[1]["text"].startswith("the gunmen killed four people")
    assert times[1] < 20 * times[0] + 1.0, times  # 10x the input: about 10x the time, not 100x


def test_prefilter_changes_nothing(nlp, examples_dir):
    """ClauseSplitter skips segments its vectorised pass rules out: same units as clause_units."""
    from narrascope.claims import clauses
    from narrascope.claims.extract import MIN_WORDS, segments

    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    texts.append(COMPOUND + " " + MODAL_PERFECT + " Gunmen killed four people at the shrine; the attackers fled.")
    cut = 0
    for doc in nlp.pipe(texts):
        atts = doc._.attributions or []
        split, extents = clauses.ClauseSplitter(doc, atts, MIN_WORDS), clauses.Extents(atts)
        for seg in segments(doc):
            units = split(seg)
            assert [(u.start, u.end) for u in units] == \
                [(u.start, u.end) for u in clauses.clause_units(seg, extents, MIN_WORDS)]
            cut += len(units) > 1
    assert cut >= 3  # one in the op-ed, two in the written sentences
