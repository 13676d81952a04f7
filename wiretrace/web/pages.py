"""The HTML pages: home, search, article. Each is a store query and a template."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from wiretrace.records import Article
from wiretrace.store import ArticleQuery, Store
from wiretrace.web.deps import Day, StoreDep
from wiretrace.web.render import Mark, segments

PAGE_SIZE = 20


def article_marks(store: Store, article: Article) -> list[Mark]:
    """What the article page highlights in the body: temporal expressions with their values."""
    marks = []
    for time in store.times(article.id):
        span = article.body_map.span_to_body(time.start, time.end)
        if span:
            value = time.value or "unresolved"
            marks.append(Mark(*span, kind="time", title=f"{time.type} {value}"))
    return marks


def register(app: FastAPI, templates: Jinja2Templates) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: StoreDep) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            "home.html",
            {"counts": db.counts(), "articles": db.articles(ArticleQuery(limit=PAGE_SIZE))},
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        request: Request,
        db: StoreDep,
        q: Annotated[str, Query(max_length=500)] = "",
        outlet: Annotated[str, Query(max_length=200)] = "",
        original: Annotated[str, Query(max_length=200)] = "",
        since: Day = None,
        until: Day = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        query = ArticleQuery(
            q.strip() or None,
            outlet or None,
            original or None,
            since or None,
            until or None,
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE,
        )
        if query.text:
            hits = db.search_articles(query)
        else:
            hits = [(article, "") for article in db.articles(query)]
        total = db.count_articles(query)
        return templates.TemplateResponse(
            request,
            "search.html",
            {
                "q": q,
                "outlet": outlet,
                "original": original,
                "since": since or "",
                "until": until or "",
                "hits": hits,
                "total": total,
                "page": page,
                "pages": max(math.ceil(total / PAGE_SIZE), 1),
            },
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request, db: StoreDep, article_id: Annotated[str, Path(max_length=64)]
    ) -> HTMLResponse:
        article = db.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return templates.TemplateResponse(
            request,
            "article.html",
            {"article": article, "segments": segments(article.body, article_marks(db, article))},
        )
