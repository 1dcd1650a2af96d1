"""One module per page (datasette style): each has a `router` and a `*_context` builder the
self-contained report reuses."""
