"""narrascope_actors: placeholder, NER mentions only (the KB linking lands with issue 3)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded
from narrascope.spans import from_span


class ActorsComponent:
    def __init__(self, nlp: Language, name: str, extra_kb: list[str] | None = None) -> None:
        self.name = name
        self.extra_kb = list(extra_kb or [])

    @guarded("actors")
    def __call__(self, doc: Doc) -> Doc:
        out = get_list(doc, "entities")
        out.clear()
        for i, ent in enumerate(doc.ents, 1):
            out.append(from_span(ent, id=f"e{i}", label=ent.label_, kb_id=ent._.kb_id,
                                 name=ent._.canonical, type=ent._.actor_type))
        return doc


@Language.factory("narrascope_actors", default_config={"extra_kb": []})
def make_actors(nlp: Language, name: str, extra_kb: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, extra_kb)
