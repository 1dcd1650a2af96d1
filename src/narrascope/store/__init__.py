"""Storage: SQLite by default, PostgreSQL by URL; the same schema and code for both."""

from narrascope.store.db import DEFAULT_URL, Store, normalise_url

__all__ = ["Store", "DEFAULT_URL", "normalise_url"]
