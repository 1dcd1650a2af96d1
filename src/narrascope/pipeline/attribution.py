"""narrascope_attribution: who says what, for every quote and piece of reported speech.

Fills `doc._.attributions` with document-v1 dicts `{id, kind, source, cue, content,
source_entity, source_type}` (plus `source_refers_to`: the attribution whose source a pronoun
or a description like "the source" repeats, or null; and `cue_class`: what kind of act the cue
reports, speech / evidence / perception / belief / intention / other,
`narrascope.attribution.cue_class`). Stages:
1. parse rules (`narrascope.attribution.rules`): cue lexicon + dependency frames, quotes;
2. a CRF tagger trained on PolNeAR refines the roles (`use_model`, when the model loads; both
   CRFs are scored with numpy from the model files' weights, `narrascope.attribution.crfscore`);
2b. a logistic regression picks cue words the first stage missed
   (`narrascope.attribution.cuepick`; `use_cuepick`, when its weights load; needs 2c);
2c. a second CRF reads each cue's own source and content in a window around it
   (`narrascope.attribution.percue`; `use_percue`, when its model loads); a picked cue it
   gives no content is dropped;
2d. a logistic regression drops the fragments of a content that belong elsewhere
   (`narrascope.attribution.fragments`; `use_fragments`, when its weights load; needs 2c);
   a logistic regression adds a piece a content lacks (the rest of a sentence around a
   parenthetical cue, the next quotation; `narrascope.attribution.fragments_add`; `use_add`,
   when its weights load; needs 2c);
   a content fragment ending (starting) inside a quotation is completed to its closing
   (opening) mark (`narrascope.attribution.quote_edges`; `use_quote_edges`; needs 2c);
   a content in a quotation that runs over several paragraphs (news style) takes the run's
   other paragraphs as fragments (`narrascope.attribution.quote_paragraphs`;
   `use_quote_paragraphs`; needs 2c);
   sources lose quote marks at their edges; a logistic regression re-decides where each
   content's last fragment ends (`narrascope.attribution.boundary`; `use_boundary`, when its
   weights load); a per-cue content's last fragment is cut before a lone dash outside
   quotations (`narrascope.attribution.dash_ends`; `use_dash_cut`; needs 2c); a content
   fragment running over a paragraph break is cut there (`narrascope.attribution.para_cut`;
   `use_para_cut`; session 19: +0.08 content exact F1 on PolNeAR dev, below its +0.3 bar,
   on by the lead's decision: no content it changed got worse in any read); a per-cue
   content's first fragment starts after a dateline ("WASHINGTON ―") it opens with
   (`narrascope.attribution.datelines`; `use_dateline_cut`; needs 2c); a source loses a
   final period, the part before a sentence start (or after one) away from its cue, and a
   dateline it starts with (`narrascope.attribution.source_edits`; `use_source_edits`); a
   cue starts at the auxiliaries, negation and adverbs before its word
   (`narrascope.attribution.cue_starts`; `use_cue_starts`), takes the preposition after
   its last word or ends before one after any of its words, as PolNeAR train's gold does
   for that pair ("called for", "said [at]"; `narrascope.attribution.cue_preps`;
   `use_cue_preps`, when its table loads); a cue that is one adverb no cue list knows
   ("Maybe") is dropped (`narrascope.attribution.adverb_cues`; `use_adverb_cue_drop`); an
   attribution whose cue lies inside another's content, in a quotation or as a strong rule
   reading, is dropped: PolNeAR never nests attributions (`narrascope.attribution.nested_cues`;
   `use_nested_cue_drop`, session 19);
2e. (every backend stage done, rules-only too) a cue made only of list marks ("•") is dropped
   and a content ending at its paragraph's final colon runs over the bulleted lines after it
   (`narrascope.attribution.colon_lists`; `use_colon_lists`); a source-less participle cue
   takes the noun it modifies as source when that noun can speak ("voices heard arguing",
   `narrascope.attribution.participle_sources`; `use_participle_sources`);
3. source resolution against `doc._.entities` and the actor KB (`narrascope.attribution.resolve`).

`backend`: "rules" (default: the stages above) or "encoder" (opt-in, `analyze --accurate`): after
stage 2, a fine-tuned MiniLM tagger vetoes every attribution whose cue it gives no token with
P(cue) >= `veto_threshold` (`narrascope.attribution.encoder_veto`; needs the encoder extra, else
the default runs with warning E046; `encoder_path`: its weights folder, default the shipped one).
"""

from __future__ import annotations

