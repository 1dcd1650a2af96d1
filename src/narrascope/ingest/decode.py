"""Bytes to text: binary sniffing and robust decoding (BOM, HTML/XML charset, UTF-8,
charset_normalizer, then UTF-8 with replacement).

`decode_bytes` never raises: it returns `Decoded(text, encoding, error, warning)`. `error` is an
E003 (binary) or E010 (undecodable) message; `warning` an E013 message when bytes had to be
replaced (invalid UTF-8): the text is still usable and the warning travels with the record.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from narrascope.errors import Errors

SNIFF = 65_536
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_MAGIC = ((b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
          (b"\xff\xd8\xff", "JPEG image"), (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip data"),
          (b"\x7fELF", "executable"), (b"MZ", "executable"), (b"SQLite format 3", "SQLite database"))
# C0 controls other than tab, LF, FF, CR, ESC-free: their share marks binary data
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass
class Decoded:
    text: str = ""
    encoding: str | None = None
    error: str | None = None
    warning: str | None = None


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_reason(data: bytes) -> str | None:
    """Why `data` looks binary (a short phrase), or None when it looks like text."""
    head = data[:SNIFF]
    if not head or bom_encoding(head):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def header_charset(content_type: str) -> str | None:
    """The charset parameter of an HTTP Content-Type header value, or None."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> or XML declaration names, if Python knows it."""
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(head)
        if m:
            name = m.group(1).decode("ascii", "ignore").lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None


def decode_bytes(data: bytes, name: str, *, declared: str | None = None, markup: bool = False) -> Decoded:
    """Decode `data` read from input `name`. `declared` is a charset from HTTP headers or
    a container; `markup` lets a <meta charset> or <?xml encoding?> decide."""
    reason = binary_reason(data)
    if reason:
        return Decoded(error=Errors.E003.format(name=name, detail=reason))
    bom = bom_encoding(data)
    if bom:
        return _try(data, bom, name) or Decoded(error=Errors.E010.format(name=name, detail=f"bad {bom} after its byte-order mark"))
    candidates = [declared] if declared else []
    if markup:
        candidates.append(declared_charset(data))
    for enc in candidates:
        if enc:
            got = _try(data, enc, name)
            if got:
                return got
    got = _try(data, "utf-8", name)
    if got:
        return got
    # Not valid UTF-8. Mostly UTF-8 with a few bad bytes: keep UTF-8, replace, warn.
    # Otherwise a legacy single-byte encoding (cp1252, latin-1, ...): ask charset_normalizer.
    multi = len(_UTF8_MULTI.findall(data[:1_000_000]))
    if multi:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        if bad <= multi:  # more valid multi-byte sequences than broken ones: UTF-8 with damage
            return Decoded(text=text, encoding="utf-8", warning=Errors.E013.format(name=name, count=bad))
    western = _western(data)
    if western is not None:
        return Decoded(text=western, encoding="cp1252")
    enc = _guess(data)
    for candidate in (enc, "cp1252", "latin-1"):
        if candidate:
            got = _try(data, candidate, name)
            if got:
                return got
    return Decoded(error=Errors.E010.format(name=name, detail="no encoding fits"))  # pragma: no cover (latin-1 always fits)


def _western(data: bytes) -> str | None:
    """cp1252 text when that reading is plausible: most letters ASCII, the rest accents and
    typographic punctuation (detectors guess wildly on short Western texts, e.g. 'Café' as
    UTF-16). A non-Latin legacy text (cp1251 Cyrillic, Shift-JIS...) read as cp1252 is mostly
    non-ASCII letters and goes to charset_normalizer instead."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:20000]
    letters = sum(c.isalpha() for c in sample)
    high = sum(c.isalpha() and ord(c) > 127 for c in sample)
    return text if letters and high / letters < 0.3 else None


def _try(data: bytes, encoding: str, name: str) -> Decoded | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text=text, encoding=encoding)


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "no guess"
        return None
    if best is None:
        return None
    enc = best.encoding
    # charset_normalizer's guess among near-identical Western code pages; cp1252 is the web's
    # de-facto 'latin-1' (WHATWG maps iso-8859-1 to windows-1252)
    if enc in {"latin_1", "iso8859_15", "iso8859_1"}:
        return "cp1252"
    return enc
