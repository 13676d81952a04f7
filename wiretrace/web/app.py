"""The web application: pages for people, JSON for programs, one store behind both.

Pages are rendered on the server with Jinja2 (autoescaping on: article text is
data, never markup); the API is documented by FastAPI's OpenAPI schema at
/docs. The app is read-only unless it was given a token; then POST
/api/articles ingests with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from wiretrace import __version__
from wiretrace.errors import WiretraceError
from wiretrace.pipeline import Pipeline
from wiretrace.store import Store, open_store
from wiretrace.web import api, pages
from wiretrace.web.render import snippet_html

DEFAULT_MAX_BODY = 10 * 1024 * 1024
# What `wiretrace serve --workers N` hands each server process (see ``app_from_environment``).
SERVE_DB = "WIRETRACE_SERVE_DB"
SERVE_MAX_BODY = "WIRETRACE_SERVE_MAX_BODY"
TOKEN = "WIRETRACE_TOKEN"
PAGE_SIZE = 20

SECURITY_HEADERS = {
    # no inline scripts or styles: article text that slips into markup cannot run
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Stores:
    """One read-only store per server thread, and one writer behind a lock."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._writer: Store | None = None
        self._pipeline: Pipeline | None = None
        self.write_lock = threading.Lock()
        open_store(url).close()  # create and migrate it now, not on the first request

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url, readonly=True)
            self._local.store = store
        return store

    def pipeline(self) -> Pipeline:
        """The ingest pipeline (built on first use: it loads the language models)."""
        if self._pipeline is None:
            self._writer = open_store(self.url)
            self._pipeline = Pipeline.full(self._writer)
        return self._pipeline


def app_from_environment() -> FastAPI:
    """The app each server process builds under ``wiretrace serve --workers N``: uvicorn
    starts the processes and imports this factory by name in each, so the settings travel
    in the environment the processes inherit. Each process has its own readers."""
    return create_app(
        os.environ[SERVE_DB],
        token=os.environ.get(TOKEN) or None,
        max_body=int(os.environ.get(SERVE_MAX_BODY, DEFAULT_MAX_BODY)),
    )


def create_app(db: str, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    app = FastAPI(
        title="wiretrace",
        version=__version__,
        description="News intelligence: articles, who said what, where it came from, which story it belongs to.",
    )
    stores = Stores(db)
    templates = Jinja2Templates(directory=str(resources.files("wiretrace.web").joinpath("templates")))
    templates.env.globals.update(snippet_html=snippet_html, version=__version__, **pages.TEMPLATE_GLOBALS)
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("wiretrace.web").joinpath("static"))),
        name="static",
    )
    app.state.stores = stores
    app.state.templates = templates
    app.state.token = token  # None: read-only, POST /api/articles refuses
    app.state.max_body = max_body

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next: Callable) -> Response:
        declared = request.headers.get("content-length")
        if declared and (not declared.isdigit() or int(declared) > max_body):
            return _error(request, 413, f"request body over the {max_body:,}-byte limit")
        if request.method == "HEAD":
            # HEAD is GET without the body (RFC 9110): link checkers and monitors ask it of
            # every page; the server sends the headers and drops the body
            request.scope["method"] = "GET"
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
            for problem in error.errors()
        )
        return _error(request, 422, problems or "invalid request")

    @app.exception_handler(WiretraceError)
    async def wiretrace_error(request: Request, error: WiretraceError) -> Response:
        return _error(request, 400, str(error))

    def _error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    app.include_router(pages.router)
    app.include_router(api.router)
    return app