import inspect

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.attribution import encoder_tagger
from narrascope.attribution.adverb_cues import drop_adverb_cues
from narrascope.attribution.assemble import assemble
from narrascope.attribution.boundary import adjust, load_boundary
from narrascope.attribution.colon_lists import drop_mark_cues, extend_lists
from narrascope.attribution.cue_class import cue_class
from narrascope.attribution.cue_preps import edit_cue_preps, load_cue_preps
from narrascope.attribution.cue_starts import extend_cue_starts
from narrascope.attribution.cuepick import load_cuepick
from narrascope.attribution.dash_ends import cut_dashes
from narrascope.attribution.para_cut import cut_paragraphs
from narrascope.attribution.datelines import drop_datelines
from narrascope.attribution.encoder_veto import DEFAULT_THRESHOLD, veto_cues
from narrascope.attribution.fragments import drop_fragments, load_fragments
from narrascope.attribution.fragments_add import add_fragments, load_add
from narrascope.attribution.lexicon import cue_lexicon, list_marks
from narrascope.attribution.nested_cues import MODES as NESTED_MODES, drop_nested_cues
from narrascope.attribution.participle_sources import participle_sources
from narrascope.attribution.percue import load_percue, refine
from narrascope.attribution.quote_edges import complete_quotes
from narrascope.attribution.quote_paragraphs import carry_quotes
from narrascope.attribution.resolve import SourceResolver
from narrascope.attribution.rules import Candidate, RuleExtractor
from narrascope.attribution.source_edits import edit_sources
from narrascope.attribution.tagger import learned_lemmas, load_tagger, rule_tags
from narrascope.doc_text import doc_text
from narrascope.errors import Errors
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded
from narrascope.spans import span_dict


def kind_of(doc: Doc, cand: Candidate, quote_ids: list[int]) -> str:
    cue_text = doc[cand.cue[0]:cand.cue[1]].text.lower()
    if cue_text.startswith("according"):
        return "according_to"
    inside = [all(quote_ids[i] >= 0 for i in range(s, e)) for s, e in cand.content]
    partly = [any(quote_ids[i] >= 0 for i in range(s, e)) for s, e in cand.content]
    if cand.source is None and cand.inherited_from is None:
        return "no_source"
    if all(inside):
        return "direct"
    if any(partly):
        return "mixed"
    return "indirect"


def to_dicts(doc: Doc, cands: list[Candidate], quote_ids: list[int], text: str | None = None) -> list[dict]:
    if text is None:
        text = doc_text(doc)
    out = []
    for n, cand in enumerate(cands, 1):
        def chars(r):
            return doc[r[0]].idx, doc[r[1] - 1].idx + len(doc[r[1] - 1].text)
        frags = [chars(r) for r in cand.content]
        content = span_dict(text, frags[0][0], frags[-1][1])
        content["spans"] = [[s, e] for s, e in frags]
        src = cand.source
        out.append({
            "id": f"a{n}",
            "kind": kind_of(doc, cand, quote_ids),
            "source": span_dict(text, *chars(cand.source)) if cand.source else None,
            "cue": span_dict(text, *chars(cand.cue)),
            "cue_class": cue_class(doc[cand.cue[0]:cand.cue[1]], doc[src[0]:src[1]] if src else None),
            "content": content,
            "source_entity": None,
            "source_type": None,
            "source_refers_to": None,
        })
    return out


