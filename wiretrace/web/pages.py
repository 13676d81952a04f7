"""The HTML pages: home, search, article, speaker, story. Each is a few read-layer
calls (``wiretrace.read``) and a template; charts are SVG images served beside them.

Speakers are people across articles: pages link them by the person's id and show
the name; ``/speakers/NAME`` also finds a person by any name or form articles use.
"""

from __future__ import annotations

import hashlib
import math
import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from wiretrace.origins.tables import tables as origin_tables
from wiretrace.people.echoes import strongest_echoes
from wiretrace.people.tables import tables as people_tables
from wiretrace.read import queries as read
from wiretrace.read.models import ArticleSummary, StatementOut
from wiretrace.records import Article, Family, Person
from wiretrace.stems import stem
from wiretrace.store import ArticleQuery, StatementQuery, Store, search_terms
from wiretrace.store.base import COUNT_LIMIT, StoryQuery
from wiretrace.views import speaker_label
from wiretrace.web import charts
from wiretrace.web.deps import Day, StoreDep
from wiretrace.web.render import Mark, segments

PAGE_SIZE = 20
SPEAKER_COLOURS = 8  # css classes speaker-0 … speaker-7
MAX_STATEMENTS_SHOWN = 500
ArticleId = Annotated[str, Path(max_length=64)]
SpeakerKey = Annotated[str, Path(max_length=200, description="A person's id, name or a form of it")]

router = APIRouter(include_in_schema=False)


def count_limit(offset: int) -> int:
    """Count matches this far (past the page shown), then say "more than"."""
    return max(COUNT_LIMIT, offset + PAGE_SIZE + 1)


def speaker_class(key: str | None) -> str:
    """A stable colour class per speaker (inline styles are barred by the page's CSP)."""
    if not key:
        return "speaker-none"
    digest = hashlib.blake2s(key.encode("utf-8"), digest_size=2).digest()
    return f"speaker-{int.from_bytes(digest, 'big') % SPEAKER_COLOURS}"


def statement_title(statement: StatementOut) -> str:
    parts = [f"{statement.kind} · {speaker_label(statement)}"]
    if statement.cue:
        parts.append(f"cue “{statement.cue.text}”")
    if statement.date:
        parts.append(f"said {statement.date}")
    if statement.venue:
        parts.append(statement.venue)
    return " · ".join(parts)


def article_marks(store: Store, article: Article, statements: list[StatementOut]) -> list[Mark]:
    """What the article page highlights: statements (by kind and speaker) and temporal expressions."""
    marks = []
    for statement in statements:
        span = article.body_map.span_to_body(statement.start, statement.end)
        if span:
            who = statement.person.id if statement.person else None
            kind = f"statement {statement.kind} {speaker_class(who)}"
            marks.append(Mark(*span, kind=kind, title=statement_title(statement)))
    for time in store.times(article.id):
        span = article.body_map.span_to_body(time.start, time.end)
        if span:
            marks.append(Mark(*span, kind="time", title=f"{time.type} {time.value or 'unresolved'}"))
    return marks


def highlight(text: str, query: str | None) -> Markup:
    """Text escaped, with the words a search matched in <mark>, as the store matches them: a
    word of the same stem as one of the query's, or starting with a starred one."""
    terms = search_terms(query or "")
    if not terms:
        return Markup(escape(text))
    stems = {stem(word.lower()) for word, starred in terms if not starred}
    # a stemmer changes a word's ending only: a word is stemmed only where it starts as one
    # of the query's stems does
    heads = tuple(known[:2] for known in stems)
    prefixes = tuple(word.lower() for word, starred in terms if starred)
    pieces, position = [], 0
    for match in re.finditer(r"\w+", text):
        word = match.group().lower()
        if word.startswith(prefixes) or (word.startswith(heads) and stem(word) in stems):
            pieces.append(escape(text[position : match.start()]))
            pieces.append(Markup("<mark>") + escape(match.group()) + Markup("</mark>"))
            position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


TEMPLATE_GLOBALS = {"speaker_class": speaker_class, "speaker_label": speaker_label, "highlight": highlight}


def render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


