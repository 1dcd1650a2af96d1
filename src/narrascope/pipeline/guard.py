"""A failing analysis must not lose the document: components run under `guarded`.

An exception inside a component is recorded in `doc._.errors` with the stage name and the
document goes on through the rest of the pipeline with that layer empty.
"""

from __future__ import annotations

import functools
import logging
from typing import Callable

from spacy.tokens import Doc

from narrascope.errors import Errors
from narrascope.pipeline.extensions import add_error

log = logging.getLogger(__name__)


def guarded(stage: str) -> Callable:
    def wrap(call: Callable[..., Doc]) -> Callable[..., Doc]:
        @functools.wraps(call)
        def inner(self, doc: Doc) -> Doc:
            try:
                return call(self, doc)
            except Exception as exc:  # noqa: BLE001 - recorded, never swallowed silently
                log.exception("stage %s failed", stage)
                name = (doc._.title or doc.text[:40]).replace("\n", " ")
                add_error(doc, stage, Errors.E022.format(stage=stage, name=repr(name), detail=f"{type(exc).__name__}: {exc}"))
                return doc

        return inner

    return wrap
