"""Write the entity-linking gold files (offsets, mention string and kb id only; no article text).

    python benchmarks/gold/build_gold.py [--dataset-root ../shared/datasets]

- entities-examples.jsonl: the two demo articles, annotated by hand: EXAMPLES below lists
  every KB-actor name in them (each string is found at every occurrence as a whole word,
  longer strings first); titles before a name ("Supreme Leader Khamenei") are not mentions,
  role mentions standing alone ("the Supreme Leader") are, linked to the holder.
- entities-pnear-dev.jsonl: the attribution *sources* of PolNeAR dev (first annotator of
  each article). Procedure (documented in docs/actors.md): candidate names are the runs of
  capitalised words in each Source span (regex, independent of the NER model); within a run,
  the longest sub-run that is a KB name (kb.lookup) is a mention; honorifics and titles are
  outside the mention ("Mr. Obama" -> "Obama"). Bare surnames of KB persons that are not KB
  aliases ("Cruz") are linked when the article names the person in full (SURNAMES). Every
  resulting string was then reviewed by hand; REJECT lists the lookups judged wrong.
Mentions of names the KB does not hold are not in these files (linked mentions only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

EXAMPLES = {
    "examples/iran-isis-narratives-shops.txt": [
        ("ISIS", "Q2429253"), ("Iran", "Q794"), ("Mahsa Amini", "mahsa-amini"), ("Amini", "mahsa-amini"),
        ("Syrian Observatory for Human Rights", "sohr"), ("London", "Q84"), ("Supreme Leader", "Q57336"),
        ("Hezbollah", "Q131559"), ("Iranian Revolutionary Guard", "irgc"), ("Revolutionary Guard", "irgc"),
        ("Guiran Prison", "ghwayran-prison"), ("Syrian Democratic Forces", "sdf"), ("SDF", "sdf"),
        ("Syria", "Q858"), ("Shah Cheragh", "shah-cheragh"), ("Shiraz", "geonames-115019"),
        ("Al-Arabiya Al-Hadath", "al-hadath"), ("Iranian regime", "iran-government"),
        ("regime of the Mullahs", "iran-government"), ("official Iranian television", "irib"),
        ("Iranian parliament", "majlis"), ("Islamic Republic", "Q794"), ("Khomeini", "Q38823"),
        ("Iranian morality police", "guidance-patrol"),
    ],
    "examples/isis-attacks-on-iran-regime-reflect.txt": [
        ("ISIS", "Q2429253"), ("Iran", "Q794"), ("Tehran", "Q3616"), ("Shahriar Kia", "shahriar-kia"),
        ("National Council of Resistance of Iran", "ncri"), ("NCRI", "ncri"), ("Maryam Rajavi", "maryam-rajavi"),
        ("Rajavi", "maryam-rajavi"), ("Iranian regime", "iran-government"), ("Khamenei", "Q57336"),
        ("Ali Khamenei", "Q57336"), ("Iraq", "Q796"), ("Syria", "Q858"), ("Yemen", "Q805"),
        ("Middle East", "middle-east"), ("al-Qaeda", "Q34490"), ("Revolutionary Guards", "irgc"),
        ("United States", "Q30"), ("Telegram", "telegram-messenger"), ("Imam Reza Shrine", "imam-reza-shrine"),
        ("Mashhad", "geonames-124665"), ("People’s Mojahedin Organization of Iran", "mek"), ("PMOI/MEK", "mek"),
        ("PMOI", "mek"), ("Ministry of Intelligence", "mois"), ("MOIS", "mois"),
        ("Armed Forces Judiciary Organization", "iran-armed-forces-judiciary"), ("Saeid Emami", "saeed-emami"),
        ("Ali Fallahian", "ali-fallahian"), ("Bashar Assad", "Q44329"), ("IRGC", "irgc"),
        ("Organization of Islamic Cooperation", "oic"), ("Iranian Resistance", "ncri"),
        ("mullahs’ regime", "iran-government"),
    ],
}

# surname -> (kb id, full names one of which the article must contain)
SURNAMES = {
    "Clinton": ("Q6294", ("Hillary Clinton", "Hillary Rodham Clinton", "Mrs. Clinton", "Hillary")),
    "Cruz": ("ted-cruz", ("Ted Cruz",)),
    "Graham": ("lindsey-graham", ("Lindsey Graham",)),
    "Lynch": ("loretta-lynch", ("Loretta Lynch", "Loretta E. Lynch")),
    "Warren": ("elizabeth-warren", ("Elizabeth Warren",)),
    "Reid": ("harry-reid", ("Harry Reid",)),
    "Ryan": ("paul-ryan", ("Paul Ryan", "Paul D. Ryan")),
    "Stein": ("jill-stein", ("Jill Stein",)),
    "Kaine": ("tim-kaine", ("Tim Kaine",)),
    "Grassley": ("chuck-grassley", ("Charles E. Grassley", "Chuck Grassley")),
    "Leahy": ("patrick-leahy", ("Patrick J. Leahy", "Patrick Leahy")),
    "Flynn": ("michael-flynn", ("Michael Flynn",)),
    "Earnest": ("josh-earnest", ("Josh Earnest",)),
    "Brazile": ("donna-brazile", ("Donna Brazile",)),
    "Sharpton": ("al-sharpton", ("Al Sharpton",)),
    "Kerry": ("john-kerry", ("John Kerry", "John F. Kerry")),
    "May": ("Q264766", ("Theresa May",)),
    "Merkel": ("Q567", ("Angela Merkel",)),
    "Tusk": ("donald-tusk", ("Donald Tusk",)),
    "Bush": ("Q207", ("George W. Bush",)),
    "Johnson": ("jeh-johnson", ("Jeh Johnson",)),
}
# (article name prefix, surname) -> kb id, decided by reading the article
SURNAME_IN_DOC = {("breitbart_2016-10-04_bill-clinton-calls", "Clinton"): "Q1124"}
# articles where a bare surname names someone else (checked by hand)
SURNAME_EXCEPTIONS = {("Lynch", "Rep. Stephen Lynch")}
HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Sens.", "Rep.", "Gov.", "Del.", "Gen.", "Lt.", "President",
              "Senator", "Senators", "Representative", "Former", "Vice", "Chief", "Justice", "Retired", "Mayor",
              "Secretary", "Speaker", "Chairman", "Chairwoman", "Interim", "Attorney", "General", "Rival",
              "Democrat", "Republican", "Democratic", "Activist", "Spokeswoman", "Spokesman", "The", "A", "An",
              "Commissioner", "Judge", "Prime", "Minister", "Chancellor", "British", "German", "French",
              "Italian", "European", "Council", "House", "Majority", "Minority", "Leader", "Oversight",
              "Massachusetts", "Vermont", "Indiana", "New", "Jersey", "Homeland", "Security", "Press",
              "South", "Korean", "Sec.", "Executive", "Director"}
PURE_TITLES = {"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Sens.", "Rep.", "Gov.", "Del.", "Gen.", "Lt.", "President",
               "Senator", "Senators", "Representative", "Former", "Vice", "The", "A", "An", "Retired", "Mayor",
               "Secretary", "Speaker", "Chairman", "Chairwoman", "Interim", "Rival", "Activist", "Spokeswoman",
               "Spokesman", "Commissioner", "Judge", "Chief", "Justice"}
REJECT = {"Cameron", "Chad", "Douglas", "Van", "Ora", "Cia", "Shah", "State", "Times", "Post", "The Post", "House", "Federal", "Police",
          "Korea", "Data", "Alliance", "Media", "Washington", "Jordan", "Price", "Ham", "Oz", "Melanie"}
# names of bodies the KB does not hold that contain a KB name: no mention inside them
SKIP_INSIDE = ("Iraq and Afghanistan Veterans of America", "United Mine Workers of America",
               "Homeland Security Investigations")
NAME = re.compile(r"[A-Z][\w’'.\-]*(?:\s+(?:of|for|de|the|on|al|bin|and|and the|&)\s+[A-Z][\w’'.\-]*|\s+[A-Z][\w’'.\-]*)*")
POSSESSIVE = re.compile(r"(?:[’']s?)?$")


def find_all(text: str, items: list[tuple[str, str]]) -> list[dict]:
    taken: list[tuple[int, int]] = []
    out = []
    for string, kb_id in sorted(items, key=lambda t: -len(t[0])):
        for m in re.finditer(r"(?<![\w-])" + re.escape(string) + r"(?![\w-])", text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            out.append({"start": s, "end": e, "text": string, "kb_id": kb_id})
    return sorted(out, key=lambda m: m["start"])


def examples_gold() -> list[dict]:
    rows = []
    for doc, items in EXAMPLES.items():
        text = (REPO / doc).read_text(encoding="utf-8")
        rows.append({"doc": doc, "published": None, "regions": None, "mentions": find_all(text, items)})
    return rows


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]


def polnear_gold(dataset_root: Path, split: str = "dev", names: list[str] | None = None) -> list[dict]:
    sys.path.insert(0, str(REPO / "src"))
    from narrascope.actors.kb import load_kb
    from narrascope.eval.brat_attributions import iter_articles

    kb = load_kb()
    rows = []
    for art in iter_articles(dataset_root / "polnear", split, names=names, one_annotator=True):
        text = art.text
        regions = sorted({frag for att in art.attributions for frag in (att.source or ())})
        mentions: dict[tuple[int, int], str] = {}
        for rs, re_ in regions:
            for cand in NAME.finditer(text, rs, re_):
                toks = _tokens(text, *cand.span())
                i = 0
                while i < len(toks):
                    found = None
                    word = text[toks[i][0]:toks[i][1]]
                    if word in PURE_TITLES or not word[:1].isupper():
                        i += 1
                        continue
                    for j in range(len(toks), i, -1):
                        s, e = toks[i][0], toks[j - 1][1]
                        last = text[toks[j - 1][0]:e]
                        e = s + len(text[s:e].rstrip(",;:" if "." in last[:-1] else ",.;:"))
                        e -= len(POSSESSIVE.search(text[s:e]).group(0))
                        phrase = text[s:e]
                        if phrase in REJECT or (j - i == 1 and phrase in HONORIFICS):
                            continue
                        actor = kb.lookup(phrase) or (kb.lookup(re.sub(r"\s[A-Z]\.(?=\s)|\sJr\.?$", "", phrase))
                                                      if j - i > 2 else None)
                        in_doc = [k for (prefix, n), k in SURNAME_IN_DOC.items() if n == phrase and art.name.startswith(prefix)]
                        if j - i == 1 and in_doc:
                            actor = kb.get(in_doc[0])
                        elif actor is None and j - i == 1 and phrase in SURNAMES:
                            kb_id, full = SURNAMES[phrase]
                            if any(f in text for f in full) and not any(
                                    n == phrase and ex and ex in text for n, ex in SURNAME_EXCEPTIONS):
                                actor = kb.get(kb_id)
                        if actor is not None and (not actor.id.startswith("geonames-") or actor.name == phrase):
                            found = (s, e, actor.id, j)
                            break
                    if found:
                        actor = kb.get(found[2])
                        prev = text[toks[i - 1][0]:toks[i - 1][1]] if i > 0 else ""
                        if (actor.type == "person" and found[3] - i == 1 and prev[:1].isupper()
                                and prev not in PURE_TITLES and prev not in HONORIFICS):
                            found = None  # "Ivana Trump" is not Trump
                        elif (actor.type in ("state", "place") and found[3] < len(toks)
                              and kb.lookup(text[toks[found[3]][0]:toks[found[3]][1]]) is None
                              and text[toks[found[3]][0]:toks[found[3]][1]][:1].isupper()):
                            found = None  # "United States Conference of Mayors" is not the US
                    if found:
                        mentions[(found[0], found[1])] = found[2]
                        i = found[3]
                    else:
                        i += 1
        for skip in SKIP_INSIDE:
            for m in re.finditer(re.escape(skip), text):
                for key in [k for k in mentions if m.start() <= k[0] and k[1] <= m.end()]:
                    del mentions[key]
        date = re.search(r"_(\d{4}-\d{2}-\d{2})_", art.name)
        rows.append({
            "doc": f"polnear/{split}/text/{art.name}.txt",
            "published": date.group(1) if date else None,
            "regions": [list(r) for r in regions],
            "mentions": [{"start": s, "end": e, "text": text[s:e], "kb_id": k} for (s, e), k in sorted(mentions.items())],
        })
    return rows


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{path}: {len(rows)} documents, {sum(len(r['mentions']) for r in rows)} mentions")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset-root", type=Path, default=REPO.parent / "shared" / "datasets")
    args = parser.parse_args()
    write(HERE / "entities-examples.jsonl", examples_gold())
    write(HERE / "entities-pnear-dev.jsonl", polnear_gold(args.dataset_root))
    # a check on articles nobody looked at while building the KB and the rules: every 14th
    # train article, same automatic procedure, NOT reviewed by hand
    from narrascope.eval.brat_attributions import article_names
    sample = article_names(args.dataset_root / "polnear", "train")[::14]
    write(HERE / "entities-pnear-train-sample.jsonl", polnear_gold(args.dataset_root, "train", sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
