"""Where an article came from, on the pages: its copies on the article page, and the
origin tree of a story's copies on the story page (a real server over a real store)."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from tests.origins.texts import HARBOUR, page_with_furniture, trimmed_retitled
from tests.web.conftest import Server
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def copies_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    original = {"text": HARBOUR, "url": "https://harbour.example/plan", "published": "2024-05-02"}
    (folder / "original.jsonl").write_text(json.dumps(original) + "\n")
    (folder / "reprint.html").write_text(
        "<html><body><pre>" + page_with_furniture(trimmed_retitled(HARBOUR)) + "</pre></body></html>"
    )
    db = folder / "copies.db"
    with SQLiteStore(db) as store:
        summary = Pipeline.full(store).ingest(read_inputs([str(folder)]))
        assert summary.ingested == 2 and not summary.failures
        ids = [article.id for article in store.articles()]
    with Server(db, token=None) as running:
        running.ids = ids
        yield running


def test_article_page_lists_the_other_carriers(copies_server):
    original, reprint = copies_server.ids  # newest first: the dated original, then the undated reprint
    page = httpx.get(f"{copies_server.base}/articles/{reprint}").text
    assert "Copies of this article (2 carriers)" in page
    assert f'href="/articles/{original}"' in page and "first publisher" in page
    assert "<strong>this article</strong>" in page
    assert re.search(r"trimmed|retitled", page)


def test_story_page_shows_the_origin_tree(copies_server):
    stories = httpx.get(f"{copies_server.base}/api/stories", params={"level": "event"}).json()["stories"]
    (story,) = [s for s in stories if set(copies_server.ids) <= set(s["articles"])]
    page = httpx.get(f"{copies_server.base}/stories/{story['id']}").text
    assert "Origin of the copies" in page
    tree = page[page.index("Origin of the copies") :]
    assert tree.index("first publisher") < tree.index("↳")  # the canonical first, the copy under it
