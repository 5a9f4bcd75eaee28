"""The ASGI app: one error shape, security headers, a body-size limit and a token for writes.

Every 4xx/5xx of the API is ``{"error": {"code", "message", "details"}}``; a page gets the same
code and message as an HTML page. An unexpected exception is logged here and answered 500 with
no traceback. Every response carries a Content-Security-Policy without inline script (the pages
have no script at all).
"""
from __future__ import annotations

import hmac
import logging
import secrets
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from riwaya.errors import InputError, QueryError, RiwayaError
from riwaya.serve.catalog import Catalog

log = logging.getLogger("riwaya.serve")

MAX_BODY = 20 * 1024 * 1024
CSP = ("default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details=None):
        self.status, self.code, self.message, self.details = status, code, message, details
        super().__init__(message)


def error_body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details}}


@dataclass
class Server:
    """What the routes share: the store (behind one lock), its catalog, the write token, the
    embedder new articles are clustered with, and where uploads are kept as read."""

    store: object
    token: str
    embedder: object = None
    uploads: Path | None = None
    max_body: int = MAX_BODY
    lock: threading.RLock = field(default_factory=threading.RLock)
    catalog: Catalog = None  # type: ignore[assignment]
    cache: "Results" = None  # type: ignore[assignment]

    def __post_init__(self):
        if self.catalog is None:
            self.catalog = Catalog(self.store, self.lock)
        if self.cache is None:
            self.cache = Results()
        if self.uploads is None:
            self.uploads = Path(tempfile.mkdtemp(prefix="riwaya-uploads-"))

    def authorised(self, request: Request) -> bool:
        got = request.headers.get("authorization", "")
        scheme, _, tok = got.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(tok.strip().encode(), self.token.encode())


class Results:
    """Search results by (query, filters, page, the store's change mark): a store change makes every
    entry stale, so a cached answer is always the answer the store gives now."""

    def __init__(self, size: int = 256):
        from collections import OrderedDict

        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while self.items and len(self.items) > self.size:
                self.items.popitem(last=False)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class _Limit:
    """Refuse a request body over ``limit`` bytes (413), by its Content-Length or as it streams."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _send_json(send, 413, error_body("too_large", f"the request body is over {self.limit} bytes",
                                                          {"limit": self.limit}))
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise ApiError(413, "too_large", f"the request body is over {self.limit} bytes",
                                   {"limit": self.limit})
            return msg

        return await self.app(scope, limited, send)


class _Headers:
    """The security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(msg):
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = list(msg.get("headers", [])) + [
                    (k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in have]
            await send(msg)

        return await self.app(scope, receive, with_headers)


async def _send_json(send, status: int, body: dict) -> None:
    import json

    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                            *((k.encode(), v.encode()) for k, v in HEADERS.items())]})
    await send({"type": "http.response.body", "body": data})


_CODES = {400: "bad_request", 401: "unauthorised", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "invalid",
          429: "too_many_requests", 500: "internal"}


def _wants_html(request: Request) -> bool:
    p = request.url.path
    return not (p.startswith("/api") or p.endswith(".json")) and "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, code: str, message: str, details=None):
    if _wants_html(request):
        from riwaya.serve.pages import error_page

        return error_page(request, status, message)
    extra = {"www-authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(code, message, details), status_code=status, headers=extra)


def _plain(value):
    """Validation details as JSON-safe values (pydantic may hold exceptions or bytes in them)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def from_env() -> FastAPI:
    """The app as ``riwaya serve --workers N`` starts it in each worker process (uvicorn's factory):
    its settings from RIWAYA_SERVE_* (set by the command) and the token from RIWAYA_TOKEN."""
    import os

    from riwaya.store import open_store

    from riwaya.story.embed import E5Embedder, NullEmbedder

    emb = NullEmbedder() if os.environ.get("RIWAYA_SERVE_EMBEDDER") == "none" else E5Embedder()
    up = os.environ.get("RIWAYA_SERVE_UPLOADS")
    server = Server(open_store(os.environ["RIWAYA_SERVE_DB"]), os.environ["RIWAYA_TOKEN"], embedder=emb,
                    uploads=Path(up) if up else None, max_body=int(os.environ.get("RIWAYA_SERVE_MAX_BODY", MAX_BODY)),
                    cache=Results(int(os.environ.get("RIWAYA_SERVE_CACHE", 256))))
    server.catalog.fresh()
    return create_app(server)


def create_app(server: Server) -> FastAPI:
    from riwaya.serve import api, pages

    app = FastAPI(title="riwaya", version="1", docs_url=None, redoc_url=None,
                  description="Stories, articles and search over a riwaya store. Errors: "
                              '`{"error": {"code", "message", "details"}}`. Writes need '
                              "`Authorization: Bearer <token>`.")
    app.state.server = server

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, err: ApiError):
        return _respond(request, err.status, err.code, err.message, err.details)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, err: HTTPException):
        code = _CODES.get(err.status_code, "error")
        msg = err.detail if isinstance(err.detail, str) else code
        return _respond(request, err.status_code, code, msg)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError):
        details = [{"where": ".".join(str(x) for x in e.get("loc", ())), "message": str(e.get("msg", ""))}
                   for e in err.errors()]
        return _respond(request, 422, "invalid", "the request is not valid", _plain(details))

    @app.exception_handler(QueryError)
    async def _query(request: Request, err: QueryError):
        return _respond(request, 400, "bad_query", str(err))

    @app.exception_handler(InputError)
    async def _input(request: Request, err: InputError):
        return _respond(request, 400, "bad_input", err.line())

    @app.exception_handler(RiwayaError)
    async def _riwaya(request: Request, err: RiwayaError):
        return _respond(request, 400, "refused", str(err))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, 500, "internal", "an unexpected error; it was logged on the server")

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("riwaya.serve", "static")]), name="static")
    app.add_middleware(_Limit, limit=server.max_body)
    app.add_middleware(_Headers)
    return app
