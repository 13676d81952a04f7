"""The HTML pages: home, search, article, speaker, story. Each is a few store
queries and a template; charts are SVG images served beside them."""

from __future__ import annotations

import hashlib
import math
import re
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from wiretrace.people.echoes import strongest_echoes
from wiretrace.records import Article, Family, Statement
from wiretrace.store import ArticleQuery, StatementQuery, Store
from wiretrace.store.base import COUNT_LIMIT, StoryQuery
from wiretrace.views import speaker_label
from wiretrace.web import charts
from wiretrace.web.deps import Day, StoreDep
from wiretrace.web.render import Mark, segments

PAGE_SIZE = 20
SPEAKER_COLOURS = 8  # css classes speaker-0 … speaker-7
MAX_STATEMENTS_SHOWN = 500


def count_limit(offset: int) -> int:
    """Count matches this far (past the page shown), then say "more than"."""
    return max(COUNT_LIMIT, offset + PAGE_SIZE + 1)


def speaker_class(name: str | None) -> str:
    """A stable colour class per speaker (inline styles are barred by the page's CSP)."""
    if not name:
        return "speaker-none"
    digest = hashlib.blake2s(name.encode("utf-8"), digest_size=2).digest()
    return f"speaker-{int.from_bytes(digest, 'big') % SPEAKER_COLOURS}"


def statement_title(statement: Statement) -> str:
    parts = [f"{statement.kind} · {speaker_label(statement)}"]
    if statement.cue:
        parts.append(f"cue “{statement.cue.text}”")
    if statement.date:
        parts.append(f"said {statement.date}")
    if statement.venue:
        parts.append(statement.venue)
    return " · ".join(parts)


def article_marks(store: Store, article: Article, statements: list[Statement]) -> list[Mark]:
    """What the article page highlights: statements (by kind and speaker) and temporal expressions."""
    marks = []
    for statement in statements:
        span = article.body_map.span_to_body(statement.start, statement.end)
        if span:
            name = statement.speaker.name if statement.speaker else None
            kind = f"statement {statement.kind} {speaker_class(name)}"
            marks.append(Mark(*span, kind=kind, title=statement_title(statement)))
    for time in store.times(article.id):
        span = article.body_map.span_to_body(time.start, time.end)
        if span:
            marks.append(Mark(*span, kind="time", title=f"{time.type} {time.value or 'unresolved'}"))
    return marks


