"""narrascope's spaCy components.

Each component is a class plus a factory registered with `Language.factory` and a
`default_config`, storing JSON-ready results (the shapes of ../spec document-v1) on `Doc._`
extensions. Importing this package registers all factories; a user can then
`nlp.add_pipe("narrascope_attribution")` in their own pipeline.
"""

from narrascope.pipeline.extensions import register_extensions

register_extensions()

# Import for their registration side effect (order = pipeline order).
from narrascope.pipeline import actors, attribution, events, claims, rhetoric, article_profile  # noqa: E402,F401
from narrascope.pipeline import dateline_boundary  # noqa: E402,F401  (pre-parse; added by the loader, not in COMPONENTS)

COMPONENTS = [
    "narrascope_actors",
    "narrascope_attribution",
    "narrascope_events",
    "narrascope_claims",
    "narrascope_rhetoric",
    "narrascope_profile",
]
