"""The analyst's workbench: a FastAPI app, server-rendered, one module per page under `pages/`.

`create_app(db)` builds the app over a store. Served pages carry a strict Content-Security-Policy
(scripts and styles only from `/static`, no inline code); untrusted article text and metadata are
escaped by Jinja2 autoescaping and embedded data goes in `<script type="application/json">`
blocks escaped by `render.json_for_script`. Wrong ids give a 404 page (or JSON under `/api`),
never a stack trace.
"""

from __future__ import annotations

import gc
import hmac
import ipaddress
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import inspect
from starlette.exceptions import HTTPException as StarletteHTTPException

from narrascope import __version__
from narrascope.errors import Errors, StoreError
from narrascope.store import Store
from narrascope.store.search import ensure_index, pending
from narrascope.web.corpus_view import CorpusCache, Provider
from narrascope.web.render import STATIC, Links, render

log = logging.getLogger(__name__)
TOKEN_ENV = "NARRASCOPE_TOKEN"
SYNC_INDEX_LIMIT = 500
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class WebState:
    store: Store
    corpus: CorpusCache
    token: str | None = None
    public_read: bool = False
    links: Links = field(default_factory=Links)


def state(request: Request) -> WebState:
    return request.app.state.ns


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in ("localhost", "testclient"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization") or ""
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None


def token_ok(st: WebState, request: Request) -> bool:
    given = bearer(request)
    return bool(st.token and given and hmac.compare_digest(given.encode(), st.token.encode()))


def require_read(request: Request) -> None:
    """Reads are open to loopback clients (and to all with `public_read`); others need the token."""
    st = state(request)
    if st.public_read or is_loopback(request.client.host if request.client else None) or token_ok(st, request):
        return
    raise HTTPException(401, Errors.E093)


def require_write(request: Request) -> None:
    st = state(request)
    if not st.token:
        raise HTTPException(403, Errors.E092)
    if not token_ok(st, request):
        raise HTTPException(401, Errors.E093)


def not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, Errors.E090.format(what=what, id=ident[:100]))


def page(request: Request, template: str, *, title: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    st = state(request)
    body = render(template, title=title, L=st.links, report=False, version=__version__, **ctx)
    return HTMLResponse(body, status_code=status)


def _index_and_warm(store: Store) -> None:
    ensure_index(store.engine, force=True)
    from narrascope.web.pages.dashboard import warm

    warm(store)


def create_app(db: str | Store | None = None, *, corpus_provider: Provider | None = None,
               token: str | None = None, public_read: bool | None = None) -> FastAPI:
    store = db if isinstance(db, Store) else Store(db, create=False)
    if not inspect(store.engine).has_table("documents"):
        raise StoreError(Errors.E098.format(url=store.safe_url))
    app = FastAPI(title="narrascope", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Read API of the narrascope store; POST /api/v1/documents analyses new text (token).")
    app.state.ns = WebState(store=store, corpus=CorpusCache(corpus_provider),
                            token=token if token is not None else (os.environ.get(TOKEN_ENV) or None),
                            public_read=bool(public_read))
    if pending(store.engine) <= SYNC_INDEX_LIMIT:
        ensure_index(store.engine, force=True)
    else:  # a large store is indexed in the background; pages answer from the partial index meanwhile
        threading.Thread(target=_index_and_warm, args=(store,), daemon=True).start()

    @app.middleware("http")
    async def headers(request: Request, call_next):  # noqa: ANN001
        t0 = time.perf_counter()
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.1f}"
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # noqa: ANN202
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and not detail.startswith("[E"):
            detail = Errors.E090.format(what="page", id=request.url.path[:100])
        if wants_json(request):
            return JSONResponse({"error": detail, "status": exc.status_code}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return page(request, "error.html", title=f"Error {exc.status_code}", status=exc.status_code,
                    code=exc.status_code, message=detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):  # noqa: ANN202
        errs = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"error": "invalid request", "details": errs, "status": 422}, status_code=422)
        return page(request, "error.html", title="Bad request", status=400, code=400,
                    message="; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errs))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):  # noqa: ANN202
        log.exception("unhandled error on %s", request.url.path)
        msg = "internal error: the server log has the details"
        if wants_json(request):
            return JSONResponse({"error": msg, "status": 500}, status_code=500)
        return page(request, "error.html", title="Error", status=500, code=500, message=msg)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    from narrascope.web import api
    from narrascope.web.pages import article, cluster, dashboard, search, sources

    for module in (dashboard, article, cluster, sources, search):
        app.include_router(module.router)
    app.include_router(api.router)
    freeze_heap()
    return app


def freeze_heap() -> None:
    """Move the objects alive now (modules, the app, templates) out of the garbage collector's
    reach: a full collection then scans only what requests created since. Without it, one page
    in ~40 paid a full collection (~60 ms CPU at 10,000 documents, docs/web.md)."""
    gc.collect()
    gc.freeze()
