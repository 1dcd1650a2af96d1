"""The learned part: a linear-chain CRF (CRFsuite) tagging source/cue/content per paragraph.

The model file ships in src/narrascope/models/attribution/ (see its MODEL_CARD.md) and is
rebuilt by `narrascope train attribution --polnear DIR`. Without python-crfsuite or without
the model file the component runs its parse rules alone.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import ROLE_TAGS, decode, paint, paragraphs, token_features
from narrascope.attribution.lexicon import CueLexicon, cue_lexicon
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "attribution"
MODEL_FILE = MODEL_DIR / "attribution.crfsuite"


def rule_tags(n: int, cands: list[Candidate]) -> list[str]:
    spans = []
    for c in cands:
        spans.append(("CUE", *c.cue))
        if c.source is not None:
            spans.append(("SRC", *c.source))
        for s, e in c.content:
            spans.append(("CNT", s, e))
    return paint(n, spans)


def sequences(doc: Doc, feats: list[list[str]] | None = None, only_with_cues: bool = True) -> list[tuple[int, int]]:
    """Paragraph ranges to tag: those with a verb, a cue word or a quote mark."""
    out = []
    for s, e in paragraphs(doc):
        if only_with_cues and not any(t.pos_ in ("VERB", "AUX") or t.text in MARKS or t.lower_ == "according"
                                      for t in doc[s:e]):
            continue
        out.append((s, e))
    return out


class AttributionTagger:
    def __init__(self, path: Path | str | None = None, lexicon: CueLexicon | None = None) -> None:
        import pycrfsuite  # optional dependency: python-crfsuite

        self.path = Path(path) if path else MODEL_FILE
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))
        self.lex = lexicon or cue_lexicon()

    def tag(self, doc: Doc, quote_ids: list[int], cands: list[Candidate]) -> list[tuple[str, int, int]]:
        """(role, start, end) token spans, role one of source/cue/content."""
        if len(doc) == 0:
            return []
        feats = token_features(doc, self.lex, quote_ids, rule_tags(len(doc), cands))
        roles = {v: k for k, v in ROLE_TAGS.items()}
        out = []
        for s, e in sequences(doc, feats, only_with_cues=True):
            tags = self.tagger.tag(feats[s:e])
            out.extend((roles[r], a, b) for r, a, b in decode(list(tags), offset=s))
        return out


def load_tagger(path: Path | str | None = None) -> AttributionTagger | None:
    try:
        return AttributionTagger(path)
    except (ImportError, OSError, ValueError):
        return None
