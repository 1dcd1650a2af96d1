"""From records to document-v1 objects: clean, detect language, run the spaCy pipeline.

`analyse_records` is a pure function of plain records (picklable in, JSON-ready out), so the
same code runs inline, in a process pool (`--jobs`) or on Dask workers (`--dask`). The model is
loaded once per process through the cached loader.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from narrascope.clean import clean_record
from spacy.language import Language
from spacy.tokens import Doc

from narrascope.document import LAYERS, base_document, empty_profile, fill_from_doc
from narrascope.errors import Errors
from narrascope.ingest.record import Record
from narrascope.loader import PipelineSpec, backends, model_info

SUPPORTED_LANGUAGES = {"en"}


@dataclass
class Outcome:
    """What happened to one record: a document (possibly with errors) or a failure."""

    key: str
    source: str
    record: str | None
    format: str
    document: dict[str, Any] | None = None
    stage: str | None = None  # stage of the failure when document is None
    error: str | None = None


def prepare(record: Record) -> Outcome | tuple[Outcome, dict[str, Any]]:
    """Clean one record. Returns a finished Outcome (failure, unsupported language) or the
    Outcome to fill plus its base document, ready for the NLP pipeline."""
    out = Outcome(key=record.key, source=record.source, record=record.record, format=record.format)
    if record.error:
        out.stage, out.error = "ingest", record.error
        return out
    try:
        cleaned = clean_record(record)
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the batch
        out.stage, out.error = "clean", Errors.E010.format(name=record.source, detail=f"{type(exc).__name__}: {exc}")
        return out
    if not cleaned.text.strip():
        out.stage, out.error = "clean", Errors.E002.format(name=record.source)
        return out
    document = base_document(text=cleaned.text, input_obj=record.input_obj(), title=cleaned.title,
                             author=cleaned.author, site=cleaned.site, published=cleaned.published,
                             language=cleaned.language, removed=cleaned.removed, errors=cleaned.errors)
    if cleaned.language not in SUPPORTED_LANGUAGES:
        document["errors"].append({"stage": "language", "message": Errors.E009.format(lang=cleaned.language, name=record.source)})
        out.document = document
        return out
    return out, document


def analyse_records(records: list[Record], spec: PipelineSpec | None = None,
                    batch_size: int = 32) -> list[Outcome]:
    """Analyse a chunk of records in one `nlp.pipe` call; a failing document falls back alone."""
    outcomes: list[Outcome] = []
    pending: list[tuple[Outcome, dict[str, Any]]] = []
    for record in records:
        prepared = prepare(record)
        if isinstance(prepared, Outcome):
            outcomes.append(prepared)
        else:
            outcomes.append(prepared[0])
            pending.append(prepared)
    if not pending:
        return outcomes
    nlp = (spec or PipelineSpec()).load()
    documents = run_pipeline(nlp, [document for _, document in pending], batch_size=batch_size,
                             names=[out.source for out, _ in pending])
    for (out, _), document in zip(pending, documents):
        out.document = document
    return outcomes


WARM_UP_TEXT = (
    "A car bomb exploded near a market in Kabul, Afghanistan, on Tuesday, killing at least 12 people, "
    "police said. \"We will find those responsible,\" the interior minister told reporters. The Taliban denied "
    "any role, while officials blamed Islamic State, which claimed the attack in a statement.\n\n"
    "Witnesses said the blast destroyed shops and cars. It was the deadliest attack in the capital this year."
)


def warm_up(spec: PipelineSpec | None = None) -> Language:
    """Load the pipeline as `analyse_records` does and run one short article through cleaning
    and every component, so that lazily loaded data (language profiles, gazetteers, lexicons)
    is in memory: worker processes forked afterwards share it instead of loading their own."""
    nlp = (spec or PipelineSpec()).load()
    analyse_records([Record(source="warm-up", format="text", text=WARM_UP_TEXT)], spec)
    from narrascope.clean.language import detect_language

    detect_language("Ceci est un texte en français, écrit pour charger les profils de langue une fois pour toutes, "
                    "avant que les processus de travail ne soient créés par le système.")
    return nlp


def run_pipeline(nlp: Language, documents: list[dict[str, Any]], batch_size: int = 32,
                 names: list[str] | None = None) -> list[dict[str, Any]]:
    """Fill base documents (same order) with the pipeline's layers: one batched `nlp.pipe`
    over the chunk; when it raises, each document alone, so one bad text spoils nothing else.
    `elapsed_ms` is the chunk's time per document (the batch is timed as a whole)."""
    name, extra = model_info(nlp), backends(nlp)
    names = names or [str(d.get("input", {}).get("path") or d["id"]) for d in documents]
    base_errors = [list(d["errors"]) for d in documents]
    start = time.perf_counter()
    try:
        analysed = list(nlp.pipe((make_doc(nlp, d) for d in documents), batch_size=batch_size))
        per_doc = (time.perf_counter() - start) * 1000 / max(1, len(analysed))
        return [fill_from_doc(d, doc, name, per_doc, extra) for d, doc in zip(documents, analysed)]
    except Exception:  # noqa: BLE001 - find the one document that breaks the batch
        pass
    out = []
    for document, source, errors in zip(documents, names, base_errors):
        for layer in LAYERS:  # a partial fill from the failed batch is discarded
            document[layer] = []
        document["profile"], document["errors"] = empty_profile(), errors
        t0 = time.perf_counter()
        try:
            doc = nlp(make_doc(nlp, document))
            out.append(fill_from_doc(document, doc, name, (time.perf_counter() - t0) * 1000, extra))
        except Exception as exc:  # noqa: BLE001
            document["errors"].append({"stage": "nlp", "message": Errors.E022.format(
                stage="nlp", name=source, detail=f"{type(exc).__name__}: {exc}")})
            out.append(document)
    return out


def make_doc(nlp: Language, document: dict[str, Any]) -> Doc:
    """The tokenised Doc of a base document, with its `published`, `title` and `byline` (the
    byline lines cut from the text and the `author`: a wire credit outside the text) set."""
    from narrascope.profile.wire import credit_metadata

    doc = nlp.make_doc(document["text"])
    doc._.published = document.get("published")
    doc._.title = document.get("title")
    doc._.byline = credit_metadata(document)
    return doc
