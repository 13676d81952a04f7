"""The web server over a PostgreSQL store: the same pages and API answers as over SQLite,
and ingest through the API writes to PostgreSQL."""

from __future__ import annotations

import httpx

from tests.conftest import SEEDS
from tests.web.conftest import TOKEN, Server
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.store import open_store

NEW_ARTICLE = "Ferry returns\n\nThe ferry returned to service on Monday, the operator said.\n"


def test_the_server_over_postgresql_answers_as_over_sqlite(server, seed_db, postgres_url):
    hostile = seed_db.parent / "hostile.txt"
    with open_store(postgres_url) as store:  # the same inputs, in the same order, as seed_db
        summary = Pipeline.full(store).ingest(read_inputs([str(SEEDS), str(hostile)]))
    assert summary.ingested == 6 and not summary.failures
    speaker = "Sergey Lavrov"
    paths = [
        ("/api/articles", {}),
        ("/api/statements", {"limit": 200}),
        ("/api/statements", {"speaker": "lavrov"}),
        ("/api/stories", {}),
        ("/api/health", {}),
    ]
    with Server(postgres_url, token=TOKEN) as shared:
        for path, params in paths:
            expected = httpx.get(server.base + path, params=params, timeout=30).json()
            assert httpx.get(shared.base + path, params=params, timeout=30).json() == expected, path
        found = httpx.get(shared.base + "/api/search", params={"q": "sanctions relief"}, timeout=30).json()
        expected = httpx.get(server.base + "/api/search", params={"q": "sanctions relief"}, timeout=30).json()
        assert found["total"] == expected["total"] >= 2
        assert sorted(hit["id"] for hit in found["articles"]) == sorted(
            hit["id"] for hit in expected["articles"]
        )
        assert all("<mark>" in hit["snippet"] for hit in found["articles"])
        for page in ("/", "/search?q=sanctions", f"/speakers/{speaker}"):
            response = httpx.get(shared.base + page, timeout=30)
            assert response.status_code == 200 and speaker.split()[-1] in response.text, page
        posted = httpx.post(
            shared.base + "/api/articles",
            content=NEW_ARTICLE.encode(),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
            timeout=120,
        )
        assert posted.status_code == 201, posted.text
        counts = httpx.get(shared.base + "/api/health", timeout=30).json()["counts"]
    assert counts["articles"] == 7
    with open_store(postgres_url, readonly=True) as store:
        assert store.article(posted.json()["id"]).value("title") == "Ferry returns"
