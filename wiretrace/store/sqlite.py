"""The embedded store: one SQLite file, WAL mode, FTS5 search, numbered migrations.

The SQL lives in ``sql.py``; this module connects and says how SQLite spells
what the dialects spell differently.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wiretrace.errors import StoreError
from wiretrace.store.base import search_terms
from wiretrace.store.sql import CHUNK, SQLStore, migrations, now

__all__ = ["CHUNK", "SQLiteStore", "fts_query", "migrations", "now"]


def fts_query(text: str) -> str:
    """A user's search as an FTS5 query: every word must occur (``search_terms``)."""
    terms = [f'"{word}"*' if prefix else f'"{word}"' for word, prefix in search_terms(text)]
    return " ".join(terms) or '""'


# How long a connection waits for another's lock before giving up.
BUSY_SECONDS = 30


class SQLiteStore(SQLStore):
    """A store in one SQLite file (created, and migrated, on open)."""

    dialect = "sqlite"
    integrity_error = sqlite3.IntegrityError

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        super().__init__(str(self.path))
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._use_wal()
                self.db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open store {self.path}: {error}") from None

    def _use_wal(self) -> None:
        # Turning a new file to WAL needs an exclusive lock, and SQLite answers "locked" at
        # once (its busy handler is not called) while another connection is migrating the
        # same new file: wait for that, as busy_timeout would.
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    # -- dialect hooks -------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _run_script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.db.execute(statement)

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now: reads inside the batch see what no one else changes
        self.db.execute("BEGIN IMMEDIATE")

    def limit_param(self, limit: int | None) -> int:
        return -1 if limit is None else limit

    def equals_nocase(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def like_nocase(self, column: str) -> str:
        return f"{column} LIKE ?"  # SQLite's LIKE ignores (ASCII) case

    def json_text(self, column: str, *path: str) -> str:
        return f"json_extract({column}, '$.{'.'.join(path)}')"

    def _fts_query(self, text: str) -> str:
        return fts_query(text)

    def _fts_filter(self, table: str) -> str:
        return f"{table}.seq IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"

    def _fts_from(self, table: str, *, filtered: bool = True) -> str:
        if not filtered:
            # the index alone: joining would read every matching row (bodies and all)
            return f"FROM {table}_fts WHERE {table}_fts MATCH ?"
        joined = f"{table}_fts JOIN {table} ON {table}.seq = {table}_fts.rowid"
        if table == "statements":
            joined += " JOIN articles ON articles.id = statements.article_id"
        return f"FROM {joined} WHERE {table}_fts MATCH ?"

    def _fts_rowid(self, table: str) -> str:
        return f"{table}_fts.rowid"  # FTS5 reads its index in rowid order and stops at the LIMIT

    def _fts_rank(self, table: str) -> str:
        return f"{table}_fts.rank"  # bm25, lower is better

    def _snippet_sql(self, fts: str, seqs: Sequence[int]) -> tuple[str, list[Any]]:
        # One pass of FTS5 over the page's rowid range, the page's rows picked from it: with
        # `rowid IN (...)` FTS5 runs the query once per rowid, expanding a starred word each time.
        sql = (
            "SELECT articles.*, snippet(articles_fts, 1, char(2), char(3), '…', 32) AS snippet "
            "FROM articles_fts JOIN articles ON articles.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ? "
            f"AND +articles_fts.rowid IN ({','.join('?' * len(seqs))})"
        )
        return sql, [fts, min(seqs), max(seqs), *seqs]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    parts, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not current:
            continue
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            parts.append(joined)
            current = []
    if "\n".join(current).strip():
        parts.append("\n".join(current))
    return parts
