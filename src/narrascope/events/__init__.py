"""Event extraction for `narrascope_events`: one module per concern.

- `lexicon`: the data files under `narrascope/data/events/`.
- `triggers`: trigger mentions (type from lexicon + parse).
- `dates`, `places`, `casualties`, `roles`, `responsibility`: the slots of one mention.
- `merge`: mentions -> incidents (one record per real incident).
- `truecase`: all-caps input -> mixed case (used before parsing all-caps text).
- `extract`: the whole doc -> spec `events[]` dicts.
"""
