"""Token lookups and checks shared by the attribution unit tests (imported by name: conftest puts this
folder on sys.path, as tests/web does for its demo layers)."""

from __future__ import annotations


def glued_parse(nlp, text):
    """`text` parsed without the loader's dateline boundary (pipeline/dateline_boundary.py): the
    rules under test mend the reading of a dateline glued to its sentence, which that boundary now
    prevents in the shipped pipeline; the tests keep the glued parse to exercise the rules."""
    with nlp.select_pipes(disable=["narrascope_dateline_boundary"]):
        return nlp(text)


def tok(doc, word, nth=0):
    """The index of the `nth` token of `doc` that reads `word`."""
    return [t.i for t in doc if t.text == word][nth]


def texts(doc):
    """The token texts of `doc`."""
    return [t.text for t in doc]


def span_text(doc, r):
    """The text of the token range `r` = (start, end)."""
    return doc[r[0]:r[1]].text


def frag_texts(doc, frags):
    """The texts of the token ranges `frags`, in order."""
    return [doc[s:e].text for s, e in frags]


def count_shortened(on, off):
    """How many readings `on` (a stage switched on) changed against `off`, checking that the
    stage only shortens contents: same sources, each content span inside one of `off`'s."""
    assert [x["source"] for x in on] == [x["source"] for x in off]
    changed = 0
    for x, y in zip(on, off):
        for s, e in x["content"]["spans"]:
            assert any(s2 <= s and e <= e2 for s2, e2 in y["content"]["spans"])
        changed += x["content"] != y["content"]
    return changed
