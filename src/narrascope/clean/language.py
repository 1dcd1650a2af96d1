"""Language identification: a fast path for English, langdetect (fixed seed) otherwise, with a
script check for short texts.

langdetect costs ~15-20 ms of CPU per 600-word article (docs/performance.md). Most inputs are
English, so a text where at least `MARKER_SHARE` of the (first `SAMPLE_CHARS` characters')
words are distinctively English function words (`data/clean/english_markers.txt`) is
English without asking langdetect. Measured on the research corpora (PolNeAR, PTC, MUC-3/4,
the article-extraction benchmark): every such text langdetect calls English too, except one
all-caps MUC wire langdetect calls German; the most such words in a text langdetect does
not call English was 0.9 % (Italian), against a 5 % minimum and ~20 % median in English
news. Anything else goes to langdetect as before.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

SAMPLE_CHARS = 5000
MIN_WORDS = 20
MARKER_SHARE = 0.08  # share of marker words above which a text is English (fast path)
_SCRIPTS = {"ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el", "HANGUL": "ko",
            "HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "zh", "THAI": "th", "DEVANAGARI": "hi",
            "ARMENIAN": "hy", "GEORGIAN": "ka", "BENGALI": "bn", "TAMIL": "ta"}
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")  # str.isalpha() characters (letters), found at C speed
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=1)
def english_markers() -> frozenset[str]:
    text = resources.files("narrascope").joinpath("data/clean/english_markers.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#"))


def dominant_script(text: str) -> str | None:
    """ISO 639-1 guess from the dominant non-Latin script, when letters are mostly in one."""
    sample = text[:SAMPLE_CHARS]
    counts: dict[str, int] = {}
    for ch in _NON_ASCII.findall(sample):  # ASCII letters are Latin: never counted
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for script, code in _SCRIPTS.items():
            if name.startswith(script):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return None
    letters = sum(1 for ch in _LETTER.findall(sample) if ch.isalpha())
    if not letters:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n / letters > 0.5 else None


def marker_share(words: list[str]) -> float:
    """Share of `words` (lower-cased) that are English marker words."""
    markers = english_markers()
    return sum(1 for w in words if w in markers) / len(words) if words else 0.0


def detect_language(text: str) -> str:
    """ISO 639-1 code. Texts under ~20 words are 'en' unless clearly another script;
    'und' when nothing can be said (no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    script = dominant_script(sample)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return script or "en"
    if script is None and marker_share(words) >= MARKER_SHARE:
        return "en"
    try:
        from langdetect import DetectorFactory, detect_langs

        DetectorFactory.seed = 0
        guesses = detect_langs(sample)
    except Exception:  # noqa: BLE001 - LangDetectException on odd input
        return script or "en"
    if not guesses:
        return script or "en"
    best = guesses[0]
    code = best.lang.split("-")[0]  # zh-cn -> zh
    if code != "en" and best.prob < 0.8 and any(g.lang == "en" for g in guesses):
        return "en"
    return code
