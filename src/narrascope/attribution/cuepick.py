"""Cue picker: a logistic regression over candidate cue words the first stage left out.

The paragraph tagger and the rules miss about 29% of PolNeAR's gold cues (verbs outside the
lexicon, cues of nested attributions, belief and perception verbs). The picker scores the
candidate words no first-stage cue covers (verbs; nouns and adjectives that are cue words;
predicative adjectives; a colon or dash after a speaker) whose lemma passes the gate stored
with the weights, from features of the word and its dependency frame: lemma, POS, label, the
head's lemma and label, the words either side, its children's labels (a complement clause, a
`that`, an object, a subject, a preposition and which), the subject's and object's lemmas,
quotation marks near it, a colon after it, the cue lexicon's class, the rule reading that
covers it. A word scoring at least the threshold becomes a cue (with its auxiliaries,
negation, adverbs before it, a particle and a colon after it, as `rules._extend_cue` marks
cues); the per-cue model then reads its source and content, and a cue it gives no content is
dropped. Weights: `models/attribution/cuepick.tsv` (trained on PolNeAR train by
`narrascope train attribution --stage cuepick`; threshold chosen on the first half of PolNeAR
dev, checked on the second half).
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate
from narrascope.attribution.weights_file import LinearWeights, load_model
from narrascope.attribution.tagger import MODEL_DIR

CUEPICK_FILE = MODEL_DIR / "cuepick.tsv"
CHILD_DEPS = {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "csubj", "prep", "mark", "agent",
              "advcl", "dative", "prt", "acomp", "attr", "neg", "aux", "auxpass", "punct", "conj"}
LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
LEFT_STOP = {"to", "when", "where", "how", "why", "then", "so"}
PUNCT_CUES = {":", "―", "—", "--"}  # a speaker's name, then a colon or dash and the quotation
GATE_SCORE = 0.2
TokRange = tuple[int, int]


def candidate_tokens(doc: Doc, words: frozenset[str]) -> list[int]:
    """Verbs, nouns / adjectives that are cue words (lexicon or learned), predicative
    adjectives ("were frustrated that"), colons and dashes."""
    a = arrays(doc)
    out = []
    for i in range(a.n):
        p = a.pos[i]
        if p == "VERB" or (p in ("NOUN", "ADJ") and a.lemma[i] in words) or a.text[i] in PUNCT_CUES \
                or (p == "ADJ" and a.dep[i] == "acomp"):
            out.append(i)
    return out


def cue_span(doc: Doc, i: int) -> TokRange:
    """The cue word with the auxiliaries, negation and adverbs right before it, a particle
    and a colon right after it."""
    a = arrays(doc)
    if a.text[i] in PUNCT_CUES:
        return i, i + 1
    start = i
    while start > 0 and a.head[start - 1] == i and a.dep[start - 1] in LEFT_DEPS \
            and a.lower[start - 1] not in LEFT_STOP:
        start -= 1
    end = i + 1
    if end < a.n and a.dep[end] == "prt" and a.head[end] == i:
        end += 1
    if end < a.n and a.text[end] == ":":
        end += 1
    return start, end


class PickContext:
    """Per-Doc tables the features read: children, quotation ids, rule readings per token."""

    def __init__(self, doc: Doc, quote_ids: list[int], rules: list[Candidate]) -> None:
        a = self.a = arrays(doc)
        self.children: list[list[int]] = [[] for _ in range(a.n)]
        for i, h in enumerate(a.head):
            if h != i:
                self.children[h].append(i)
        self.quote_ids = quote_ids
        self.rule_at: dict[int, str] = {}
        for r in rules:
            if r.inherited_from is None:
                tag = r.kind + ("|strong" if r.extra.get("strong") else "")
                for k in range(*r.cue):
                    self.rule_at[k] = tag
        self.in_content = [0] * a.n
        for r in rules:
            for s, e in r.content:
                for k in range(s, e):
                    self.in_content[k] = 1


def _word(w: str) -> str:
    return w if w.strip() == w and w else "<sp>"  # white-space tokens (paragraph breaks)


def features(ctx: PickContext, i: int, lex: CueLexicon, learned: frozenset[str]) -> list[str]:
    a = ctx.a
    lem, pos, dep = a.lemma[i], a.pos[i], a.dep[i]
    h = a.head[i]
    f = ["b", f"l={lem}", f"p={pos}", f"t={a.tag[i]}", f"d={dep}", f"pd={pos}|{dep}",
         f"hl={_word(a.lemma[h])}", f"hd={a.dep[h]}", f"hp={a.pos[h]}", f"ld={lem}|{dep}"]
    n = a.n
    f.append(f"w-1={_word(a.lower[i - 1])}" if i > 0 else "w-1=^")
    f.append(f"w+1={_word(a.lower[i + 1])}" if i + 1 < n else "w+1=$")
    if a.text[i] in PUNCT_CUES:
        f.append(f"p-1={a.pos[i - 1]}" if i > 0 else "p-1=^")
        f.append(f"p+1={a.pos[i + 1]}" if i + 1 < n else "p+1=$")
    deps = set()
    for c in ctx.children[i]:
        cd = a.dep[c]
        if cd in CHILD_DEPS:
            deps.add(cd)
            if cd in ("nsubj", "nsubjpass"):
                f.append(f"sp={a.pos[c]}")
                f.append(f"sl={_word(a.lemma[c])}")
            elif cd == "dobj":
                f.append(f"ol={_word(a.lemma[c])}")
            elif cd == "ccomp" and any(a.lower[g] == "that" and a.dep[g] == "mark" for g in ctx.children[c]):
                deps.add("that")
            if cd == "prep" or cd == "mark" or cd == "prt":
                f.append(f"c{cd}={a.lower[c]}")
                if c == i + 1:
                    f.append(f"lnext={lem}|{a.lower[c]}")
            if cd == "punct" and a.text[c] in MARKS:
                deps.add("qmark")
    for cd in sorted(deps):
        f.append(f"c={cd}")
    comp = "ccomp" in deps or "xcomp" in deps
    f.append(f"lcomp={lem}|{int(comp)}")
    subj = "nsubj" in deps or "nsubjpass" in deps
    f.append(f"frame={int(comp)}{int(subj)}{int('dobj' in deps)}")
    klass = lex.verbs.get(lem)
    if klass:
        f.append(f"lex={klass}")
    if lem in lex.nouns:
        f.append("lex=noun")
    if lem in learned:
        f.append("learned")
    q = ctx.quote_ids
    if q[i] >= 0:
        f.append("inq")
    if any(a.text[k] in MARKS for k in range(max(0, i - 3), i)):
        f.append("qL")
    if any(a.text[k] in MARKS for k in range(i + 1, min(n, i + 4))):
        f.append("qR")
    if i + 1 < n and a.text[i + 1] == ":":
        f.append("colon")
    if i + 1 < n and a.text[i + 1] == ",":
        f.append("commaR")
    if i > 0 and a.text[i - 1] == ",":
        f.append("commaL")
    rule = ctx.rule_at.get(i)
    f.append(f"rule={rule}" if rule else "norule")
    if ctx.in_content[i]:
        f.append("inrulecontent")
    return f


class CuePicker(LinearWeights):
    """The picker's weights, its `#threshold` and its `#lemma` gate (`weights_file.py`);
    `score` is the probability that a candidate is a cue."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(path or CUEPICK_FILE)
        self.threshold = self.setting("threshold", 0.5)
        lemmas = set(self.settings.get("lemma", ()))
        # only words whose lemma heads a gold cue in train and scores >= GATE_SCORE there at
        # least once are scored (the others, 59% of the train candidates, cost time for
        # about one pick in 150,000 train rows)
        self.lemmas: frozenset[str] | None = frozenset(lemmas) if lemmas else None

    score = LinearWeights.prob

    def pick(self, doc: Doc, cands: list[Candidate], rules: list[Candidate], quote_ids: list[int],
             lex: CueLexicon, words: frozenset[str], learned: frozenset[str],
             threshold: float | None = None) -> list[Candidate]:
        """New cue candidates (empty content) for the words no first-stage cue covers."""
        th = self.threshold if threshold is None else threshold
        covered = set()
        for c in cands:
            covered.update(range(*c.cue))
        ctx = None
        out: list[Candidate] = []
        taken: set[int] = set()
        lemma = arrays(doc).lemma
        gate = self.lemmas
        for i in candidate_tokens(doc, words):
            if i in covered or i in taken or gate is not None and lemma[i] not in gate:
                continue
            if ctx is None:
                ctx = PickContext(doc, quote_ids, rules)
            p = self.score(features(ctx, i, lex, learned))
            if p >= th:
                cue = cue_span(doc, i)
                if any(k in covered for k in range(*cue)):
                    cue = (i, i + 1)
                taken.update(range(*cue))
                out.append(Candidate(cue=cue, content=[], origin="model", extra={"picked": round(p, 3)}))
        return out


def load_cuepick(path: Path | str | None = None) -> CuePicker | None:
    return load_model(CuePicker, path)
