"""What only the SQLite backend does: WAL mode, read-only opening of a file, its FTS5 indexes."""

from __future__ import annotations

import pytest

from wiretrace.errors import StoreError
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem, content_id
from wiretrace.store import ArticleQuery, open_store
from wiretrace.store.sqlite import SQLiteStore


def test_a_new_store_uses_write_ahead_logging(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_open_store_readonly_refuses_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "missing.db"), readonly=True)


def test_sqlite_urls_and_paths_open_the_same_file(tmp_path):
    path = tmp_path / "s.db"
    with open_store(f"sqlite:///{path}") as store:
        assert isinstance(store, SQLiteStore) and store.path == path


UNSTEMMED = "tokenize='unicode61 remove_diacritics 2'"


def test_a_store_from_before_stemmed_search_is_searched_by_stem_once_opened(tmp_path):
    # a store as migration 0012 left it: both indexes without the porter stemmer
    path = tmp_path / "s.db"
    text = "Bridge closes\n\nThe old bridge closed for repairs on Monday, and traffic was diverted."
    item = RawItem(id=content_id(text), source_path="bridge.txt", media_type="text/plain", content=text)
    with SQLiteStore(path) as store:
        Pipeline(store).ingest([item])
        with store.transaction():
            for table, columns in (("articles", "title, body"), ("statements", "text, speaker")):
                store.execute(f"DROP TABLE {table}_fts")
                store.execute(
                    f"CREATE VIRTUAL TABLE {table}_fts USING fts5({columns}, content='{table}', "
                    f"content_rowid='seq', {UNSTEMMED})"
                )
                store.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
            store.execute("DELETE FROM schema_migrations WHERE version = 13")
        assert store.count_articles(ArticleQuery(text="repaired")) == 0
    with SQLiteStore(path) as store:
        assert store.schema_version == 13
        assert store.count_articles(ArticleQuery(text="repaired")) == 1
        assert store.count_articles(ArticleQuery(text="diverting bridges")) == 1
