"""The shared store: PostgreSQL through psycopg 3, full-text search by tsvector and GIN.

Several users, ingest runs and the web server can use one PostgreSQL database at
once. The SQL lives in ``sql.py``; this module connects and says how PostgreSQL
spells what the dialects spell differently. Migrations are in
``migrations/postgresql/``, numbered as SQLite's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.types.string import StrDumperUnknown

from wiretrace.errors import StoreError
from wiretrace.store.base import search_terms
from wiretrace.store.sql import SQLStore

# The advisory lock every write transaction takes, as SQLite's BEGIN IMMEDIATE takes
# the file's write lock: batches (and the stories stage's read-then-write state) from
# several processes are written one after the other. Readers never wait for it.
WRITER_LOCK = 0x77697265  # "wire"

CONNECT_TIMEOUT = 15  # seconds

# ts_headline options giving what SQLite's snippet() gives: about 32 words of the body
# around the matches, matched words between SNIPPET_START and SNIPPET_END.
HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=32, MinWords=16, ShortWord=0"


def tsquery(text: str) -> str:
    """A user's search as a to_tsquery text: every word must occur (``search_terms``)."""
    # \w+ words: no quotes to escape
    return " & ".join(f"'{word}':*" if prefix else f"'{word}'" for word, prefix in search_terms(text))


def without_password(url: str) -> str:
    """The URL to show in messages (a password never goes to a terminal or a log)."""
    parts = urlsplit(url)
    if parts.password is not None:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1))
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(query=query))


@functools.lru_cache(maxsize=1024)
def _placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Row(tuple):
    """A result row read by position or by column name, as ``sqlite3.Row`` is."""

    def __new__(cls, values: Sequence[Any], names: list[str], index: dict[str, int]) -> _Row:
        row = super().__new__(cls, values)
        row._names, row._index = names, index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return self._names


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: position for position, name in enumerate(names)}
    return lambda values: _Row(values, names, index)


# A JSON escape of NUL (an even run of backslashes before it is escaped backslashes).
JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


class _TextDumper(StrDumperUnknown):
    """Text as PostgreSQL can hold it. SQLite keeps any string; PostgreSQL refuses NUL
    and lone surrogates, which an odd input can leave in a title or body, and its JSON
    functions refuse ``\\u0000`` (a NUL in a record's JSON). Each becomes one replacement
    character, so offsets stay right (the raw item keeps the original)."""

    def dump(self, obj: str) -> bytes:
        if "\x00" in obj:
            obj = obj.replace("\x00", "\ufffd")
        if "\\u0000" in obj:
            obj = JSON_NUL.sub(r"\1\\ufffd", obj)
        return obj.encode("utf-8", "replace")


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database (migrated on open)."""

    dialect = "postgresql"
    integrity_error = psycopg.IntegrityError

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        super().__init__(without_password(url))
        options = "-c default_transaction_read_only=on" if readonly else ""
        # a server that does not answer is an error after a while, not a hang (unless the URL says)
        timeout = {} if "connect_timeout=" in url else {"connect_timeout": CONNECT_TIMEOUT}
        try:
            self.db = psycopg.connect(
                url, autocommit=True, row_factory=_row_factory, options=options, **timeout
            )
        except psycopg.Error as error:
            raise StoreError(f"cannot open store {self.url}: {str(error).strip()}") from None
        self.db.adapters.register_dumper(str, _TextDumper)
        if readonly and self.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
            self.db.close()
            raise StoreError(f"no store at {self.url}: run `wiretrace ingest` first, or pass --db")
        if not readonly:
            try:
                self._migrate()
            except psycopg.Error as error:  # most often: the user may not create in this database
                self.db.close()
                raise StoreError(f"cannot set up store {self.url}: {str(error).strip()}") from None
            except StoreError:
                self.db.close()
                raise

    def close(self) -> None:
        self.db.close()

    # -- dialect hooks -------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.db.execute(_placeholders(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.db.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    def _run_script(self, sql: str) -> None:
        self.db.execute(sql)  # no parameters: psycopg sends the whole file at once

    def _begin(self) -> None:
        self.execute("BEGIN")
        self.execute("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))

    def limit_param(self, limit: int | None) -> int | None:
        return limit  # LIMIT NULL: every row

    def equals_nocase(self, column: str) -> str:
        return f"lower({column}) = lower(?)"

    def like_nocase(self, column: str) -> str:
        return f"{column} ILIKE ?"

    def json_text(self, column: str, *path: str) -> str:
        return f"({column}::json #>> '{{{','.join(path)}}}')"

    def _fts_query(self, text: str) -> str:
        return tsquery(text)

    def _fts_filter(self, table: str) -> str:
        return f"{table}.search @@ to_tsquery('wiretrace', ?)"

    def _fts_from(self, table: str, *, filtered: bool = True) -> str:
        joined = table
        if table == "statements":
            joined += " JOIN articles ON articles.id = statements.article_id"
        return f"FROM {joined} CROSS JOIN to_tsquery('wiretrace', ?) AS query WHERE {table}.search @@ query"

    def _fts_rowid(self, table: str) -> str:
        return f"{table}.seq"

    def _fts_rank(self, table: str) -> str:
        return f"-ts_rank({table}.search, query)"  # higher is better: negated

    def _snippet_sql(self, fts: str, seqs: Sequence[int]) -> tuple[str, list[Any]]:
        # The headline looks for any of the words (as SQLite's snippet does): with all of them
        # required, a body that lacks a word found in the title would get nothing marked.
        sql = (
            "SELECT articles.*, ts_headline('wiretrace', articles.body, to_tsquery('wiretrace', ?), ?) "
            f"AS snippet FROM articles WHERE articles.seq IN ({','.join('?' * len(seqs))})"
        )
        return sql, [fts.replace(" & ", " | "), HEADLINE, *seqs]