def highlight(text: str, query: str | None) -> Markup:
    """Text escaped, with the query's words in <mark> (a word's prefix matches, as in search)."""
    words = [re.escape(word) for word in re.findall(r"\w+", query or "")]
    if not words:
        return Markup(escape(text))
    pattern = re.compile(r"\b(" + "|".join(words) + r")\w*", re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(Markup("<mark>") + escape(match.group()) + Markup("</mark>"))
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def register(app: FastAPI, templates: Jinja2Templates) -> None:
    templates.env.globals.update(
        speaker_class=speaker_class, speaker_label=speaker_label, highlight=highlight
    )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: StoreDep) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            "home.html",
            {
                "counts": db.counts(),
                "stories": db.stories(StoryQuery(limit=PAGE_SIZE)),
                "articles": db.articles(ArticleQuery(limit=10)),
            },
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
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
        context = {
            "q": q, "what": what, "outlet": outlet, "original": original, "speaker": speaker, "kind": kind,
            "since": since or "", "until": until or "", "page": page,
        }  # fmt: skip
        if what == "statements":
            query = StatementQuery(
                speaker or None, kind or None, None, text, since or None, until or None, PAGE_SIZE, offset
            )
            found = db.statements(query)
            articles = {s.article_id: db.article(s.article_id) for s in found}
            total = db.count_statements(query, at_most=count_limit(offset))
            context.update(statements=found, articles=articles, hits=[])
        else:
            query = ArticleQuery(
                text, outlet or None, original or None, since or None, until or None, PAGE_SIZE, offset
            )
            hits = db.search_articles(query) if text else [(article, "") for article in db.articles(query)]
            total = db.count_articles(query, at_most=count_limit(offset))
            context.update(hits=hits, statements=[])
        context.update(
            total=total, more=total >= count_limit(offset), pages=max(math.ceil(total / PAGE_SIZE), 1)
        )
        return templates.TemplateResponse(request, "search.html", context)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request, db: StoreDep, article_id: Annotated[str, Path(max_length=64)]
    ) -> HTMLResponse:
        article = db.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        statements = db.statements(StatementQuery(article_id=article.id))
        return templates.TemplateResponse(
            request,
            "article.html",
            {
                "article": article,
                "segments": segments(article.body, article_marks(db, article, statements)),
                "statements": statements,
                "stories": db.stories(StoryQuery(article_id=article.id, min_events=1)),
                "family": db.family(article.id),
            },
        )

    @app.get("/speakers/{name}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(
        request: Request, db: StoreDep, name: Annotated[str, Path(max_length=200)]
    ) -> HTMLResponse:
        # The person across articles (the people stage): every form of the name, role history,
        # outlets and statements in the order they were made; echoes have their own page.
        people = db.find_people(name)
        if not people:
            raise HTTPException(404, f"no person or organisation called {name!r}")
        profile = db.person_profile(people[0].id)
        entries = db.spoken_statements(people[0].id, limit=MAX_STATEMENTS_SHOWN)
        if profile is None or not entries:
            raise HTTPException(404, f"no statements by {name!r}")
        articles = {e.statement.article_id: db.article(e.statement.article_id) for e in entries}
        return templates.TemplateResponse(
            request,
            "speaker.html",
            {
                "name": profile.person.name, "profile": profile, "entries": entries, "articles": articles,
            },
        )  # fmt: skip

    @app.get("/speakers/{name}/echoes", response_class=HTMLResponse, include_in_schema=False)
    def speaker_echoes(
        request: Request, db: StoreDep, name: Annotated[str, Path(max_length=200)]
    ) -> HTMLResponse:
        # Its own page: finding echoes parses the speaker's latest statements (seconds for a
        # much-quoted person), which the speaker page itself should not wait for.
        people = db.find_people(name)
        if not people:
            raise HTTPException(404, f"no person or organisation called {name!r}")
        return templates.TemplateResponse(
            request,
            "echoes.html",
            {"name": people[0].name, "echoes": strongest_echoes(db, people[0].id)},
        )

    @app.get("/charts/speaker.svg", include_in_schema=False)
    def speaker_chart(db: StoreDep, name: Annotated[str, Query(max_length=200)]) -> Response:
        people = db.find_people(name)
        entries = db.spoken_statements(people[0].id, limit=MAX_STATEMENTS_SHOWN) if people else []
        rows = [(entry.day, entry.statement.kind, entry.outlet) for entry in entries]
        return _svg_response(charts.statements_over_time([row for row in rows if row[0]]))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(
        request: Request, db: StoreDep, story_id: Annotated[str, Path(max_length=64)]
    ) -> HTMLResponse:
        story = db.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        articles = [a for a in (db.article(article_id) for article_id in story.articles) if a is not None]
        articles.sort(key=lambda a: (a.value("published") or "9999", a.id))
        by_speaker: dict[str, list[Statement]] = {}
        for article in articles:
            for statement in db.statements(StatementQuery(article_id=article.id)):
                by_speaker.setdefault(speaker_label(statement), []).append(statement)
        speakers = sorted(
            by_speaker.items(), key=lambda pair: (pair[0].startswith(("“", "—")), -len(pair[1]))
        )
        events = [db.story(event_id) for event_id in story.events]
        families = story_families(db, [article.id for article in articles])
        return templates.TemplateResponse(
            request,
            "story.html",
            {"story": story, "articles": articles, "speakers": speakers, "events": [e for e in events if e],
             "by_id": {a.id: a for a in articles}, "families": families},
        )  # fmt: skip

    @app.get("/charts/story/{story_id}.svg", include_in_schema=False)
    def story_chart(db: StoreDep, story_id: Annotated[str, Path(max_length=64)]) -> Response:
        story = db.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        articles = [a for a in (db.article(article_id) for article_id in story.articles) if a is not None]
        return _svg_response(charts.coverage((a.value("published"), a.value("outlet")) for a in articles))


def story_families(db: Store, article_ids: list[str]) -> list[Family]:
    """The families of copies among a story's articles (two members or more), largest first."""
    families: dict[str, Family] = {}
    placed: set[str] = set()  # members of a family already found
    for article_id in article_ids:
        family = None if article_id in placed else db.family(article_id)
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
