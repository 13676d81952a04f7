"""The web application: pages for people, JSON for programs, one store behind both.

Pages are rendered on the server with Jinja2 (autoescaping on: article text is
data, never markup); the API is documented by FastAPI's OpenAPI schema at
/docs. The app is read-only unless it was given a token; then POST
/api/articles ingests with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import io
import json
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from wiretrace import __version__, export
from wiretrace.errors import WiretraceError
from wiretrace.ingest.readers import read_bytes
from wiretrace.pipeline import Pipeline
from wiretrace.records import Failure, RawItem
from wiretrace.store import ArticleQuery, Store, open_store
from wiretrace.views import article_dict
from wiretrace.web import pages
from wiretrace.web.deps import MAX_LIMIT, Day, ExportLimit, Limit, Name, Offset, StoreDep
from wiretrace.web.render import snippet_html

DEFAULT_MAX_BODY = 10 * 1024 * 1024
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


def create_app(db: str, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    app = FastAPI(
        title="wiretrace",
        version=__version__,
        description="News intelligence: articles, who said what, where it came from, which story it belongs to.",
    )
    stores = Stores(db)
    templates = Jinja2Templates(directory=str(resources.files("wiretrace.web").joinpath("templates")))
    templates.env.globals.update(snippet_html=snippet_html, version=__version__)
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("wiretrace.web").joinpath("static"))),
        name="static",
    )
    app.state.stores = stores
    app.state.templates = templates

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next: Callable) -> Response:
        declared = request.headers.get("content-length")
        if declared and (not declared.isdigit() or int(declared) > max_body):
            return _error(request, 413, f"request body over the {max_body:,}-byte limit")
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

    # -- pages ------------------------------------------------------------------------

    pages.register(app, templates)

    # -- API ----------------------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"], summary="Articles, newest first, with filters")
    def api_articles(
        db: StoreDep,
        q: Annotated[str | None, Query(max_length=500, description="Full-text search")] = None,
        outlet: Name = None,
        original: Name = None,
        since: Day = None,
        until: Day = None,
        limit: ExportLimit = None,
        offset: Offset = 0,
        format: Annotated[str, Query(pattern="^(json|csv|jsonl|parquet)$")] = "json",
    ) -> Any:
        if format != "json":
            query = ArticleQuery(q or None, outlet, original, since, until, limit, offset)
            return _export(export.article_rows(db, query), format, "articles")
        limit = _page_limit(limit)
        query = ArticleQuery(q or None, outlet, original, since, until, limit, offset)
        return {
            "total": db.count_articles(query),
            "limit": limit,
            "offset": offset,
            "articles": [article_dict(article, with_body=False) for article in db.articles(query)],
        }

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its body")
    def api_article(article_id: Annotated[str, Path(max_length=64)], db: StoreDep) -> Any:
        article = db.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        data = article_dict(article)
        data["times"] = [time.__dict__ for time in db.times(article.id)]
        return data

    @app.get("/api/search", tags=["search"], summary="Full-text search over article bodies")
    def api_search(
        db: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        outlet: Name = None,
        original: Name = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = PAGE_SIZE,
        offset: Offset = 0,
    ) -> Any:
        query = ArticleQuery(q, outlet, original, since, until, limit, offset)
        hits = db.search_articles(query)
        return {
            "total": db.count_articles(query),
            "limit": limit,
            "offset": offset,
            "articles": [
                {**article_dict(article, with_body=False), "snippet": str(snippet_html(snippet))}
                for article, snippet in hits
            ],
        }

    @app.post(
        "/api/articles", tags=["articles"], status_code=201, summary="Ingest an article (needs the token)"
    )
    async def api_ingest(request: Request) -> Any:
        _authorise(request, token)
        body = await _read_body(request, max_body)
        item = _item_from_request(request.headers.get("content-type", ""), body)
        with stores.write_lock:
            summary = stores.pipeline().ingest([item])
        if summary.failures:
            raise HTTPException(422, "; ".join(f"{f.stage}: {f.reason}" for f in summary.failures))
        return {"id": item.id, "stored": summary.ingested, "duplicate": bool(summary.duplicates)}

    @app.get("/api/health", tags=["meta"], summary="Liveness and store counts")
    def api_health(db: StoreDep) -> Any:
        return {"status": "ok", "version": __version__, "counts": db.counts()}

    return app


def _page_limit(limit: int | None) -> int:
    if limit is not None and limit > MAX_LIMIT:
        raise HTTPException(422, f"limit: at most {MAX_LIMIT} per page (exports have no limit)")
    return limit or 50


def _export(rows: Iterator[dict], fmt: str, name: str) -> Response:
    """Rows as a download. JSON Lines streams; CSV and Parquet are built whole (Parquet must seek)."""
    headers = {"Content-Disposition": f'attachment; filename="wiretrace-{name}.{fmt}"'}
    if fmt == "jsonl":
        lines = (json.dumps(row, ensure_ascii=False).encode() + b"\n" for row in rows)
        return StreamingResponse(lines, media_type=export.MEDIA_TYPES[fmt], headers=headers)
    buffer = io.BytesIO()
    export.write(rows, fmt, buffer)
    return Response(buffer.getvalue(), media_type=export.MEDIA_TYPES[fmt], headers=headers)


def _authorise(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "this server is read-only: start it with --token to allow ingest")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # compare in constant time: the time taken says nothing about how much matched
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token")


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _item_from_request(content_type: str, body: bytes) -> RawItem:
    kind = content_type.split(";")[0].strip().lower()
    fmt = {"application/json": "jsonl", "text/html": "html", "text/plain": "text"}.get(kind)
    if fmt is None:
        raise HTTPException(415, "send application/json, text/html or text/plain")
    if fmt == "jsonl":
        body = body.replace(b"\n", b" ").replace(b"\r", b" ")  # one JSON object is one line
    entries = list(read_bytes(body, "api", fmt, DEFAULT_MAX_BODY))
    if len(entries) != 1:
        raise HTTPException(422, "send exactly one article")
    entry = entries[0]
    if isinstance(entry, Failure):
        raise HTTPException(422, entry.reason)
    return entry
