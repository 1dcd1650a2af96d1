"""A fingerprint of what the event models were trained on, recorded beside each model.

Session 10 found that `narrascope train events` no longer reproduced the shipped `roles.crfsuite`
because the features computed from the same documents had changed, and nothing recorded what the
model had seen. `narrascope train events` now writes, beside each model it fits, a
`<model>.inputs.json` with sha256 digests of

- `documents`: the training documents in training order: each one's id, the sha256 of the text as
  the training prepared it (truecased, unwrapped) and its answer-key templates (canonical JSON);
- `items`: the exact items handed to the learner, in the order given: for the CRF each sentence's
  feature dicts and BIO labels, for the incident scorer each record's feature dict and 0/1 label;

plus their counts, the split and limit, and the training parameters. `narrascope train events
--check` recomputes both digests from the corpus under today's code (parse, labels, features; no
fit) and says whether they match the recorded ones: a changed `items` digest with an unchanged
`documents` digest means the code (or the parser) now turns the same documents into other
features, so a refit would be a new model.

Serialisation: each item is one line of JSON (no spaces, floats as Python's `json` writes them,
which round-trips exactly), hashed in the order the learner receives the items (the CRF's L-BFGS
result depends on that order too). An item's feature dicts keep their own key order, because crfsuite
numbers attributes in the order it meets them (`role_tagger.sentence_features` keeps the order the
model was trained with); the key templates and document entries, which no learner reads in order,
are written with sorted keys. Hand-written rather than a library
because the point is a byte-exact, documented serialisation of our own items.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from narrascope.errors import Errors

SUFFIX = ".inputs.json"
FORMAT = 1


def canonical(obj: Any, sort_keys: bool = False) -> bytes:
    """One item as JSON bytes (no whitespace, UTF-8); dict keys in their own order unless `sort_keys`."""
    return json.dumps(obj, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Digest:
    """A running sha256 over JSON lines, with a count of the lines."""

    def __init__(self, sort_keys: bool = False) -> None:
        self._h = hashlib.sha256()
        self._sort = sort_keys
        self.count = 0

    def add(self, obj: Any) -> None:
        self._h.update(canonical(obj, self._sort))
        self._h.update(b"\n")
        self.count += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()

    def summary(self) -> dict[str, Any]:
        """What a fingerprint records of one digest."""
        return {"sha256": self.hexdigest(), "count": self.count}


def items_digest(items: Iterable[Any]) -> dict[str, Any]:
    """The digest of `items` without handing them to a learner (`train events --check`)."""
    digest = Digest()
    for item in items:
        digest.add(item)
    return digest.summary()


def document_entry(doc_id: str, text: str, templates: list[dict[str, Any]]) -> dict[str, Any]:
    """What `documents` hashes for one training document."""
    return {"id": doc_id, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "templates": templates}


def muc_documents(texts: Iterable[str], examples: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Document entries of MUC examples (`eval.muc.MucExample`) and their prepared texts."""
    for text, ex in zip(texts, examples):
        yield document_entry(ex.document.id, text, ex.templates)


def documents_digest(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    d = Digest(sort_keys=True)
    for entry in entries:
        d.add(entry)
    return d.summary()


def hashed(items: Iterable[Any], digest: Digest) -> Iterator[Any]:
    """Pass `items` through unchanged, adding each to `digest` on the way (so the learner's own
    stream is what is hashed, not a second computation of it)."""
    for item in items:
        digest.add(item)
        yield item


def path_for(model_path: Path) -> Path:
    """`roles.crfsuite` -> `roles.inputs.json` (beside the model)."""
    return model_path.with_name(model_path.stem + SUFFIX)


def write(model_path: Path, record: dict[str, Any]) -> Path:
    out = path_for(model_path)
    out.write_text(json.dumps({"format": FORMAT, "model": model_path.name, **record}, indent=1, sort_keys=True)
                   + "\n", encoding="utf-8")
    return out


def read(model_path: Path) -> dict[str, Any] | None:
    """The recorded fingerprint of `model_path`, or None when none was recorded (the shipped
    session-2 CRF was fit before fingerprints existed). Raises ValueError (E069) when the file
    exists but cannot be read as a fingerprint."""
    path = path_for(model_path)
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or not isinstance(record.get("items"), dict):
            raise ValueError("no 'items' digest")
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.E069.format(path=path, detail=exc)) from None
    return record


def compare(recorded: dict[str, Any] | None, today: dict[str, Any]) -> dict[str, Any]:
    """Per part ('documents', 'items'): 'same', 'differs' or 'no fingerprint recorded'."""
    if recorded is None:
        return {"status": "no fingerprint recorded", "documents": None, "items": None}
    parts = {k: ("same" if (recorded.get(k) or {}).get("sha256") == today[k]["sha256"] else "differs")
             for k in ("documents", "items")}
    status = "same" if all(v == "same" for v in parts.values()) else (
        "features drifted" if parts["documents"] == "same" else "training documents differ")
    return {"status": status, **parts}
