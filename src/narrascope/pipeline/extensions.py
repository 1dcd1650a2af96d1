"""`Doc._` extensions shared by narrascope's components.

Results are plain JSON-ready Python objects in the shapes of the document-v1 spec, so the
document writer, the store and a user's own code read them without conversion.

- `doc._.published`: ISO date string of the article (set before the pipeline runs) or None.
- `doc._.title`: the article title or None.
- `doc._.byline`: what the document's metadata says about its wire credit (set before the
  pipeline runs: the lines the cleaner cut as a byline and the `author`,
  `profile.wire.credit_metadata`) or None.
- `doc._.entities`, `attributions`, `events`, `claims`, `rhetoric`: lists of spec dicts.
- `doc._.profile`: spec dict or None.
- `doc._.errors`: list of `{stage, message}` for problems that did not stop the document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

LIST_EXTENSIONS = ("entities", "attributions", "events", "claims", "rhetoric", "errors")
VALUE_EXTENSIONS = ("published", "title", "byline", "profile", "kb")


def register_extensions() -> None:
    for name in LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            # getter-less default lists would be shared between docs: use a default of None
            # and let `get_list` create the list per doc.
            Doc.set_extension(name, default=None)
    for name in VALUE_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("kb_id", "canonical", "actor_type"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list:
    """The per-doc list stored in `doc._.<name>`, created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def add_error(doc: Doc, stage: str, message: str) -> None:
    get_list(doc, "errors").append({"stage": stage, "message": message})
