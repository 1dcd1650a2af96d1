"""Scoring the CRFsuite models with numpy: the weights read from the file, the batched
Viterbi, and the component's taggers giving what CRFsuite itself gives."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from narrascope.attribution.crfscore import CrfWeights, viterbi
from narrascope.attribution.percue import PERCUE_FILE, CueContext, load_percue
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import MODEL_FILE, load_tagger, rule_tags

pycrfsuite = pytest.importorskip("pycrfsuite")

TEXT = ("The mayor said on Monday that the bridge would reopen soon. “We are nearly done,” she told "
        "reporters, adding that the cost had doubled.\n\n"
        "Critics disagreed. “This is a scandal,” said Tom Reed, a council member. According to "
        "the city, repairs began in May.\n\n"
        "Officials, who asked not to be named, warned of further delays.")


def _rules(doc):
    """The quote ids and rule candidates of `doc`, as the component reads them."""
    quotes = find_quotes(doc.text)
    qids = token_quote_ids(doc, quotes)
    return qids, RuleExtractor().extract(doc, quotes, qids)


@pytest.mark.parametrize("path", [MODEL_FILE, PERCUE_FILE])
def test_weights_match_crfsuites_own_dump(path):
    w = CrfWeights(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    assert w.labels == tagger.labels()
    lab = {x: i for i, x in enumerate(w.labels)}
    items = list(info.state_features.items())
    for (attr, label), v in items[:: max(1, len(items) // 5000)]:
        assert abs(w.state[w.attr_id[attr], lab[label]] - v) < 1e-6  # the dump rounds to 6 decimals
    for (x, y), v in info.transitions.items():
        assert abs(w.trans[lab[x], lab[y]] - v) < 1e-6
    assert len(w.attr_id) == len({a for a, _ in info.state_features})


def test_viterbi_finds_the_best_path_of_each_sequence():
    rng = np.random.default_rng(3)
    trans = rng.normal(size=(4, 4))
    ems = [rng.normal(size=(n, 4)) for n in (1, 5, 3, 6, 2)]
    got = viterbi(trans, ems)
    for em, path in zip(ems, got):
        def score(y):
            return sum(em[i, y[i]] for i in range(len(y))) + sum(trans[y[i], y[i + 1]] for i in range(len(y) - 1))
        best = max(itertools.product(range(4), repeat=len(em)), key=score)
        assert path == list(best)
    assert viterbi(trans, []) == []


def test_malformed_model_file_gives_no_tagger(tmp_path):
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model" * 10)
    with pytest.raises(ValueError):
        CrfWeights(bad)
    assert load_tagger(tmp_path / "missing.crfsuite") is None


def test_paragraph_tagger_gives_what_crfsuite_gives(doc):
    tagger = load_tagger()
    if tagger is None:
        pytest.skip("model not available")
    qids = token_quote_ids(doc, find_quotes(doc.text))
    cands = RuleExtractor().extract(doc, find_quotes(doc.text), qids)
    spans = tagger.tag(doc, qids, cands)
    assert spans and spans == tagger.tag_strings(doc, qids, cands)
    assert {r for r, _, _ in spans} == {"source", "cue", "content"}


def test_percue_batch_gives_what_crfsuite_gives(doc):
    tagger = load_percue()
    if tagger is None:
        pytest.skip("model not available")
    qids, rules = _rules(doc)
    ctx = CueContext(doc, qids, rule_tags(len(doc), rules))
    items = [(c.cue, c, list(c.content)) for c in rules] + [(c.cue, None, None) for c in rules]
    batch = tagger.read(ctx, items)
    one_by_one = [tagger.roles(ctx, cue, rule, first) for cue, rule, first in items]
    assert len(batch) == len(items) >= 8 and batch == one_by_one
    assert any(src is not None for src, _ in batch) and all(content for _, content in batch[:len(rules)])


def test_path_scores_give_crfsuites_probability_ratio(doc):
    tagger = load_percue()
    if tagger is None:
        pytest.skip("model not available")
    from narrascope.attribution.percue import cue_features
    from narrascope.attribution.percue_groups import cue_groups

    qids, rules = _rules(doc)
    ctx = CueContext(doc, qids, rule_tags(len(doc), rules))
    cue = rules[0].cue
    _, feats = cue_features(ctx, cue, None, memo=tagger.memo)
    _, gids = cue_groups(ctx, cue, None, tagger.groups)
    em = tagger.weights.emissions(gids)
    labels = list(tagger.tagger.tag(feats))
    ids = [tagger.label_id[x] for x in labels]
    assert viterbi(tagger.weights.trans, [em])[0] == ids
    alt = ["O"] * len(labels)
    ratio = tagger.tagger.probability(alt) / tagger.tagger.probability(labels)
    diff = tagger.weights.path_score(em, [0] * len(labels)) - tagger.weights.path_score(em, ids)
    assert diff < 0 and math.isclose(diff, math.log(ratio), rel_tol=1e-6, abs_tol=1e-6)


def test_forgetting_the_groups_between_docs_changes_nothing(doc, bare):
    tagger, percue = load_tagger(), load_percue()
    if tagger is None or percue is None:
        pytest.skip("model not available")
    qids, rules = _rules(doc)
    items = [(c.cue, c, list(c.content)) for c in rules]
    before = (tagger.tag(doc, qids, rules), percue.read(CueContext(doc, qids, rule_tags(len(doc), rules)), items))
    tagger.memo.limit = percue.groups.limit = 10  # forget all groups at every Doc
    ctx = CueContext(doc, qids, rule_tags(len(doc), rules))
    assert percue.read(ctx, items) == before[1] and percue.groups.generation >= 1
    assert percue.read(ctx, items) == before[1]  # the context's cached ids are not reused stale
    assert tagger.tag(doc, qids, rules) == before[0] and tagger.weights.groups.n < 2000
