"""The JSON API: articles, statements, stories, people and search, with the pages' filters.

Lists page with ``limit``/``offset`` (at most ``MAX_LIMIT`` a page) and say
their ``total``; ``format=csv|jsonl|parquet`` turns a list into a download of
everything it matches. Bodies are the read layer's models (``wiretrace.read``),
so the OpenAPI schema at /openapi.json describes what is sent. Errors are JSON
(see ``wiretrace.web.app``).
"""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict

from wiretrace import __version__, export
from wiretrace.ingest.readers import read_bytes
from wiretrace.people.echoes import DEFAULT_LIMIT as DEFAULT_ECHOES
from wiretrace.people.echoes import EchoError, echoes
from wiretrace.people.tables import tables as people_tables
from wiretrace.people.timeline import UnknownPerson, timeline
from wiretrace.read import queries as read
from wiretrace.read.models import (
    ArticleDetail,
    ArticleSummary,
    EchoOut,
    PersonDetail,
    PersonRef,
    PersonSummary,
    StatementOut,
    StoryOut,
    TimelineEntry,
    TimeOut,
    record,
)
from wiretrace.records import Failure, RawItem, fields_of
from wiretrace.store import ArticleQuery, StatementQuery
from wiretrace.store.base import COUNT_LIMIT, StoryQuery
from wiretrace.web.deps import MAX_LIMIT, Day, ExportLimit, Limit, Name, Offset, StoreDep
from wiretrace.web.render import snippet_html

DEFAULT_PAGE = 50
SEARCH_PAGE = 20
MAX_ECHOES = 50  # each echo query parses the speaker's earlier statements: keep pages small
Format = Annotated[str, Query(pattern="^(json|csv|jsonl|parquet)$", description="json, or a download format")]
Kind = Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")]
Text = Annotated[
    str | None,
    Query(
        max_length=500,
        description="Full-text search: every word, matched by its stem; a word ending in * is a prefix",
    ),
]
DOWNLOADS: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {} for media in export.MEDIA_TYPES.values()},
        "description": "a page, or a download",
    }
}

router = APIRouter(prefix="/api")


class Model(BaseModel):
    """The API's own envelopes around the read layer's records."""

    model_config = ConfigDict(frozen=True)


class Page(Model):
    """A page of a list: ``total`` counts matches up to a limit, ``more`` says it was reached."""

    total: int | None
    more: bool
    limit: int
    offset: int


class ArticlePage(Page):
    articles: list[ArticleSummary]


@record
class SearchHit(ArticleSummary):
    snippet: str  # HTML: the matching words in <mark>, everything else escaped


class SearchPage(Page):
    articles: list[SearchHit]


class StatementPage(Page):
    statements: list[StatementOut]


class StoryPage(Page):
    stories: list[StoryOut]


class PeoplePage(Page):
    entities: list[PersonSummary]


class TimelinePage(Page):
    statements: list[TimelineEntry]
    speaker: PersonRef
    about: str | None


@record
class ArticleWithAnalysis(ArticleDetail):
    times: list[TimeOut]
    statements: list[StatementOut]


@record
class PersonWithDecisions(PersonDetail):
    decisions: list[dict[str, Any]]


class Echoes(Model):
    statement_id: str
    limit: int
    echoes: list[EchoOut]


class Stored(Model):
    id: str
    stored: int
    duplicate: bool


class Health(Model):
    status: str
    version: str
    counts: dict[str, int]


@router.get(
    "/articles",
    tags=["articles"],
    summary="Articles, newest first, with filters",
    response_model=ArticlePage,
    responses=DOWNLOADS,
)
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
        return ArticleQuery(
            text=q or None, outlet=outlet, original_publisher=original, since=since or None,
            until=until or None, limit=size, offset=offset,
        )  # fmt: skip

    if format != "json":
        return _download(export.article_rows(db, query(limit)), format, "articles")
    page = query(_page_limit(limit))
    found = read.articles(db, page)
    return ArticlePage(**_page(_count(db.count_articles, page), page.limit, offset), articles=found)


@router.get(
    "/articles/{article_id}",
    tags=["articles"],
    summary="One article: body, times, statements",
    response_model=ArticleWithAnalysis,
)
def api_article(article_id: Annotated[str, Path(max_length=64)], db: StoreDep) -> Any:
    found = read.article(db, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return ArticleWithAnalysis(
        **fields_of(found),
        times=read.times(db, found.id),
        statements=read.statements(db, StatementQuery(article_id=found.id)),
    )


@router.get(
    "/statements",
    tags=["statements"],
    summary="Statements (who said what), with filters",
    response_model=StatementPage,
    responses=DOWNLOADS,
)
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
            speaker=speaker, kind=kind, article_id=article_id, text=q or None, since=since or None,
            until=until or None, limit=size, offset=offset,
        )  # fmt: skip

    if format != "json":
        return _download(export.statement_rows(db, query(limit)), format, "statements")
    page = query(_page_limit(limit))
    found = read.statements(db, page)
    return StatementPage(**_page(_count(db.count_statements, page), page.limit, offset), statements=found)


