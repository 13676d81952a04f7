"""The JSON API: articles, statements, stories and search, with the pages' filters.

Lists page with ``limit``/``offset`` (at most ``MAX_LIMIT`` a page) and say
their ``total``; ``format=csv|jsonl|parquet`` turns a list into a download of
everything it matches. Errors are JSON (see ``wiretrace.web.app``).
"""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from wiretrace import __version__, export
from wiretrace.ingest.readers import read_bytes
from wiretrace.people.echoes import DEFAULT_LIMIT as DEFAULT_ECHOES
from wiretrace.people.echoes import EchoError, echoes
from wiretrace.people.timeline import UnknownPerson, timeline
from wiretrace.records import Failure, RawItem
from wiretrace.store import ArticleQuery, StatementQuery
from wiretrace.store.base import COUNT_LIMIT, StoryQuery
from wiretrace.views import article_dict, echo_dict, person_dict, spoken_dict, story_dict, time_dict
from wiretrace.web.deps import MAX_LIMIT, Day, ExportLimit, Limit, Name, Offset, StoreDep
from wiretrace.web.render import snippet_html

if TYPE_CHECKING:
    from wiretrace.web.app import Stores

DEFAULT_PAGE = 50
SEARCH_PAGE = 20
MAX_ECHOES = 50  # each echo query parses the speaker's earlier statements: keep pages small
Format = Annotated[str, Query(pattern="^(json|csv|jsonl|parquet)$", description="json, or a download format")]
Kind = Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")]
Text = Annotated[str | None, Query(max_length=500, description="Full-text search")]


