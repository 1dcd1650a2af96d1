"""Language identification (langdetect, fixed seed) with a script check for short texts."""

from __future__ import annotations

import re
import unicodedata

SAMPLE_CHARS = 5000
MIN_WORDS = 20
_SCRIPTS = {"ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el", "HANGUL": "ko",
            "HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "zh", "THAI": "th", "DEVANAGARI": "hi",
            "ARMENIAN": "hy", "GEORGIAN": "ka", "BENGALI": "bn", "TAMIL": "ta"}
_WORD = re.compile(r"\w+")


def dominant_script(text: str) -> str | None:
    """ISO 639-1 guess from the dominant non-Latin script, when letters are mostly in one."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:SAMPLE_CHARS]:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "")
        for script, code in _SCRIPTS.items():
            if name.startswith(script):
                counts[code] = counts.get(code, 0) + 1
                break
    if not letters or not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n / letters > 0.5 else None


def detect_language(text: str) -> str:
    """ISO 639-1 code. Texts under ~20 words are 'en' unless clearly another script;
    'und' when nothing can be said (no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    script = dominant_script(sample)
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return script or "en"
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
