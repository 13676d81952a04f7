"""The real `wiretrace` command on PostgreSQL: the seeds ingested by `wiretrace ingest`
into a PostgreSQL database read back as they do from a SQLite file."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS, create_database, needs_shared, run_cli
from wiretrace.store import ArticleQuery, StatementQuery, StoryQuery, open_store
from wiretrace.stories.tables import tables as story_tables

pytestmark = needs_shared(SEEDS)


@pytest.fixture(scope="module")
def stores(postgres_cluster, tmp_path_factory) -> dict[str, str]:
    """The seeds ingested by the CLI into a SQLite file and into a PostgreSQL database."""
    found = {
        "sqlite": str(tmp_path_factory.mktemp("seeds") / "seeds.db"),
        "postgresql": create_database(postgres_cluster),
    }
    for db in found.values():
        process = run_cli("ingest", str(SEEDS), "--db", db, "--workers", "1", "-q")
        assert process.returncode == 0, process.stderr
    return found


def jsonl(db: str, *args: str) -> list[dict]:
    process = run_cli(*args, "--format", "jsonl", "--db", db)
    assert process.returncode == 0, process.stderr
    return [json.loads(line) for line in process.stdout.splitlines()]


def test_search_and_quotes_commands_give_the_same_results(stores):
    sqlite, postgresql = (jsonl(db, "articles", "--search", "minister") for db in stores.values())
    assert sqlite, "no seed article says 'minister': choose another word"
    # the same articles; the order is each engine's own ranking (bm25, ts_rank)
    assert sorted(row["id"] for row in postgresql) == sorted(row["id"] for row in sqlite)
    sqlite, postgresql = (jsonl(db, "quotes") for db in stores.values())
    assert len(sqlite) > 10 and postgresql == sqlite


@pytest.mark.parametrize("words", ["said", "the", "Mini*", "ministers", "foreign minister", "nothingatall"])
def test_search_finds_the_same_articles(stores, words):
    found = []
    for db in stores.values():
        with open_store(db, readonly=True) as store:
            found.append(sorted(article.id for article, _ in store.search_articles(ArticleQuery(text=words))))
    assert found[1] == found[0]
    assert bool(found[0]) == (words != "nothingatall")


def test_everything_reads_back_the_same(stores):
    read = []
    for db in stores.values():
        with open_store(db, readonly=True) as store:
            statements = store.statements()
            speakers = sorted({s.speaker.name for s in statements if s.speaker and s.speaker.name})
            read.append(
                {
                    "counts": store.counts(),
                    "articles": store.articles(),
                    "items": list(store.iter_items()),
                    "statements": statements,
                    "by speaker": [
                        store.statements(StatementQuery(speaker=name.upper())) for name in speakers
                    ],
                    "statement search": store.statements(StatementQuery(text="said")),
                    "entities": [store.entities(article.id) for article in store.articles()],
                    "times": [store.times(article.id) for article in store.articles()],
                    "stories": story_tables(store).stories(StoryQuery(min_events=1)),
                }
            )
    assert read[0]["statements"] and read[0]["stories"] and any(read[0]["by speaker"])
    for key in read[0]:
        assert read[1][key] == read[0][key], key
