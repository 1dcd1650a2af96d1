"""Commands of this area (placeholder: filled by its issue)."""

from narrascope.cli.app import app, eval_app, train_app  # noqa: F401
