"""The core SQL every backend shares, with small hooks where the dialects differ.

``SQLStore`` holds the SQL of the core tables (items, articles, statements,
entities, times, failures, feeds), written once with ``?`` placeholders and
``ON CONFLICT`` upserts (spelt alike by SQLite and PostgreSQL). The stages'
own tables have their SQL beside the stage (``wiretrace/<stage>/tables.py``)
and run it through the public core methods (``execute``, ``executemany``,
``insert``, ``limit_param``, ``equals_nocase``, ``like_nocase``,
``json_text``). A backend (``sqlite.py``, ``postgres.py``) supplies the
connection and the hooks: how a statement runs, how a transaction starts,
case-insensitive comparison, JSON access, "no limit", and full-text search.
Migrations are per dialect, in ``migrations/<dialect>/NNNN_name.sql``, with the
same numbers in each.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from importlib import resources
from typing import Any

from wiretrace.errors import StoreError
from wiretrace.records import (
    Analysis,
    Article,
    Entity,
    RawItem,
    Statement,
    TimeExpression,
)
from wiretrace.store import codec
from wiretrace.store.base import (
    SEARCH_WINDOW,
    ArticleQuery,
    Batch,
    FeedState,
    StatementQuery,
    Store,
    StoredFailure,
)
from wiretrace.store.core import CHUNK, chunks, marks, now

__all__ = ["CHUNK", "SQLStore", "migrations", "now"]


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """The packaged migrations for a dialect: (version, name, SQL), in order."""
    folder = resources.files("wiretrace.store").joinpath("migrations", dialect)
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found)


class SQLStore(Store):
    """A store over a DB-API connection; subclasses connect and fill in the dialect hooks."""

    dialect: str
    # The driver's exception for a broken constraint (a foreign key, a NOT NULL).
    integrity_error: type[Exception]

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0  # open transaction() contexts

    # -- dialect hooks -------------------------------------------------------------

    def _run_script(self, sql: str) -> None:
        """Run a migration file (several statements, no parameters)."""
        raise NotImplementedError

    def _begin(self) -> None:
        """Start a write transaction that holds the store's one writer lock until it ends,
        so batches from several processes are written one after the other."""
        raise NotImplementedError

    def _end(self, commit: bool) -> None:
        self.execute("COMMIT" if commit else "ROLLBACK")

    def _fts_query(self, text: str) -> str:
        """A user's search words as the dialect's full-text query (the ``?`` of the clauses below)."""
        raise NotImplementedError

    def _fts_filter(self, table: str) -> str:
        """A condition on ``table`` (articles, statements): its row matches a ``?`` full-text query."""
        raise NotImplementedError

    def _fts_from(self, table: str, *, filtered: bool = True) -> str:
        """``FROM ... WHERE ...``: the rows of ``table`` (articles; statements joined to their
        articles) that match a full-text query, its one ``?``; more conditions follow as AND.
        Unfiltered, a backend may read its index alone (no article columns are then named)."""
        raise NotImplementedError

    def _fts_rowid(self, table: str) -> str:
        """In ``_fts_from``: the matching row's ``seq``, as the index orders it (newest last)."""
        raise NotImplementedError

    def _fts_rank(self, table: str) -> str:
        """In ``_fts_from``: how well the row matches, lower is better."""
        raise NotImplementedError

    def _snippet_sql(self, fts: str, seqs: Sequence[int]) -> tuple[str, list[Any]]:
        """SQL and parameters for a page of search hits (by seq, any order): articles.*
        and a ``snippet`` of each body with the matched words between SNIPPET_START and
        SNIPPET_END."""
        raise NotImplementedError

    # -- schema ----------------------------------------------------------------

    def _migrate(self) -> None:
        """Apply the dialect's migrations that are not applied yet, under the writer lock
        (so two processes opening a new store at once do not both create it)."""
        known = migrations(self.dialect)
        newest = max((version for version, _, _ in known), default=0)
        with self.transaction():
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {row[0] for row in self.execute("SELECT version FROM schema_migrations")}
            if applied and max(applied) > newest:
                raise StoreError(
                    f"store {self.url} has schema version {max(applied)}, newer than this wiretrace "
                    f"knows ({newest}); upgrade wiretrace"
                )
            for version, name, sql in known:
                if version not in applied:
                    self._run_script(sql)
                    self.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))

    @property
    def schema_version(self) -> int:
        row = self.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    # -- writing ---------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """One transaction; nested uses join the outer one."""
        return _Transaction(self)

    def write(self, batch: Batch) -> None:
        stamp = now()
        with self.transaction():
            self.insert("items", [codec.item_row(item, stamp) for item in batch.items], ignore=True)
            self._write_analyses(batch.analyses, stamp)
            for failure in batch.failures:
                self.execute(
                    "INSERT INTO failures (source_path, stage, reason, item_id, created_at) "
                    "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM failures WHERE "
                    "source_path = ? AND stage = ? AND reason = ? AND resolved_at IS NULL)",
                    (
                        failure.source_path,
                        failure.stage,
                        failure.reason,
                        failure.item_id,
                        stamp,
                        failure.source_path,
                        failure.stage,
                        failure.reason,
                    ),
                )

    def replace_analyses(self, analyses: Iterable[Analysis]) -> None:
        analyses = list(analyses)
        with self.transaction():
            self._delete_derived([analysis.item.id for analysis in analyses])
            self._write_analyses(analyses, now())

    def _delete_derived(self, item_ids: list[str]) -> None:
        """Remove everything derived from these items (the items themselves stay)."""
        for chunk in chunks(item_ids):
            self.execute(f"DELETE FROM articles WHERE id IN ({marks(chunk)})", chunk)

    def _write_analyses(self, analyses: list[Analysis], stamp: str) -> None:
        self.insert("articles", [codec.article_row(a.article, stamp) for a in analyses], ignore=True)
        self.insert(
            "statements", [codec.statement_row(s) for a in analyses for s in a.statements], ignore=True
        )
        self.insert(
            "article_entities",
            [codec.entity_row(a.article.id, e) for a in analyses for e in a.entities],
            ignore=True,
        )
        self.insert(
            "time_expressions",
            [codec.time_row(a.article.id, t) for a in analyses for t in a.times],
            ignore=True,
        )

    def resolve_failures(self, item_ids: Iterable[str]) -> None:
        stamp = now()
        with self.transaction():
            for chunk in chunks(item_ids):
                self.execute(
                    f"UPDATE failures SET resolved_at = ? WHERE resolved_at IS NULL AND item_id IN ({marks(chunk)})",
                    [stamp, *chunk],
                )

    def insert(
        self,
        table: str,
        rows: list[dict[str, Any]],
        *,
        ignore: bool = False,
        replace_on: tuple[str, ...] = (),
    ) -> None:
        """Insert rows; ``ignore``: skip rows whose key is taken; ``replace_on``: overwrite the
        row with the same values in these (key) columns. ON CONFLICT is spelt alike in both dialects."""
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f'"{column}"' for column in columns)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        if replace_on:
            keys = ", ".join(f'"{column}"' for column in replace_on)
            updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in replace_on)
            sql += f" ON CONFLICT ({keys}) DO UPDATE SET {updates}"
        elif ignore:
            sql += " ON CONFLICT DO NOTHING"
        self.executemany(sql, [[row[c] for c in columns] for row in rows])

    # -- reading ---------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        known: set[str] = set()
        for chunk in chunks(ids):
            known.update(
                row[0] for row in self.execute(f"SELECT id FROM items WHERE id IN ({marks(chunk)})", chunk)
            )
        return known

    def item(self, item_id: str) -> RawItem | None:
        row = self.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        return codec.row_item(dict(row)) if row else None

    def iter_items(self, ids: Iterable[str] | None = None) -> Iterator[RawItem]:
        if ids is None:
            last = ""
            while True:
                rows = self.execute(
                    "SELECT * FROM items WHERE id > ? ORDER BY id LIMIT ?", (last, CHUNK)
                ).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield codec.row_item(dict(row))
                last = rows[-1]["id"]
        for chunk in chunks(ids):
            for row in self.execute(f"SELECT * FROM items WHERE id IN ({marks(chunk)}) ORDER BY id", chunk):
                yield codec.row_item(dict(row))

    def article(self, article_id: str) -> Article | None:
        row = self.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and article_id:
            # a unique prefix, as a range over the id index (LIKE would scan the table); ids
            # compare byte by byte in both dialects (PostgreSQL's id columns are COLLATE "C")
            rows = self.execute(
                "SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2", (article_id, article_id + "\uffff")
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return codec.row_article(dict(row)) if row is not None else None

    def _where(self, query: ArticleQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if query.text:
            clauses.append(self._fts_filter("articles"))
            params.append(self._fts_query(query.text))
        for column in ("outlet", "original_publisher"):
            value = getattr(query, column)
            if value:
                clauses.append(self.equals_nocase(column))
                params.append(value)
        if query.since:
            clauses.append("published_day >= ?")
            params.append(query.since)
        if query.until:
            clauses.append("published_day <= ?")
            params.append(query.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def articles(self, query: ArticleQuery = ArticleQuery()) -> list[Article]:
        where, params = self._where(query)
        sql = f"SELECT * FROM articles{where} ORDER BY published_day DESC NULLS LAST, seq LIMIT ? OFFSET ?"
        rows = self.execute(sql, [*params, self.limit_param(query.limit), query.offset]).fetchall()
        return [codec.row_article(dict(row)) for row in rows]

    def search_articles(self, query: ArticleQuery) -> list[tuple[Article, str]]:
        # Ranking costs a few microseconds per match, so a common word over a large store
        # would rank every article. Matches are read newest first (the index stops at the
        # LIMIT) in windows of SEARCH_WINDOW and ranked within each window: the first
        # pages are the best of the newest matches, later pages go back in time.
        where, params = self._where(replace(query, text=None))
        where = where.replace(" WHERE ", " AND ", 1)
        match = self._fts_query(query.text or "")
        reach = None
        if query.limit is not None:
            reach = math.ceil((query.offset + query.limit) / SEARCH_WINDOW) * SEARCH_WINDOW
        rowid, rank = self._fts_rowid("articles"), self._fts_rank("articles")
        ranked = self.execute(
            "SELECT seq FROM (SELECT seq, rank, (row_number() OVER (ORDER BY seq DESC) - 1) / ? AS chunk "
            f"FROM (SELECT {rowid} AS seq, {rank} AS rank {self._fts_from('articles', filtered=bool(where))}{where} "
            f"ORDER BY {rowid} DESC LIMIT ?) AS matches) AS windows "
            "ORDER BY chunk, rank, seq DESC LIMIT ? OFFSET ?",
            [
                SEARCH_WINDOW,
                match,
                *params,
                self.limit_param(reach),
                self.limit_param(query.limit),
                query.offset,
            ],
        ).fetchall()
        order = [seq for (seq,) in ranked]
        if not order:
            return []
        sql, hit_params = self._snippet_sql(match, order)
        rows = {row["seq"]: row for row in self.execute(sql, hit_params).fetchall()}
        return [(codec.row_article(dict(rows[seq])), rows[seq]["snippet"]) for seq in order if seq in rows]

    def count_articles(self, query: ArticleQuery = ArticleQuery(), *, at_most: int | None = None) -> int:
        if query.text:
            where, params = self._where(replace(query, text=None))
            where = where.replace(" WHERE ", " AND ", 1)
            rows = f"SELECT 1 {self._fts_from('articles', filtered=bool(where))}{where}"
            params = [self._fts_query(query.text), *params]
        else:
            where, params = self._where(query)
            rows = f"SELECT 1 FROM articles{where}"
        sql = f"SELECT count(*) FROM ({rows} LIMIT ?) AS matches"
        return self.execute(sql, [*params, self.limit_param(at_most)]).fetchone()[0]

    def _statement_where(self, query: StatementQuery) -> tuple[str, list[Any]]:
        """Filters on statements joined to their articles; the text filter is the caller's."""
        clauses, params = [], []
        if query.speaker:
            # the resolved name, its last word ("Lavrov" for "Sergey Lavrov"), or the mention as written
            mention = self.json_text("statements.data", "speaker", "mention")
            clauses.append(
                f"({self.equals_nocase('statements.speaker')} OR {self.like_nocase('statements.speaker')} "
                f"OR {self.equals_nocase(mention)})"
            )
            params.extend([query.speaker, f"% {query.speaker}", query.speaker])
        if query.kind:
            clauses.append("statements.kind = ?")
            params.append(query.kind)
        if query.article_id:
            clauses.append("statements.article_id = ?")
            params.append(query.article_id)
        day = "coalesce(substr(statements.date, 1, 10), articles.published_day)"
        if query.since:
            clauses.append(f"{day} >= ?")
            params.append(query.since)
        if query.until:
            clauses.append(f"{day} <= ?")
            params.append(query.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _statement_rows(
        self, query: StatementQuery, columns: str, *, ordered: bool = True
    ) -> tuple[str, list[Any]]:
        """SELECT columns of the matching statements, in their order: a text search reads the
        full-text index newest first (and can stop at the page), other queries read in article order."""
        where, params = self._statement_where(query)
        if not query.text:
            joined = "statements JOIN articles ON articles.id = statements.article_id"
            order = " ORDER BY articles.seq, statements.start" if ordered else ""
            return f"SELECT {columns} FROM {joined}{where}{order}", params
        index_only = not where and not ordered  # a bare count: no statement or article columns
        where = where.replace(" WHERE ", " AND ", 1)
        sql = f"SELECT {columns} {self._fts_from('statements', filtered=not index_only)}{where}"
        if ordered:
            sql += f" ORDER BY {self._fts_rowid('statements')} DESC"
        return sql, [self._fts_query(query.text), *params]

    def statements(self, query: StatementQuery = StatementQuery()) -> list[Statement]:
        sql, params = self._statement_rows(query, "statements.*")
        rows = self.execute(
            f"{sql} LIMIT ? OFFSET ?", [*params, self.limit_param(query.limit), query.offset]
        ).fetchall()
        return [codec.row_statement(dict(row)) for row in rows]

    def count_statements(
        self, query: StatementQuery = StatementQuery(), *, at_most: int | None = None
    ) -> int:
        sql, params = self._statement_rows(query, "1", ordered=False)
        return self.execute(
            f"SELECT count(*) FROM ({sql} LIMIT ?) AS matches", [*params, self.limit_param(at_most)]
        ).fetchone()[0]

    def entities(self, article_id: str) -> list[Entity]:
        rows = self.execute(
            "SELECT * FROM article_entities WHERE article_id = ? ORDER BY name", (article_id,)
        ).fetchall()
        return [codec.row_entity(dict(row)) for row in rows]

    def times(self, article_id: str) -> list[TimeExpression]:
        rows = self.execute(
            'SELECT * FROM time_expressions WHERE article_id = ? ORDER BY start, "end"', (article_id,)
        ).fetchall()
        return [codec.row_time(dict(row)) for row in rows]

    def failures(self, *, include_resolved: bool = False) -> list[StoredFailure]:
        where = "" if include_resolved else " WHERE resolved_at IS NULL"
        rows = self.execute(f"SELECT * FROM failures{where} ORDER BY id").fetchall()
        return [StoredFailure(**dict(row)) for row in rows]

    # -- feeds ---------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        row = self.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(**dict(row)) if row else FeedState(url)

    def save_feed_state(self, state: FeedState) -> None:
        with self.transaction():
            # an upsert, not a delete and insert: that would cascade to the entries
            self.execute(
                "INSERT INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, last_polled = excluded.last_polled, "
                "failures = excluded.failures, next_poll_after = excluded.next_poll_after, "
                "last_error = excluded.last_error",
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    state.last_polled,
                    state.failures,
                    state.next_poll_after,
                    state.last_error,
                ),
            )

    def links_to_fetch(self, feed_url: str, links: list[str], max_attempts: int) -> list[str]:
        done: set[str] = set()
        for chunk in chunks(links):
            done.update(
                row[0]
                for row in self.execute(
                    f"SELECT link FROM feed_entries WHERE feed_url = ? AND link IN ({marks(chunk)}) "
                    "AND (item_id IS NOT NULL OR attempts >= ?)",
                    [feed_url, *chunk, max_attempts],
                )
            )
        return [link for link in dict.fromkeys(links) if link not in done]

    def record_link(self, feed_url: str, link: str, item_id: str | None, error: str | None) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO feed_entries (feed_url, link, first_seen, attempts, item_id, last_error) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (feed_url, link) DO UPDATE SET "
                "attempts = feed_entries.attempts + 1, item_id = coalesce(excluded.item_id, feed_entries.item_id), "
                "last_error = excluded.last_error",
                (feed_url, link, now(), item_id, error),
            )

    def counts(self) -> dict[str, int]:
        return {
            "items": self.execute("SELECT count(*) FROM items").fetchone()[0],
            "articles": self.execute("SELECT count(*) FROM articles").fetchone()[0],
            "statements": self.execute("SELECT count(*) FROM statements").fetchone()[0],
            "failures": self.execute("SELECT count(*) FROM failures WHERE resolved_at IS NULL").fetchone()[0],
        }


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK on any error; re-entrant."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        if self.store._depth == 0:
            self.store._begin()
        self.store._depth += 1

    def __exit__(self, kind: type | None, *rest: object) -> None:
        self.store._depth -= 1
        if self.store._depth == 0:
            self.store._end(commit=kind is None)
