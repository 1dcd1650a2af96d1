"""A cue verb's preposition in or out of the cue, as PolNeAR's annotators mark it (session 8).

Whether the preposition right after a cue word belongs to the cue depends on the pair: gold
cues of PolNeAR train take it for "called for" (75 : 1), "talked about" (70 : 1), "focused on"
(38 : 0), "pointed to" (37 : 0), and leave it out for "said in" (0 : 122), "said on" (0 : 50),
"said at" (0 : 36), "wrote in" (1 : 32), "described as" (1 : 10). The stages before read cue
ends from a few features and get these pairs wrong both ways ("called [for]", "said [at]").

`models/attribution/cue_preps.tsv` holds, per (cue lemma, preposition) seen at least
`MIN_COUNT` times in train after a gold cue's last word (as its `prep` or `agent` child), how
often the gold cue took the preposition and how often it left it out, and the convention when
one side has at least `RATIO` times the other (written by `narrascope train attribution
--stage cuepick`, from the gold cues of one annotator file per article). At run time a cue
holding a preposition right after one of its words, the pair's convention "out", ends before
it ("said [at]", "said [during a rally]", "responded [by using ...]"); a cue
followed by its last word's preposition takes it when the convention is "in", unless the
preposition lies in the source or inside a content fragment (a content starting at it starts
one token later). Thresholds chosen on the first half of dev (sorted article names, first 42),
held on the second.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.rules import Candidate
from narrascope.attribution.tagger import MODEL_DIR

CUE_PREPS_FILE = MODEL_DIR / "cue_preps.tsv"
MIN_COUNT = 3   # pairs seen fewer times in train are left alone (2 / 3 / 4 / 5 / 8 / 10 tried)
RATIO = 2.0     # one side at least twice the other (1.5 / 2 / 2.5 / 3 tried)
PREP_DEPS = ("prep", "agent")
HEAD_POS = ("VERB", "AUX", "ADJ", "NOUN")
TokRange = tuple[int, int]


def load_cue_preps(path: Path | str | None = None) -> dict[tuple[str, str], bool] | None:
    """{(lemma, preposition): True (in the cue) / False (out)}; None when the file is missing
    or malformed."""
    path = Path(path) if path else CUE_PREPS_FILE
    if not path.exists():
        return None
    out: dict[tuple[str, str], bool] = {}
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            lemma, prep, _out, _in, rule = line.split("\t")
            if rule in ("in", "out"):
                out[(lemma, prep)] = rule == "in"
    except ValueError:
        return None
    return out


def edit_cue_preps(doc: Doc, cands: list[Candidate],
                   table: dict[tuple[str, str], bool] | None) -> list[Candidate]:
    """Each candidate with its cue's preposition taken or left out by the table's convention;
    a candidate that does not change is kept as it is (not copied)."""
    if not table:
        return cands
    a = None
    out = []
    for cand in cands:
        if a is None:
            a = arrays(doc)
        s, e = cand.cue
        cut = next((k for k in range(s + 1, e) if a.dep[k] in PREP_DEPS and a.head[k] == k - 1
                    and table.get((a.lemma[k - 1], a.lower[k])) is False), None)
        if cut is not None:
            cand = replace(cand, cue=(s, cut))
        elif e < a.n and a.dep[e] in PREP_DEPS and a.head[e] == e - 1 \
                and table.get((a.lemma[e - 1], a.lower[e])) is True \
                and not (cand.source and cand.source[0] <= e < cand.source[1]):
            content = list(cand.content)
            ok = True
            for j, (x, y) in enumerate(content):
                if x <= e < y:
                    if x == e and y - x > 1:
                        content[j] = (x + 1, y)
                    else:
                        ok = False
            if ok:
                cand = replace(cand, cue=(s, e + 1), content=content)
        out.append(cand)
    return out


def count_pairs(docs_gold) -> Counter:
    """Counter of (lemma, preposition, taken) over (Doc, gold cue token ranges) pairs: for each
    single-fragment gold cue, its last word (before a final preposition or particle) and the
    preposition hanging on it right after (in the cue or not)."""
    counts: Counter = Counter()
    for doc, cues in docs_gold:
        for a, b in cues:
            e = b
            if doc[e - 1].dep_ in (*PREP_DEPS, "prt") and e - 1 > a:
                e -= 1
            h = doc[e - 1]
            if h.pos_ not in HEAD_POS:
                continue
            if e < len(doc) and doc[e].head.i == h.i and doc[e].dep_ in PREP_DEPS:
                counts[(h.lemma_.lower(), doc[e].lower_, b > e)] += 1
    return counts


def train_cue_preps(root, docs: dict[str, Doc], out: Path | str | None = None, log=print) -> dict:
    """Count the pairs on PolNeAR train (one annotator file per article) and write the table."""
    from narrascope.attribution.train import char_to_tokens
    from narrascope.eval import brat_attributions as polnear

    out = Path(out) if out else CUE_PREPS_FILE

    def pairs():
        for article in polnear.iter_articles(root, "train", names=sorted(docs), one_annotator=True):
            doc = docs[article.name]
            cues = []
            for att in article.attributions:
                if len(att.cue) == 1:
                    r = char_to_tokens(doc, *att.cue[0])
                    if r:
                        cues.append(r)
            yield doc, cues

    counts = count_pairs(pairs())
    table: dict[tuple[str, str], list[int]] = {}
    for (lemma, prep, taken), n in counts.items():
        table.setdefault((lemma, prep), [0, 0])[int(taken)] += n
    rows = 0
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# cue word + preposition right after it: gold cues of PolNeAR train (one annotator file\n"
                 "# per article) leaving the preposition out / taking it in, and the convention (in / out\n"
                 f"# when one side is >= {RATIO:g} x the other, else -); pairs seen >= {MIN_COUNT} times;\n"
                 "# written by `narrascope train attribution --stage cuepick` (attribution/cue_preps.py)\n")
        for (lemma, prep), (n_out, n_in) in sorted(table.items()):
            if n_out + n_in < MIN_COUNT or any(ch.isspace() for ch in lemma + prep):
                continue
            rule = "in" if n_in >= RATIO * n_out else "out" if n_out >= RATIO * n_in else "-"
            fh.write(f"{lemma}\t{prep}\t{n_out}\t{n_in}\t{rule}\n")
            rows += 1
    info = {"cue_preps_rows": rows, "cue_preps_path": str(out)}
    log(f"cue prepositions: {info}")
    return info
