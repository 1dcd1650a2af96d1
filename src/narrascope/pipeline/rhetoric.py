"""narrascope_rhetoric: persuasion technique spans (the 14 PTC techniques, spec names).

Fills `doc._.rhetoric` with `{id, technique, text, start, end, score, source}` where `source`
is `model` (the linear tagger + span classifier trained on PTC, models/rhetoric/) or
`lexicon` (data/rhetoric/lexicon.tsv entries kept by training because they were precise on
the PTC train split). Reads only the existing parse (tokens, lemmas, POS, dependencies and the
tok2vec vectors); no re-parsing. Logic: narrascope/rhetoric/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.errors import Errors
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded
from narrascope.rhetoric.lexicon import LexiconMatcher
from narrascope.rhetoric.model import MODEL_DIR, RhetoricModel
from narrascope.spans import span_dict

log = logging.getLogger(__name__)
LEXICON_SCORE = 0.5


def load_model(model_dir: str | None) -> tuple[RhetoricModel | None, str | None]:
    path = Path(model_dir) if model_dir else MODEL_DIR
    try:
        return RhetoricModel.load(path), None
    except (OSError, ValueError, KeyError) as exc:
        return None, Errors.E070.format(path=path, detail=f"{type(exc).__name__}: {exc}")


class RhetoricComponent:
    def __init__(self, nlp: Language, name: str, model_dir: str | None = None,
                 use_model: bool = True, use_lexicon: bool = True) -> None:
        self.name = name
        self.model, self.problem = load_model(model_dir) if use_model else (None, None)
        if self.problem:
            log.warning(self.problem)
        enabled = None
        if self.model is not None and "lexicon" in self.model.params.extra:
            enabled = set(self.model.params.extra["lexicon"])
        self.lexicon = LexiconMatcher(nlp, enabled) if use_lexicon else None

    def spans(self, doc: Doc, text: str | None = None) -> list[tuple[str, int, int, float, str]]:
        """(technique, start_char, end_char, score, source), sorted by position."""
        text = text if text is not None else doc.text  # doc.text is rebuilt on each access
        out: list[tuple[str, int, int, float, str]] = []
        if self.model is not None:
            out.extend((tech, s, e, score, "model") for tech, s, e, score in self.model.predict(doc, text))
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
        text = doc.text  # computed on each access: read once
        for i, (tech, s, e, score, source) in enumerate(self.spans(doc, text), start=1):
            result.append({"id": f"r{i}", "technique": tech, **span_dict(text, s, e),
                           "score": score, "source": source})
        return doc


@Language.factory("narrascope_rhetoric",
                  default_config={"model_dir": None, "use_model": True, "use_lexicon": True})
def make_rhetoric(nlp: Language, name: str, model_dir: str | None, use_model: bool,
                  use_lexicon: bool) -> RhetoricComponent:
    return RhetoricComponent(nlp, name, model_dir, use_model, use_lexicon)