def summaries(store: Store, article_ids: list[str]) -> dict[str, ArticleSummary]:
    """The articles of these ids as the pages list them, by id."""
    found = origin_tables(store).articles_by_id(article_ids)
    return {summary.id: summary for summary in read.summarise(store, list(found.values()))}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: StoreDep) -> HTMLResponse:
    return render(
        request,
        "home.html",
        {
            "counts": db.counts(),
            "stories": read.stories(db, StoryQuery(limit=PAGE_SIZE)),
            "articles": read.articles(db, ArticleQuery(limit=10)),
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    db: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    what: Annotated[str, Query(pattern="^(articles|statements)$")] = "articles",
    outlet: Annotated[str, Query(max_length=200)] = "",
    original: Annotated[str, Query(max_length=200)] = "",
    speaker: Annotated[str, Query(max_length=200)] = "",
    kind: Annotated[str, Query(pattern="^(|direct|indirect|mixed)$")] = "",
    since: Day = None,
    until: Day = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    text = q.strip() or None
    offset = (page - 1) * PAGE_SIZE
    context: dict[str, Any] = {
        "q": q, "what": what, "outlet": outlet, "original": original, "speaker": speaker, "kind": kind,
        "since": since or "", "until": until or "", "page": page, "hits": [], "statements": [],
    }  # fmt: skip
    if what == "statements":
        query = StatementQuery(
            speaker=speaker or None, kind=kind or None, text=text, since=since or None,
            until=until or None, limit=PAGE_SIZE, offset=offset,
        )  # fmt: skip
        found = read.statements(db, query)
        total = db.count_statements(query, at_most=count_limit(offset))
        context.update(statements=found, articles=summaries(db, [s.article_id for s in found]))
    else:
        query = ArticleQuery(
            text=text, outlet=outlet or None, original_publisher=original or None, since=since or None,
            until=until or None, limit=PAGE_SIZE, offset=offset,
        )  # fmt: skip
        hits = read.search(db, query) if text else [(summary, "") for summary in read.articles(db, query)]
        total = db.count_articles(query, at_most=count_limit(offset))
        context.update(hits=hits)
    more = total >= count_limit(offset)
    context.update(total=total, more=more, pages=max(math.ceil(total / PAGE_SIZE), 1))
    return render(request, "search.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, db: StoreDep, article_id: ArticleId) -> HTMLResponse:
    article = db.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    statements = read.statements(db, StatementQuery(article_id=article.id))
    return render(
        request,
        "article.html",
        {
            "article": read.detail(db, article),
            "segments": segments(article.body, article_marks(db, article, statements)),
            "statements": statements,
            "stories": read.stories(db, StoryQuery(article_id=article.id, min_events=1)),
            "family": origin_tables(db).family(article.id),
        },
    )


def speaker_or_404(db: Store, key: str) -> Person:
    person = read.find_speaker(db, key)
    if person is None:
        raise HTTPException(404, f"no person or organisation called {key!r}")
    return person


@router.get("/speakers/{key}", response_class=HTMLResponse)
def speaker_page(request: Request, db: StoreDep, key: SpeakerKey) -> HTMLResponse:
    # The person across articles (the people stage): every form of the name, role history,
    # outlets and statements in the order they were made; echoes have their own page.
    person = speaker_or_404(db, key)
    profile = people_tables(db).person_profile(person.id)
    entries = people_tables(db).spoken_statements(person.id, limit=MAX_STATEMENTS_SHOWN)
    if profile is None or not entries:
        raise HTTPException(404, f"no statements by {key!r}")
    said = read.describe(db, [entry.statement for entry in entries])
    return render(
        request,
        "speaker.html",
        {
            "profile": read.person_detail(profile),
            "entries": [(entry.day, statement) for entry, statement in zip(entries, said, strict=True)],
            "articles": summaries(db, [statement.article_id for statement in said]),
        },
    )


@router.get("/speakers/{key}/echoes", response_class=HTMLResponse)
def speaker_echoes(request: Request, db: StoreDep, key: SpeakerKey) -> HTMLResponse:
    # Its own page: finding echoes parses the speaker's latest statements (seconds for a
    # much-quoted person), which the speaker page itself should not wait for.
    person = speaker_or_404(db, key)
    context = {"person": read.person_ref(person), "echoes": strongest_echoes(db, person.id)}
    return render(request, "echoes.html", context)


@router.get("/charts/speaker.svg")
def speaker_chart(db: StoreDep, name: Annotated[str, Query(max_length=200)]) -> Response:
    person = read.find_speaker(db, name)
    entries = people_tables(db).spoken_statements(person.id, limit=MAX_STATEMENTS_SHOWN) if person else []
    rows = [(entry.day, entry.statement.kind, entry.outlet) for entry in entries]
    return _svg_response(charts.statements_over_time([row for row in rows if row[0]]))


def by_speaker(statements: list[StatementOut]) -> list[tuple[str, str | None, list[StatementOut]]]:
    """Statements grouped by person (label, person id, statements), most first; unresolved last."""
    groups: dict[str, tuple[str, str | None, list[StatementOut]]] = {}
    for statement in statements:
        key = statement.person.id if statement.person else speaker_label(statement)
        person_id = statement.person.id if statement.person else None
        groups.setdefault(key, (speaker_label(statement), person_id, []))[2].append(statement)
    return sorted(groups.values(), key=lambda group: (group[1] is None, -len(group[2]), group[0]))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, db: StoreDep, story_id: ArticleId) -> HTMLResponse:
    story = read.story(db, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    by_id = summaries(db, story.articles)
    articles = sorted(by_id.values(), key=lambda a: (a.published or "9999", a.id))
    said = [s for article in articles for s in read.statements(db, StatementQuery(article_id=article.id))]
    events = [found for event_id in story.events if (found := read.story(db, event_id))]
    return render(
        request,
        "story.html",
        {"story": story, "articles": articles, "speakers": by_speaker(said), "events": events,
         "by_id": by_id, "families": story_families(db, [article.id for article in articles])},
    )  # fmt: skip


@router.get("/charts/story/{story_id}.svg")
def story_chart(db: StoreDep, story_id: ArticleId) -> Response:
    story = read.story(db, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    articles = summaries(db, story.articles).values()
    return _svg_response(charts.coverage((a.published, a.outlet) for a in articles))


def story_families(db: Store, article_ids: list[str]) -> list[Family]:
    """The families of copies among a story's articles (two members or more), largest first."""
    families: dict[str, Family] = {}
    placed: set[str] = set()  # members of a family already found
    for article_id in article_ids:
        family = None if article_id in placed else origin_tables(db).family(article_id)
        if family is not None and len(family.members) > 1:
            families[family.id] = family
            placed.update(member.article_id for member, _ in family.members)
    return sorted(families.values(), key=lambda family: -len(family.members))


def _svg_response(svg: str) -> Response:
    # a chart is an image: no scripts, whatever text it holds
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
    )
