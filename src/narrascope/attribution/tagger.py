"""The learned part: a linear-chain CRF (CRFsuite) tagging source/cue/content per paragraph.

The model file ships in src/narrascope/models/attribution/ (see its MODEL_CARD.md) and is
rebuilt by `narrascope train attribution --polnear DIR`. Without python-crfsuite or without
the model file the component runs its parse rules alone.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import ROLE_TAGS, decode, paint, select_paragraphs, token_features
from narrascope.attribution.crfscore import CrfWeights, viterbi
from narrascope.attribution.lexicon import CueLexicon, cue_lexicon
from narrascope.attribution.paragraph_groups import ParagraphMemo, token_groups
from narrascope.attribution.rules import Candidate
from narrascope.crf import open_crf

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "attribution"
MODEL_FILE = MODEL_DIR / "attribution.crfsuite"
CUE_LEMMAS = "cue_lemmas.tsv"


def rule_tags(n: int, cands: list[Candidate]) -> list[str]:
    spans = []
    for c in cands:
        spans.append(("CUE", *c.cue))
        if c.source is not None:
            spans.append(("SRC", *c.source))
        for s, e in c.content:
            spans.append(("CNT", s, e))
    return paint(n, spans)


def learned_lemmas(model_path: Path | None = None) -> frozenset[str]:
    """The cue lemmas learned from the training data (shipped with the model)."""
    learned = (model_path or MODEL_FILE).with_name(CUE_LEMMAS)
    if not learned.exists():
        return frozenset()
    return frozenset(line.split("\t")[0] for line in learned.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))


def cue_words(lex: CueLexicon, model_path: Path | None = None) -> frozenset[str]:
    """Lexicon verbs plus the cue lemmas learned from the training data (shipped with the model)."""
    return frozenset(set(lex.verbs) | set(lex.nouns) | set(lex.adverbs) | learned_lemmas(model_path))


class AttributionTagger:
    def __init__(self, path: Path | str | None = None, lexicon: CueLexicon | None = None) -> None:
        self.path = Path(path) if path else MODEL_FILE
        self.tagger = open_crf(self.path)  # ImportError / OSError: load_tagger gives None
        self.weights = CrfWeights(self.path)  # the same model scored with numpy (crfscore.py)
        self.memo = ParagraphMemo(self.weights)
        self.lex = lexicon or cue_lexicon()
        self.cue_words = cue_words(self.lex, self.path)

    def tag(self, doc: Doc, quote_ids: list[int], cands: list[Candidate],
            tags: list[str] | None = None) -> list[tuple[str, int, int]]:
        """(role, start, end) token spans, role one of source/cue/content (`tags`: the rule
        candidates' BIO tags, when the caller has them already)."""
        if len(doc) == 0:
            return []
        ranges = select_paragraphs(doc, self.cue_words)
        groups = token_groups(doc, self.lex, quote_ids, tags or rule_tags(len(doc), cands), ranges, self.memo)
        paths = viterbi(self.weights.trans, self.weights.emissions_split(groups))
        names = self.weights.labels
        return _role_spans(ranges, ([names[y] for y in path] for path in paths))

    def tag_strings(self, doc: Doc, quote_ids: list[int], cands: list[Candidate],
                    tags: list[str] | None = None) -> list[tuple[str, int, int]]:
        """`tag` through CRFsuite itself, with the feature strings (to check the numpy path)."""
        if len(doc) == 0:
            return []
        ranges = select_paragraphs(doc, self.cue_words)
        feats = token_features(doc, self.lex, quote_ids, tags or rule_tags(len(doc), cands), ranges)
        return _role_spans(ranges, (list(self.tagger.tag([feats[i] for i in range(s, e)])) for s, e in ranges))


_ROLE_OF = {v: k for k, v in ROLE_TAGS.items()}


def _role_spans(ranges, labels_per_range) -> list[tuple[str, int, int]]:
    """(role, start, end) token spans from the BIO labels of each paragraph range."""
    out = []
    for (s, _), labels in zip(ranges, labels_per_range):
        out.extend((_ROLE_OF[r], a, b) for r, a, b in decode(labels, offset=s))
    return out


def load_tagger(path: Path | str | None = None) -> AttributionTagger | None:
    try:
        return AttributionTagger(path)
    except (ImportError, OSError, ValueError):
        return None
