"""The analyst's workbench: served pages, the REST API and the self-contained report."""

from __future__ import annotations


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - lazy: FastAPI only when serving
    from narrascope.web.app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