def register(app: FastAPI, stores: Stores, *, token: str | None, max_body: int) -> None:
    @app.get("/api/articles", tags=["articles"], summary="Articles, newest first, with filters")
    def api_articles(
        db: StoreDep,
        q: Text = None,
        outlet: Name = None,
        original: Name = None,
        since: Day = None,
        until: Day = None,
        limit: ExportLimit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        def query(size: int | None) -> ArticleQuery:
            return ArticleQuery(q or None, outlet, original, since or None, until or None, size, offset)

        if format != "json":
            return _download(export.article_rows(db, query(limit)), format, "articles")
        page = query(_page_limit(limit))
        articles = [article_dict(article, with_body=False) for article in db.articles(page)]
        return _page(_count(db.count_articles, page), page.limit, offset, articles=articles)

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article: body, times, statements")
    def api_article(article_id: Annotated[str, Path(max_length=64)], db: StoreDep) -> Any:
        article = db.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        data = article_dict(article)
        data["times"] = [time_dict(time) for time in db.times(article.id)]
        data["statements"] = list(export.statement_rows(db, StatementQuery(article_id=article.id)))
        return data

    @app.get("/api/statements", tags=["statements"], summary="Statements (who said what), with filters")
    def api_statements(
        db: StoreDep,
        speaker: Name = None,
        kind: Kind = None,
        q: Text = None,
        article_id: Annotated[str | None, Query(max_length=64)] = None,
        since: Day = None,
        until: Day = None,
        limit: ExportLimit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        def query(size: int | None) -> StatementQuery:
            return StatementQuery(
                speaker, kind, article_id, q or None, since or None, until or None, size, offset
            )

        if format != "json":
            return _download(export.statement_rows(db, query(limit)), format, "statements")
        page = query(_page_limit(limit))
        statements = list(export.statement_rows(db, page))
        return _page(_count(db.count_statements, page), page.limit, offset, statements=statements)

    @app.get("/api/stories", tags=["stories"], summary="Stories (events and storylines), newest first")
    def api_stories(
        db: StoreDep,
        level: Annotated[str | None, Query(pattern="^(event|storyline)$")] = None,
        since: Day = None,
        until: Day = None,
        article_id: Annotated[str | None, Query(max_length=64)] = None,
        limit: ExportLimit = None,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Any:
        def query(size: int | None) -> StoryQuery:
            return StoryQuery(level, since or None, until or None, article_id, 2, size, offset)

        if format != "json":
            return _download(export.story_rows(db, query(limit)), format, "stories")
        page = query(_page_limit(limit))
        found = [story_dict(story) for story in db.stories(page)]
        return _page(
            (len(found) + offset, False) if len(found) < page.limit else None,
            page.limit,
            offset,
            stories=found,
        )

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story")
    def api_story(story_id: Annotated[str, Path(max_length=64)], db: StoreDep) -> Any:
        story = db.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return story_dict(story)

    @app.get(
        "/api/entities",
        tags=["people"],
        summary="People and organisations across articles, most quoted first",
    )
    def api_entities(
        db: StoreDep,
        kind: Annotated[str | None, Query(pattern="^(PERSON|ORG|GPE|GOV)$")] = None,
        q: Name = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> Any:
        found = [
            person_dict(p, full=False)
            for p in db.people(kind=kind, text=q or None, limit=limit, offset=offset)
        ]
        return _page((db.count_people(kind=kind, text=q or None), False), limit, offset, entities=found)

    @app.get("/api/entities/{entity_id}", tags=["people"], summary="One person: aliases, roles, outlets")
    def api_entity(entity_id: Annotated[str, Path(max_length=200)], db: StoreDep) -> Any:
        found = db.find_people(entity_id)
        profile = db.person_profile(found[0].id) if found else None
        if profile is None:
            raise HTTPException(404, f"no person or organisation {entity_id!r}")
        return {**person_dict(profile), "decisions": db.people_decisions(profile.person.id)}

    @app.get("/api/timelines", tags=["people"], summary="A person's statements in the order they were made")
    def api_timeline(
        db: StoreDep,
        speaker: Annotated[str, Query(min_length=1, max_length=200)],
        about: Annotated[str | None, Query(max_length=500)] = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> Any:
        try:
            found = timeline(
                db,
                speaker,
                about=about or None,
                since=since or None,
                until=until or None,
                limit=limit,
                offset=offset,
            )
        except UnknownPerson as error:
            raise HTTPException(404, str(error)) from None
        statements = [spoken_dict(entry) for entry in found.entries]
        total = (len(statements) + offset, False) if len(statements) < limit else None
        person = {"id": found.person.id, "name": found.person.name, "kind": found.person.kind}
        return {**_page(total, limit, offset, statements=statements), "speaker": person, "about": found.about}

    @app.get(
        "/api/statements/{statement_id}/echoes",
        tags=["people"],
        summary="Earlier statements by the same speaker that say nearly the same thing, best first",
    )
    def api_echoes(
        statement_id: Annotated[str, Path(max_length=64)],
        db: StoreDep,
        limit: Annotated[int, Query(ge=1, le=MAX_ECHOES)] = DEFAULT_ECHOES,
        min_score: Annotated[float, Query(ge=-1.0, le=1.0)] = 0.0,
    ) -> Any:
        try:
            found = echoes(db, statement_id, limit=limit, min_score=min_score)
        except EchoError as error:
            raise HTTPException(404, str(error)) from None
        return {"statement_id": statement_id, "limit": limit, "echoes": [echo_dict(echo) for echo in found]}

    @app.get("/api/search", tags=["search"], summary="Full-text search over article bodies, best first")
    def api_search(
        db: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        outlet: Name = None,
        original: Name = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = SEARCH_PAGE,
        offset: Offset = 0,
    ) -> Any:
        query = ArticleQuery(q, outlet, original, since or None, until or None, limit, offset)
        hits = [
            {**article_dict(article, with_body=False), "snippet": str(snippet_html(snippet))}
            for article, snippet in db.search_articles(query)
        ]
        return _page(_count(db.count_articles, query), limit, offset, articles=hits)

    @app.post(
        "/api/articles", tags=["articles"], status_code=201, summary="Ingest an article (needs the token)"
    )
    async def api_ingest(request: Request) -> Any:
        _authorise(request, token)
        body = await _read_body(request, max_body)
        item = _item_from_request(request.headers.get("content-type", ""), body, max_body)
        with stores.write_lock:
            summary = stores.pipeline().ingest([item])
        if summary.failures:
            raise HTTPException(422, "; ".join(f"{f.stage}: {f.reason}" for f in summary.failures))
        return {"id": item.id, "stored": summary.ingested, "duplicate": bool(summary.duplicates)}

    @app.get("/api/health", tags=["meta"], summary="Liveness and store counts")
    def api_health(db: StoreDep) -> Any:
        return {"status": "ok", "version": __version__, "counts": db.counts()}


def _count(counter: Callable[..., int], query: Any) -> tuple[int, bool]:
    """Matches counted up to COUNT_LIMIT (or just past the page asked for), and whether there are more."""
    limit = max(COUNT_LIMIT, query.offset + (query.limit or 0) + 1)
    total = counter(query, at_most=limit)
    return total, total >= limit


def _page(total: tuple[int, bool] | None, limit: int, offset: int, **rows: list) -> dict[str, Any]:
    """A page of rows; ``total`` counts matches up to a limit, ``more`` says it was reached."""
    counted, more = total if total is not None else (None, False)
    return {"total": counted, "more": more, "limit": limit, "offset": offset, **rows}


def _page_limit(limit: int | None) -> int:
    if limit is not None and limit > MAX_LIMIT:
        raise HTTPException(422, f"limit: at most {MAX_LIMIT} per page (downloads have no limit)")
    return limit or DEFAULT_PAGE


def _download(rows: Iterator[dict], fmt: str, name: str) -> Response:
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
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
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


def _item_from_request(content_type: str, body: bytes, limit: int) -> RawItem:
    kind = content_type.split(";")[0].strip().lower()
    fmt = {"application/json": "jsonl", "text/html": "html", "text/plain": "text"}.get(kind)
    if fmt is None:
        raise HTTPException(415, "send application/json, text/html or text/plain")
    if fmt == "jsonl":
        body = body.replace(b"\n", b" ").replace(b"\r", b" ")  # one JSON object is one line
    entries = list(read_bytes(body, "api", fmt, limit))
    if len(entries) != 1:
        raise HTTPException(422, "send exactly one article")
    entry = entries[0]
    if isinstance(entry, Failure):
        raise HTTPException(422, entry.reason)
    return entry
