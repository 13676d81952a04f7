"""What only the PostgreSQL backend does: its URL, read-only sessions, and an ingest
killed again and again that resumes to exactly what one clean run stores."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from tests.test_pipeline import ingest_killed_at_random, synthetic_articles, write_jsonl
from wiretrace.errors import StoreError
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store import Batch, open_store
from wiretrace.store.postgres import PostgresStore, tsquery, without_password
from wiretrace.store.sqlite import SQLiteStore

SNAPSHOT = {
    "items": "SELECT id FROM items",
    "articles": "SELECT id, title, published, body FROM articles",
    "statements": "SELECT id, article_id, text FROM statements",
    "times": "SELECT article_id, start, value FROM time_expressions",
}


def test_postgresql_urls_open_a_postgres_store(postgres_url):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore) and store.url == postgres_url


def test_an_unreachable_server_is_a_clear_error_that_hides_the_password(postgres_url):
    closed = postgres_url.replace("wiretrace@", "wiretrace:s3cret@").rsplit(":", 1)[0] + ":1/none"
    with pytest.raises(StoreError, match="cannot open store") as raised:
        open_store(closed)
    assert "s3cret" not in str(raised.value) and "***" in str(raised.value)


def test_a_user_who_may_not_create_tables_gets_a_clear_error(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("CREATE ROLE reader LOGIN")
        admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    reader = postgres_url.replace("wiretrace@", "reader@")
    with pytest.raises(StoreError, match="cannot set up store .*permission denied"):
        open_store(reader)


def test_without_password():
    assert without_password("postgresql://u:pw@h:5/db") == "postgresql://u:***@h:5/db"
    assert without_password("postgresql://u@h/db") == "postgresql://u@h/db"
    assert without_password("postgresql://h/db?user=u&password=pw") == "postgresql://h/db?user=u&password=***"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Foreign minister", "'Foreign' & 'minister'"),
        ("sanct* minister", "'sanct':* & 'minister'"),
        ("", ""),
        ("it's 100%!", "'it' & 's' & '100'"),
    ],
)
def test_search_words_become_a_tsquery(text, query):
    assert tsquery(text) == query


def test_reading_an_empty_database_says_to_ingest_first(postgres_url):
    with pytest.raises(StoreError, match="no store at .*run `wiretrace ingest` first"):
        open_store(postgres_url, readonly=True)


def test_a_readonly_store_refuses_writes(postgres_url):
    open_store(postgres_url).close()
    item = RawItem(id="r" * 16, source_path="r.txt", media_type="text/plain", content="text")
    with open_store(postgres_url, readonly=True) as reader:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.write(Batch(items=[item]))
        assert reader.counts()["items"] == 0


def snapshot(store) -> dict[str, list]:
    return {name: sorted(tuple(row) for row in store.execute(sql)) for name, sql in SNAPSHOT.items()}


def stored_items(url: str) -> int:
    with psycopg.connect(url) as connection:
        exists = connection.execute("SELECT to_regclass('items')").fetchone()[0]
        return connection.execute("SELECT count(*) FROM items").fetchone()[0] if exists else 0


def test_killed_runs_resume_and_store_everything_exactly_once(postgres_url, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", synthetic_articles(80))
    with SQLiteStore(tmp_path / "reference.db") as reference:
        Pipeline.full(reference, batch_size=5).ingest(read_inputs([str(source)]))
        expected = snapshot(reference)
    command = [sys.executable, "-m", "wiretrace", "ingest", str(source), "--db", postgres_url]
    command += ["--batch-size", "5", "--workers", "1", "--quiet"]
    env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_DB"}
    killed = ingest_killed_at_random(
        command, env, lambda: stored_items(postgres_url), rounds=3, most=25, seed=7
    )
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    assert killed >= 1, "no run was killed: the corpus is too small for this machine"
    with open_store(postgres_url) as store:
        assert snapshot(store) == expected
