"""narrascope_actors: entity mentions linked to the actor knowledge base.

Runs after `ner`. Merges the statistical entities with KB phrase matches, corrects the model's
typical errors in this domain, resolves role mentions ("the Supreme Leader") to the holder at
the article date (`doc._.published`; the latest holder when None), propagates names within the
document ("Rajavi" after "Maryam Rajavi") and links every mention it can. Fills
`doc._.entities` (spec shape, ids e1..eN in text order, plus `role`: the office a role mention
names, else null), replaces `doc.ents` and sets `Span._.kb_id/canonical/actor_type`.
Mentions the KB does not know keep `kb_id` null and their NER label; nothing NER found as a
name is dropped unless a KB span covers it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from narrascope.actors.kb import load_kb
from narrascope.actors.linker import resolve
from narrascope.actors.matcher import get_matcher
from narrascope.doc_text import doc_text
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded
from narrascope.spans import span_dict


class ActorsComponent:
    def __init__(self, nlp: Language, name: str, extra_kb: list[str] | None = None) -> None:
        self.name = name
        self.extra_kb = list(extra_kb or [])
        self.kb = load_kb(self.extra_kb)  # fails here, with file and line, on a bad KB file
        self.matcher = get_matcher(nlp, self.kb)

    @guarded("actors")
    def __call__(self, doc: Doc) -> Doc:
        mentions = resolve(doc, self.kb, self.matcher, doc._.published)
        by_span = {}
        spans = []
        for m in mentions:
            span = Span(doc, m.start, m.end, label=m.label)
            by_span[(m.start, m.end)] = m
            spans.append(span)
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        doc.ents = spans
        out = get_list(doc, "entities")
        out.clear()
        text = doc_text(doc)  # spaCy's Doc.text walks every token on each access
        for i, span in enumerate(doc.ents, 1):
            m = by_span[(span.start, span.end)]
            span._.kb_id, span._.canonical, span._.actor_type = m.kb_id, m.name, m.type
            out.append(span_dict(text, span.start_char, span.end_char, id=f"e{i}", label=span.label_,
                                 kb_id=m.kb_id, name=m.name, type=m.type, role=m.role))
        return doc


@Language.factory("narrascope_actors", default_config={"extra_kb": []})
def make_actors(nlp: Language, name: str, extra_kb: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, extra_kb)