@router.get(
    "/stories",
    tags=["stories"],
    summary="Stories (events and storylines), newest first",
    response_model=StoryPage,
    responses=DOWNLOADS,
)
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
        return StoryQuery(
            level=level, since=since or None, until=until or None, article_id=article_id,
            limit=size, offset=offset,
        )  # fmt: skip

    if format != "json":
        return _download(export.story_rows(db, query(limit)), format, "stories")
    page = query(_page_limit(limit))
    found = read.stories(db, page)
    total = (len(found) + offset, False) if len(found) < page.limit else None
    return StoryPage(**_page(total, page.limit, offset), stories=found)


@router.get("/stories/{story_id}", tags=["stories"], summary="One story", response_model=StoryOut)
def api_story(story_id: Annotated[str, Path(max_length=64)], db: StoreDep) -> Any:
    found = read.story(db, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return found


@router.get(
    "/entities",
    tags=["people"],
    summary="People and organisations across articles, most quoted first",
    response_model=PeoplePage,
)
def api_entities(
    db: StoreDep,
    kind: Annotated[str | None, Query(pattern="^(PERSON|ORG|GPE|GOV)$")] = None,
    q: Name = None,
    limit: Limit = DEFAULT_PAGE,
    offset: Offset = 0,
) -> Any:
    found = read.people(db, kind=kind, text=q or None, limit=limit, offset=offset)
    total = people_tables(db).count_people(kind=kind, text=q or None)
    return PeoplePage(**_page((total, False), limit, offset), entities=found)


@router.get(
    "/entities/{entity_id}",
    tags=["people"],
    summary="One person by id, name or any form articles use: aliases, roles, outlets",
    response_model=PersonWithDecisions,
)
def api_entity(entity_id: Annotated[str, Path(max_length=200)], db: StoreDep) -> Any:
    found = read.person(db, entity_id)
    if found is None:
        raise HTTPException(404, f"no person or organisation {entity_id!r}")
    return PersonWithDecisions(**fields_of(found), decisions=people_tables(db).people_decisions(found.id))


@router.get(
    "/timelines",
    tags=["people"],
    summary="A person's statements in the order they were made",
    response_model=TimelinePage,
)
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
            db, speaker, about=about or None, since=since or None, until=until or None, limit=limit,
            offset=offset,
        )  # fmt: skip
    except UnknownPerson as error:
        raise HTTPException(404, str(error)) from None
    entries = [read.timeline_entry(entry) for entry in found.entries]
    total = (len(entries) + offset, False) if len(entries) < limit else None
    return TimelinePage(
        **_page(total, limit, offset), statements=entries, speaker=read.person_ref(found.person),
        about=found.about,
    )  # fmt: skip


@router.get(
    "/statements/{statement_id}/echoes",
    tags=["people"],
    summary="Earlier statements by the same speaker that say nearly the same thing, best first",
    response_model=Echoes,
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
    return Echoes(statement_id=statement_id, limit=limit, echoes=[read.echo_out(echo) for echo in found])


@router.get(
    "/search",
    tags=["search"],
    summary="Full-text search over article bodies, best first",
    response_model=SearchPage,
)
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
    query = ArticleQuery(
        text=q, outlet=outlet, original_publisher=original, since=since or None, until=until or None,
        limit=limit, offset=offset,
    )  # fmt: skip
    hits = [
        SearchHit(**fields_of(summary), snippet=str(snippet_html(snippet)))
        for summary, snippet in read.search(db, query)
    ]
    return SearchPage(**_page(_count(db.count_articles, query), limit, offset), articles=hits)


@router.post(
    "/articles",
    tags=["articles"],
    status_code=201,
    summary="Ingest an article (needs the token)",
    response_model=Stored,
)
async def api_ingest(request: Request) -> Any:
    state = request.app.state
    _authorise(request, state.token)
    body = await _read_body(request, state.max_body)
    item = _item_from_request(request.headers.get("content-type", ""), body, state.max_body)
    with state.stores.write_lock:
        summary = state.stores.pipeline().ingest([item])
    if summary.failures:
        raise HTTPException(422, "; ".join(f"{f.stage}: {f.reason}" for f in summary.failures))
    return Stored(id=item.id, stored=summary.ingested, duplicate=bool(summary.duplicates))


@router.get("/health", tags=["meta"], summary="Liveness and store counts", response_model=Health)
def api_health(db: StoreDep) -> Any:
    return Health(status="ok", version=__version__, counts=db.counts())


def _count(counter: Callable[..., int], query: Any) -> tuple[int, bool]:
    """Matches counted up to COUNT_LIMIT (or just past the page asked for), and whether there are more."""
    limit = max(COUNT_LIMIT, query.offset + (query.limit or 0) + 1)
    total = counter(query, at_most=limit)
    return total, total >= limit


def _page(total: tuple[int, bool] | None, limit: int, offset: int) -> dict[str, Any]:
    """A page's fields; ``total`` counts matches up to a limit, ``more`` says it was reached."""
    counted, more = total if total is not None else (None, False)
    return {"total": counted, "more": more, "limit": limit, "offset": offset}


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