class AttributionComponent:
    def __init__(self, nlp: Language, name: str, use_model: bool = True, resolve: bool = True,
                 model_path: str | None = None, use_percue: bool = True,
                 percue_path: str | None = None, use_cuepick: bool = True,
                 cuepick_path: str | None = None, use_boundary: bool = True,
                 boundary_path: str | None = None, use_fragments: bool = True,
                 fragments_path: str | None = None, use_add: bool = True,
                 add_path: str | None = None, use_quote_edges: bool = True,
                 use_dash_cut: bool = True, use_dateline_cut: bool = True,
                 use_source_edits: bool = True, use_cue_preps: bool = True,
                 cue_preps_path: str | None = None, use_cue_starts: bool = True,
                 use_quote_paragraphs: bool = True, use_participle_sources: bool = True,
                 use_colon_lists: bool = True, use_adverb_cue_drop: bool = True,
                 use_para_cut: bool = True, use_nested_cue_drop: bool | str = "quoted_or_rule",
                 backend: str = "rules",
                 veto_threshold: float = DEFAULT_THRESHOLD, encoder_path: str | None = None) -> None:
        if backend not in encoder_tagger.BACKENDS:
            raise ValueError(Errors.E045.format(backend=backend))
        if isinstance(veto_threshold, bool) or not isinstance(veto_threshold, (int, float)) \
                or not 0.0 <= veto_threshold <= 1.0:
            raise ValueError(Errors.E047.format(value=veto_threshold))
        self.name = name
        # resolved once: the backend that really runs (a missing encoder falls back to the
        # default with warning E046), which is also what `pipeline.backends` records
        self.backend = encoder_tagger.usable_backend(backend, encoder_path)
        self.veto_threshold = float(veto_threshold)
        self.encoder_path = encoder_path
        self.lex = cue_lexicon()
        self.rules = RuleExtractor(self.lex)
        self.tagger = load_tagger(model_path) if use_model else None
        self.percue = load_percue(percue_path) if use_model and use_percue else None
        self.picker = load_cuepick(cuepick_path) if self.percue is not None and use_cuepick else None
        self.boundary = load_boundary(boundary_path) if use_model and use_boundary else None
        self.fragments = load_fragments(fragments_path) if self.percue is not None and use_fragments else None
        self.add = load_add(add_path) if self.percue is not None and use_add else None
        self.quote_edges = use_quote_edges
        self.quote_paragraphs = use_quote_paragraphs
        self.dash_cut = use_dash_cut
        self.para_cut = use_para_cut
        self.dateline_cut = use_dateline_cut
        self.source_edits = use_source_edits
        self.cue_starts = use_cue_starts
        self.participle_sources = use_participle_sources
        self.list_marks = list_marks() if use_colon_lists else None
        self.adverb_cue_drop = use_adverb_cue_drop
        # session 19: an attribution whose cue lies in another's content is dropped (nested_cues.py);
        # True = every one, or a mode name: "quoted", "quoted_or_rule" (the default; False: none), "dependency"
        self.nested_cue_drop = "all" if use_nested_cue_drop is True else use_nested_cue_drop
        if self.nested_cue_drop and self.nested_cue_drop not in NESTED_MODES:
            raise ValueError(Errors.E048.format(mode=use_nested_cue_drop))
        self.cue_preps = load_cue_preps(cue_preps_path) if use_model and use_cue_preps else None
        self.learned = learned_lemmas(self.tagger.path) if self.tagger is not None else frozenset()
        self.resolver = SourceResolver() if resolve else None

    def extract(self, doc: Doc) -> list[dict]:
        if len(doc) == 0:
            return []
        text = doc_text(doc)  # read once (spaCy's doc.text rebuilds it from Tokens on every access)
        quotes, quote_ids, cands = self.rules.read(doc, text)
        if self.tagger is not None:
            rules = cands
            tags = rule_tags(len(doc), rules)
            cands = assemble(doc, rules, self.tagger.tag(doc, quote_ids, rules, tags), quote_ids)
            picked = []
            if self.picker is not None:
                picked = self.picker.pick(doc, cands, rules, quote_ids, self.lex,
                                          self.tagger.cue_words, self.learned)
            if self.percue is not None:
                cands = refine(doc, cands + picked, rules, self.percue, quote_ids, tags)
                if picked:
                    cands = [c for c in cands if c.content]  # a picked cue with no content
                    cands.sort(key=lambda c: (c.cue[0], c.content[0][0]))
                cands = drop_fragments(doc, cands, self.fragments, quote_ids, self.lex)
                cands = add_fragments(doc, cands, self.add, quote_ids, self.lex)
                if self.quote_edges:
                    cands = complete_quotes(doc, cands, quote_ids)
                if self.quote_paragraphs:
                    cands = carry_quotes(doc, cands, quote_ids)
            cands = adjust(doc, cands, self.boundary, quote_ids)
            if self.percue is not None and self.dash_cut:
                cands = cut_dashes(doc, cands, quote_ids)
            if self.para_cut:
                cands = cut_paragraphs(doc, cands)
            if self.percue is not None and self.dateline_cut:
                cands = drop_datelines(doc, cands)
            if self.cue_starts:
                cands = extend_cue_starts(doc, cands)
            if self.cue_preps is not None:
                cands = edit_cue_preps(doc, cands, self.cue_preps)
            if self.source_edits:
                cands = edit_sources(doc, cands)
            if self.adverb_cue_drop:
                cands = drop_adverb_cues(doc, cands, self.tagger.cue_words)
            if self.nested_cue_drop:
                cands = drop_nested_cues(doc, cands, quote_ids, self.nested_cue_drop)
        if self.list_marks is not None:
            cands = drop_mark_cues(doc, cands, self.list_marks)
            cands = extend_lists(doc, cands, self.list_marks)
        if self.participle_sources:
            cands = participle_sources(doc, cands)
        if self.backend == "encoder" and cands:
            cands = veto_cues(cands, encoder_tagger.cue_probs(doc, self.encoder_path), self.veto_threshold)
        atts = to_dicts(doc, cands, quote_ids, text)
        if self.resolver is not None:
            self.resolver.resolve(doc, atts)
        return atts

    @guarded("attribution")
    def __call__(self, doc: Doc) -> Doc:
        out = get_list(doc, "attributions")
        out.clear()
        out.extend(self.extract(doc))
        return doc


def _defaults(component: type) -> dict:
    """Every setting of `component.__init__` after `nlp` and `name`, with its default.

    spaCy validates a factory's config against the factory's own signature, so a separate
    factory function had to repeat every setting; registering the class itself (spaCy
    accepts a class as factory) and reading the defaults from it lists each setting once."""
    params = list(inspect.signature(component.__init__).parameters.values())[3:]
    return {p.name: p.default for p in params}


Language.factory("narrascope_attribution", default_config=_defaults(AttributionComponent),
                 func=AttributionComponent)
make_attribution = AttributionComponent  # the spacy_factories entry point (pyproject.toml) names it
