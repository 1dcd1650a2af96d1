"""narrascope's command line. Each module registers its commands on the shared app."""

from __future__ import annotations

from narrascope.cli.app import app, eval_app, train_app

# command modules, imported for registration
from narrascope.cli import (analyze, export, eval_extraction, eval_entities,  # noqa: E402,F401
                            attribution_cmds, events_cmds, rhetoric_cmds, corpus_cmds, web_cmds)


def main() -> None:
    app()


__all__ = ["app", "eval_app", "train_app", "main"]
