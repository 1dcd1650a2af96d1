"""Fatalities and injuries from number phrases next to death/injury words.

Coding follows ACLED's conservative rules (ACLED Codebook 2023, "Fatalities"): a vague
plural counts as its lower conventional value ("several"/"many" = 10, "dozens" = 12,
"hundreds" = 100); `low`/`high` give the range the phrase allows. Numbers that are not
casualty counts (years, ages, prices, times, percentages, dates) are skipped.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token
from text_to_num import text2num

from narrascope.events import lexicon
from narrascope.events.doccache import doc_text, token_table
from narrascope.events.verbs import verb_in

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "both": 2, "single": 1, "no": 0,
}
# value (ACLED), low, high
# (low stays <= value: the ACLED value is the floor an analyst may rely on)
VAGUE = {"several": (10, 3, 99), "many": (10, 3, None), "few": (3, 2, 9), "dozens": (12, 12, 99),
         "scores": (20, 20, 99), "hundreds": (100, 100, 999), "thousands": (1000, 1000, 9999),
         "numerous": (10, 3, None)}
NOT_COUNT_NOUNS = {"year", "month", "day", "week", "hour", "minute", "second", "dollar", "peso", "percent",
                   "%", "kilometer", "km", "meter", "mile", "time", "age", "rial", "euro", "colon",
                   "battalion", "brigade", "round", "shot", "house", "home", "vehicle", "building", "car",
                   "country", "province", "city", "department", "bomb", "grenade", "rifle"}
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# the words of a number written in several words ("fifty-eight", "two hundred and ten"); the joining
# hyphen and "and" only between two of them
CHAIN_WORDS = frozenset(w for w in WORD_NUMBERS if w not in ("a", "an", "no", "both", "single", "dozen")) | {"million"}


def _chain(tok: Token) -> tuple[int, int]:
    """The token range [start, end) of the number written in words that `tok` is part of."""
    doc = tok.doc

    def word(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].lower_ in CHAIN_WORDS

    def joint(i: int) -> bool:  # a hyphen or "and": only between two number words
        return 0 <= i < len(doc) and (doc[i].text == "-" or doc[i].lower_ == "and")

    start = end = tok.i
    while word(start - 1) or (joint(start - 1) and word(start - 2)):
        start -= 1
    while word(end + 1) or (joint(end + 1) and word(end + 2)):
        end += 1
    return start, end + 1


def _chain_value(doc, start: int, end: int) -> int | None:
    """The value of a number in words ("fifty-eight" -> 58). text2num (MIT) parses English number
    words; a chain it does not read ("ten eleven") gives None and the token is read alone."""
    words = " ".join(t.lower_ for t in doc[start:end] if t.text != "-")
    try:
        return text2num(words.replace(" and ", " "), "en")
    except ValueError:
        return None


def _number(tok: Token) -> tuple[int, int | None, int | None, int] | None:
    """(value, low, high, index of the number's first word) of a count token, or None."""
    low = tok.lower_.replace(",", "")
    if low in VAGUE:
        if low in ("several", "many", "few", "numerous") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "a" and low != "few":
            return None
        return (*VAGUE[low], tok.i)
    if low.isdigit():
        if _YEAR.match(low) and len(low) == 4:
            return None
        n = int(low)
        return (n, n, n, tok.i)
    if low in WORD_NUMBERS and low not in ("a", "an", "no"):
        n = WORD_NUMBERS[low]
        if low in CHAIN_WORDS:
            start, end = _chain(tok)
            if end - start > 1:
                whole = _chain_value(tok.doc, start, end)
                if whole is not None:
                    # the number's last word stands for it; its other words are no count of their own
                    return (whole, whole, whole, start) if tok.i == end - 1 else None
        # a single word, or a chain text2num does not read ("five and six"): each word alone
        return (n, n, n, tok.i)
    return None


def _is_excluded(tok: Token) -> bool:
    """Years, ages, prices, times, dates, percentages, ordinals."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prv = doc[tok.i - 1] if tok.i > 0 else None
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "CARDINAL") and tok.ent_type_ != "CARDINAL":
        return True
    if nxt is not None and (nxt.lower_ in ("-year", "year", "years", "%", "percent") or nxt.text.startswith("-year")):
        return True
    if prv is not None and (prv.lower_ in ("aged", "age", "$", "us$", "no.", "number") or prv.text in "$£€"):
        return True
    if prv is not None and prv.lower_ in ("january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"):
        return True
    return False


def _modifier(tok: Token) -> tuple[str | None, int]:
    """'at least', 'more than', 'about', 'up to' before a number -> (kind, start index)."""
    doc = tok.doc
    i = tok.i
    two = doc[max(0, i - 2):i].text.lower()
    one = doc[i - 1].lower_ if i > 0 else ""
    if two in ("at least", "more than", "over than", "up to", "as many", "no fewer", "no less"):
        return two, i - 2
    if one in ("about", "around", "some", "approximately", "nearly", "almost", "over"):
        return one, i - 1
    return None, i


def _count(tok: Token) -> dict[str, Any] | None:
    got = _number(tok)
    if got is None or _is_excluded(tok):
        return None
    value, low, high, first = got
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no" and tok.lower_ == "one":  # "no one was injured"
        return {"value": 0, "low": 0, "high": 0, "start_tok": tok.i - 1, "end_tok": tok.i + 1}
    # "at least fifty-eight": the modifier stands before the number's first word
    kind, start = _modifier(tok.doc[first])
    if kind in ("at least", "more than", "over"):
        low, high = (value + (kind != "at least"), None)
    elif kind == "up to":
        low = 0
    elif kind in ("about", "around", "approximately", "some"):
        low, high = (int(value * 0.8), int(value * 1.2) + 1)
    elif kind in ("nearly", "almost"):
        low, high = int(value * 0.8), value
    end = tok.i + 1
    # "dozens of others", "hundreds of pilgrims"
    return {"value": value, "low": low, "high": high, "start_tok": start, "end_tok": end}


def _cue(tok: Token, cues: dict[str, set[str]]) -> str | None:
    lem = tok.lemma_.lower()
    low = tok.lower_
    if lem in cues["death"] or low in ("dead", "killed"):
        return "fatalities"
    if lem in cues["injury"] or low in ("injured", "wounded"):
        return "injuries"
    return None


def find_counts(sent: Span) -> list[dict[str, Any]]:
    """Casualty counts in one sentence: `{kind, value, low, high, text, start, end, cue_i}`."""
    cues = lexicon.roles()
    doc = sent.doc
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    tab = token_table(doc)
    cue_words = cues["death"] | cues["injury"] | {"dead", "killed", "injured", "wounded"}
    # `_cue` reads the lemma and the lower-case form: other tokens are no cue
    cue_toks = [doc[i] for i in range(sent.start, sent.end)
                if (tab.lemma_l[i] in cue_words or tab.lower[i] in cue_words)
                and tab.pos[i] in ("VERB", "NOUN", "ADJ", "AUX") and _cue(doc[i], cues)]
    for cue in cue_toks:
        kind = _cue(cue, cues)
        if cue.lemma_.lower() == "life" and not verb_in(cue.head, {"claim", "lose", "take"}):
            continue
        best = None
        # candidates: numbers within 7 tokens before or 6 after, inside the sentence
        lo, hi = max(sent.start, cue.i - 7), min(sent.end, cue.i + 7)
        for j in range(lo, hi):
            tok = doc[j]
            if j in used or j == cue.i:
                continue
            c = _count(tok)
            if c is None:
                # "a soldier was wounded", "the death of a civilian": article + human noun
                if tok.lower_ in ("a", "an", "one") and j + 1 < sent.end and doc[j + 1].dep_ != "compound" \
                        and doc[j + 1].lemma_.lower() in cues["human"] | cues["perp_individual"]:
                    c = {"value": 1, "low": 1, "high": 1, "start_tok": j, "end_tok": j + 1}
                else:
                    continue
            # the counted noun must not be a non-person noun ("three houses", "two years")
            noun = tok.head if tok.dep_ in ("nummod", "quantmod") else (doc[j + 1] if j + 1 < len(doc) else tok)
            if tok.dep_ not in ("nummod",) and j + 2 < len(doc) and doc[j + 1].lower_ == "of":
                noun = doc[j + 2]
            if noun.lemma_.lower() in NOT_COUNT_NOUNS:
                continue
            # another cue of the other kind between number and this cue binds the number to it
            between = doc[min(j, cue.i) + 1:max(j, cue.i)]
            if any(_cue(b, cues) not in (None, kind) for b in between):
                continue
            if any(b.text in (";",) or b.lower_ in ("while", "whereas", "but") for b in between):
                continue
            # "17 killed", "hundreds wounded": a participle/adjective cue takes the number before it;
            # "killing four people", "the death of six": a verb or noun cue takes the one after
            before_cue = cue.tag_ in ("VBN", "JJ") or cue.lower_ in ("dead", "killed", "injured", "wounded")
            wrong_side = (j > cue.i) if before_cue else (j < cue.i and cue.tag_ not in ("NNS", "NN"))
            dist = abs(j - cue.i) + (6 if wrong_side else 0)
            if best is None or dist < best[0]:
                best = (dist, j, c)
        if best is None:
            # "no casualties", "no one was injured", "nobody was killed"
            prev = doc[max(sent.start, cue.i - 3):cue.i]
            if any(t.lower_ in ("no", "nobody", "none") for t in prev) and not any(t.lower_ == "not" for t in prev):
                s, e = prev[0].idx, cue.idx + len(cue.text)
                out.append({"kind": kind, "value": 0, "low": 0, "high": 0, "text": doc_text(doc)[s:e], "start": s,
                            "end": e, "cue_i": cue.i})
            continue
        _, j, c = best
        used.add(j)
        s_tok = min(c["start_tok"], cue.i)
        e_tok = max(c["end_tok"], cue.i + 1)
        s, e = doc[s_tok].idx, doc[e_tok - 1].idx + len(doc[e_tok - 1].text)
        out.append({"kind": kind, "value": c["value"], "low": c["low"], "high": c["high"],
                    "text": doc_text(doc)[s:e], "start": s, "end": e, "cue_i": cue.i})
    # "casualties" alone is ambiguous (killed + wounded): not coded, as ACLED does
    return out


def combine(counts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The counts of one kind for one incident -> spec count (conflicting values are kept, flagged)."""
    if not counts:
        return None
    first = counts[0]
    out = {"value": first["value"], "low": first["low"], "high": first["high"], "text": first["text"]}
    distinct = []
    for c in counts:
        key = (c["value"], c["low"], c["high"])
        if key not in [(d["value"], d["low"], d["high"]) for d in distinct]:
            distinct.append(c)
    if len(distinct) > 1:
        out["conflict"] = True
        out["alternatives"] = [{"value": d["value"], "low": d["low"], "high": d["high"], "text": d["text"],
                                "start": d["start"], "end": d["end"]} for d in distinct]
    return out
