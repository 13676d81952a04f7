"""What only the SQLite backend does: WAL mode, read-only opening of a file."""

from __future__ import annotations

import pytest

from wiretrace.errors import StoreError
from wiretrace.store import open_store
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
