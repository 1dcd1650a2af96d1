"""Language detection and the unsupported-language path."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.analysis import prepare
from narrascope.clean import clean_record
from narrascope.clean.language import detect_language
from narrascope.ingest.record import Record

TEXTS = {
    "en": "Gunmen attacked the parliament building and a shrine in Tehran on Wednesday, killing at least twelve "
          "people and wounding dozens more, according to state media reports and officials.",
    "fr": "Des hommes armés ont attaqué mercredi le parlement et un mausolée à Téhéran, tuant au moins douze "
          "personnes et en blessant des dizaines d'autres, selon les médias d'État et les responsables.",
    "de": "Bewaffnete Männer haben am Mittwoch das Parlament und ein Mausoleum in Teheran angegriffen und dabei "
          "mindestens zwölf Menschen getötet und Dutzende weitere verletzt, berichteten staatliche Medien.",
    "es": "Hombres armados atacaron el miércoles el parlamento y un mausoleo en Teherán, matando al menos a doce "
          "personas e hiriendo a decenas más, según informaron los medios estatales y funcionarios.",
    "ar": "هاجم مسلحون البرلمان وضريحا في طهران يوم الأربعاء مما أسفر عن مقتل اثني عشر شخصا على الأقل "
          "وإصابة العشرات بحسب وسائل الإعلام الرسمية والمسؤولين في البلاد",
    "fa": "مردان مسلح روز چهارشنبه به ساختمان مجلس و آرامگاه در تهران حمله کردند و دست کم دوازده نفر را کشتند "
          "و ده‌ها نفر دیگر را زخمی کردند، به گزارش رسانه‌های دولتی و مقامات کشور",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_detects(code):
    assert detect_language(TEXTS[code]) == code


def test_short_texts():
    assert detect_language("Bomb kills three") == "en"
    assert detect_language("Das ist gut") == "en"  # too short to tell: default
    assert detect_language("انفجار في طهران") == "ar"  # but a clearly different script is not English
    assert detect_language("взрыв в Тегеране") == "ru"
    assert detect_language("12345 -- 678") == "und"


def test_deterministic():
    sample = "Mixed text with some words. " * 3 + TEXTS["fr"][:60]
    assert len({detect_language(sample) for _ in range(5)}) == 1


def test_non_english_stored_with_unsupported_error():
    rec = Record(source="fr.txt", format="text", text=TEXTS["fr"])
    assert clean_record(rec).language == "fr"
    out = prepare(rec)
    assert not isinstance(out, tuple), "a French document must not go to the English pipeline"
    doc = out.document
    assert doc["language"] == "fr" and doc["text"] == TEXTS["fr"]
    [err] = [e for e in doc["errors"] if e["stage"] == "language"]
    assert err["message"].startswith("[E009]") and "fr.txt" in err["message"]


def _count_langdetect(monkeypatch) -> list:
    import langdetect

    calls: list = []
    real = langdetect.detect_langs

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(langdetect, "detect_langs", counting)
    return calls


def test_english_fast_path_skips_langdetect(monkeypatch):
    from narrascope.clean.language import MARKER_SHARE, _WORD, marker_share

    calls = _count_langdetect(monkeypatch)
    examples = Path(__file__).resolve().parents[2] / "examples"
    for path in sorted(examples.glob("*.txt")):
        text = path.read_text("utf-8")
        assert marker_share([w.lower() for w in _WORD.findall(text)]) >= MARKER_SHARE
        assert detect_language(text) == "en"
        assert detect_language(text.upper()) == "en"  # all-caps wire copy (MUC style)
    assert calls == []


def test_other_languages_still_go_to_langdetect(monkeypatch):
    from narrascope.clean.language import _WORD, marker_share

    for code in ("fr", "de", "es"):
        assert marker_share([w.lower() for w in _WORD.findall(TEXTS[code])]) == 0.0
    calls = _count_langdetect(monkeypatch)
    assert detect_language(TEXTS["fr"]) == "fr"
    assert len(calls) == 1


def test_english_quote_in_a_french_text_is_not_english():
    quote = ' "We will not give up," he said. '
    text = TEXTS["fr"] + quote + TEXTS["fr"]
    assert detect_language(text) == "fr"


def test_fast_path_agrees_with_langdetect_on_polnear(datasets_dir, monkeypatch):
    """Every dev text the fast path calls English, langdetect calls English too."""
    from narrascope.clean.language import MARKER_SHARE, SAMPLE_CHARS, _WORD, marker_share

    texts = [p.read_text("utf-8") for p in sorted((datasets_dir / "polnear" / "dev" / "text").glob("*.txt"))]
    assert texts
    fast = [t for t in texts if marker_share([w.lower() for w in _WORD.findall(t[:SAMPLE_CHARS])]) >= MARKER_SHARE]
    assert len(fast) >= 0.9 * len(texts)
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    assert all(detect(t[:SAMPLE_CHARS]) == "en" for t in fast)
