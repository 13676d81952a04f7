"""The embedded store: one SQLite file, WAL mode, FTS5 search, numbered migrations."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from wiretrace.errors import StoreError
from wiretrace.records import (
    Analysis,
    Article,
    Entity,
    OriginMember,
    RawItem,
    Statement,
    Story,
    StoryCluster,
    StoryLevel,
    StoryMember,
    TimeExpression,
)
from wiretrace.store import codec
from wiretrace.store.base import (
    ArticleQuery,
    Batch,
    FeedState,
    StatementQuery,
    Store,
    StoredFailure,
    StoryCandidates,
    StoryQuery,
)

# How many ids go into one IN (...) list; SQLite's default limit is 32,766.
CHUNK = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """The packaged migrations for a dialect: (version, name, SQL), in order."""
    folder = resources.files("wiretrace.store").joinpath("migrations", dialect)
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found)


def fts_query(text: str) -> str:
    """A user's search words as an FTS5 query: every word must occur (prefix match on the last)."""
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class SQLiteStore(Store):
    """A store in one SQLite file (created, and migrated, on open)."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        self._depth = 0  # open transaction() contexts
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open store {self.path}: {error}") from None

    def close(self) -> None:
        self.db.close()

    # -- schema ----------------------------------------------------------------

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}
        known = migrations(self.dialect)
        newest = max((version for version, _, _ in known), default=0)
        if applied and max(applied) > newest:
            raise StoreError(
                f"store {self.path} has schema version {max(applied)}, newer than this wiretrace "
                f"knows ({newest}); upgrade wiretrace"
            )
        for version, name, sql in known:
            if version in applied:
                continue
            try:
                self.db.execute("BEGIN IMMEDIATE")
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError:
                self.db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    # -- writing ---------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """One transaction; nested uses join the outer one."""
        return _Transaction(self)

    def write(self, batch: Batch) -> None:
        stamp = now()
        with self.transaction():
            self._insert("items", [codec.item_row(item, stamp) for item in batch.items], ignore=True)
            self._write_analyses(batch.analyses, stamp)
            for failure in batch.failures:
                self.db.execute(
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
        for chunk in _chunks(item_ids):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)

    def _write_analyses(self, analyses: list[Analysis], stamp: str) -> None:
        self._insert("articles", [codec.article_row(a.article, stamp) for a in analyses], ignore=True)
        self._insert(
            "statements", [codec.statement_row(s) for a in analyses for s in a.statements], ignore=True
        )
        self._insert(
            "article_entities",
            [codec.entity_row(a.article.id, e) for a in analyses for e in a.entities],
            ignore=True,
        )
        self._insert(
            "time_expressions",
            [codec.time_row(a.article.id, t) for a in analyses for t in a.times],
            ignore=True,
        )

    def resolve_failures(self, item_ids: Iterable[str]) -> None:
        stamp = now()
        with self.transaction():
            for chunk in _chunks(list(item_ids)):
                marks = ",".join("?" * len(chunk))
                self.db.execute(
                    f"UPDATE failures SET resolved_at = ? WHERE resolved_at IS NULL AND item_id IN ({marks})",
                    [stamp, *chunk],
                )

    def _insert(
        self, table: str, rows: list[dict[str, Any]], *, ignore: bool = False, replace: bool = False
    ) -> None:
        if not rows:
            return
        columns = list(rows[0])
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE" if ignore else "INSERT"
        names = ", ".join(f'"{column}"' for column in columns)
        sql = f"{verb} INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.db.executemany(sql, [[row[c] for c in columns] for row in rows])

    # -- reading ---------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        known: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            known.update(
                row[0] for row in self.db.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk)
            )
        return known

    def item(self, item_id: str) -> RawItem | None:
        row = self.db.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        return codec.row_item(dict(row)) if row else None

    def iter_items(self, ids: Iterable[str] | None = None) -> Iterator[RawItem]:
        if ids is None:
            last = ""
            while True:
                rows = self.db.execute(
                    "SELECT * FROM items WHERE id > ? ORDER BY id LIMIT ?", (last, CHUNK)
                ).fetchall()
                if not rows:
                    return
                for row in rows:
                    yield codec.row_item(dict(row))
                last = rows[-1]["id"]
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM items WHERE id IN ({marks}) ORDER BY id", chunk):
                yield codec.row_item(dict(row))

    def article(self, article_id: str) -> Article | None:
        rows = self.db.execute(
            "SELECT * FROM articles WHERE id = ? OR id LIKE ? LIMIT 2", (article_id, f"{article_id}%")
        ).fetchall()
        exact = [row for row in rows if row["id"] == article_id]
        if exact:
            return codec.row_article(dict(exact[0]))
        return codec.row_article(dict(rows[0])) if len(rows) == 1 else None

    def _where(self, query: ArticleQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if query.text:
            clauses.append("articles.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(query.text))
        for column in ("outlet", "original_publisher"):
            value = getattr(query, column)
            if value:
                clauses.append(f"{column} = ? COLLATE NOCASE")
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
        sql = (
            f"SELECT * FROM articles{where} "
            "ORDER BY published_day IS NULL, published_day DESC, seq LIMIT ? OFFSET ?"
        )
        limit = query.limit if query.limit is not None else -1
        rows = self.db.execute(sql, [*params, limit, query.offset]).fetchall()
        return [codec.row_article(dict(row)) for row in rows]

    def search_articles(self, query: ArticleQuery) -> list[tuple[Article, str]]:
        where, params = self._where(replace(query, text=None))
        where = where.replace(" WHERE ", " AND ", 1)
        sql = (
            "SELECT articles.*, snippet(articles_fts, 1, char(2), char(3), '…', 32) AS snippet "
            "FROM articles_fts JOIN articles ON articles.seq = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{where} ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
        )
        limit = query.limit if query.limit is not None else -1
        rows = self.db.execute(sql, [fts_query(query.text or ""), *params, limit, query.offset]).fetchall()
        return [(codec.row_article(dict(row)), row["snippet"]) for row in rows]

    def count_articles(self, query: ArticleQuery = ArticleQuery()) -> int:
        where, params = self._where(query)
        return self.db.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]

    def _statement_where(self, query: StatementQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if query.speaker:
            # the resolved name, its last word ("Lavrov" for "Sergey Lavrov"), or the mention as written
            clauses.append(
                "(statements.speaker = ? COLLATE NOCASE OR statements.speaker LIKE ? "
                "OR json_extract(statements.data, '$.speaker.mention') = ? COLLATE NOCASE)"
            )
            params.extend([query.speaker, f"% {query.speaker}", query.speaker])
        if query.kind:
            clauses.append("statements.kind = ?")
            params.append(query.kind)
        if query.article_id:
            clauses.append("statements.article_id = ?")
            params.append(query.article_id)
        if query.text:
            clauses.append(
                "statements.seq IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)"
            )
            params.append(fts_query(query.text))
        day = "coalesce(substr(statements.date, 1, 10), articles.published_day)"
        if query.since:
            clauses.append(f"{day} >= ?")
            params.append(query.since)
        if query.until:
            clauses.append(f"{day} <= ?")
            params.append(query.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def statements(self, query: StatementQuery = StatementQuery()) -> list[Statement]:
        where, params = self._statement_where(query)
        sql = (
            "SELECT statements.* FROM statements JOIN articles ON articles.id = statements.article_id"
            f"{where} ORDER BY articles.seq, statements.start LIMIT ? OFFSET ?"
        )
        limit = query.limit if query.limit is not None else -1
        rows = self.db.execute(sql, [*params, limit, query.offset]).fetchall()
        return [codec.row_statement(dict(row)) for row in rows]

    def count_statements(self, query: StatementQuery = StatementQuery()) -> int:
        where, params = self._statement_where(query)
        sql = f"SELECT count(*) FROM statements JOIN articles ON articles.id = statements.article_id{where}"
        return self.db.execute(sql, params).fetchone()[0]

    def entities(self, article_id: str) -> list[Entity]:
        rows = self.db.execute(
            "SELECT * FROM article_entities WHERE article_id = ? ORDER BY name", (article_id,)
        ).fetchall()
        return [codec.row_entity(dict(row)) for row in rows]

    def times(self, article_id: str) -> list[TimeExpression]:
        rows = self.db.execute(
            'SELECT * FROM time_expressions WHERE article_id = ? ORDER BY start, "end"', (article_id,)
        ).fetchall()
        return [codec.row_time(dict(row)) for row in rows]

    def failures(self, *, include_resolved: bool = False) -> list[StoredFailure]:
        where = "" if include_resolved else " WHERE resolved_at IS NULL"
        rows = self.db.execute(f"SELECT * FROM failures{where} ORDER BY id").fetchall()
        return [StoredFailure(**dict(row)) for row in rows]

    # -- stories: the clustering stage's state ------------------------------------

    def story_state(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.db.execute("SELECT key, value FROM story_state")}

    def set_story_state(self, values: dict[str, str]) -> None:
        self.db.executemany(
            "INSERT INTO story_state (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )

    def story_df(self, terms: Iterable[str]) -> dict[str, tuple[int, float]]:
        found: dict[str, tuple[int, float]] = {}
        for chunk in _chunks(list(terms)):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT term, df, prior FROM story_df WHERE term IN ({marks})", chunk)
            found.update((term, (df, prior)) for term, df, prior in rows)
        return found

    def add_story_df(self, deltas: dict[str, int], priors: dict[str, float]) -> None:
        self.db.executemany(
            "INSERT INTO story_df (term, df, prior) VALUES (?, ?, ?) ON CONFLICT(term) DO UPDATE SET "
            "df = max(df + excluded.df, 0), prior = max(prior, excluded.prior)",
            [(term, delta, priors.get(term, 0.0)) for term, delta in deltas.items() if delta],
        )

    def story_candidates(self, query: StoryCandidates) -> list[str]:
        # One index range per term and anchor span, so the work is the postings near the
        # day, not all of a term's postings (an OR of the two conditions would scan those).
        if not query.terms:
            return []
        terms = ",".join("?" * len(query.terms))
        parts, params = [], []
        if query.first_day and query.last_day:
            parts.append(
                f"SELECT story_id FROM story_postings WHERE level = ? AND term IN ({terms}) "
                "AND anchor BETWEEN ? AND ?"
            )
            params += [query.level, *query.terms, query.first_day, query.last_day]
        if query.buckets:
            parts.append(
                f"SELECT story_id FROM story_postings WHERE level = ? AND term IN ({terms}) "
                f"AND anchor IN ({','.join('?' * len(query.buckets))})"
            )
            params += [query.level, *query.terms, *query.buckets]
        if not parts:
            return []
        rows = self.db.execute(
            f"SELECT story_id, count(*) AS hits FROM ({' UNION ALL '.join(parts)}) "
            "GROUP BY story_id ORDER BY hits DESC, story_id LIMIT ?",
            [*params, query.limit],
        )
        return [row[0] for row in rows]

    def story_clusters(self, ids: Iterable[str]) -> list[StoryCluster]:
        found = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT * FROM stories WHERE id IN ({marks})", chunk)
            found.extend(codec.row_story(dict(row)) for row in rows)
        return found

    def save_story_clusters(self, clusters: Iterable[tuple[StoryCluster, list[str]]]) -> None:
        clusters = list(clusters)
        ids = [cluster.id for cluster, _ in clusters]
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM story_postings WHERE story_id IN ({marks})", chunk)
        rows = [codec.story_row(cluster) for cluster, _ in clusters]
        if rows:
            columns = list(rows[0])
            names = ", ".join(f'"{column}"' for column in columns)
            self.db.executemany(
                f"INSERT OR REPLACE INTO stories ({names}) VALUES ({', '.join('?' * len(columns))})",
                [[row[column] for column in columns] for row in rows],
            )
        self.db.executemany(
            "INSERT OR IGNORE INTO story_postings (level, term, anchor, story_id) VALUES (?, ?, ?, ?)",
            [
                (cluster.level, term, cluster.anchor, cluster.id)
                for cluster, terms in clusters
                for term in terms
            ],
        )

    def delete_story_clusters(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM story_postings WHERE story_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)

    def story_children(self, storyline_id: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM stories WHERE parent_id = ? ORDER BY seq", (storyline_id,))
        return [row[0] for row in rows]

    def story_members(
        self, *, article_ids: Iterable[str] | None = None, event_ids: Iterable[str] | None = None
    ) -> list[StoryMember]:
        found: list[StoryMember] = []
        for column, values in (("article_id", article_ids), ("event_id", event_ids)):
            for chunk in _chunks(list(values or ())):
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(f"SELECT * FROM story_members WHERE {column} IN ({marks})", chunk)
                found.extend(codec.row_member(dict(row)) for row in rows)
        return found

    def save_story_members(self, members: Iterable[StoryMember]) -> None:
        self._insert("story_members", [codec.member_row(member) for member in members], replace=True)

    def delete_story_members(self, article_ids: Iterable[str]) -> None:
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM story_members WHERE article_id IN ({marks})", chunk)

    # -- stories: reading -----------------------------------------------------------

    def stories(self, query: StoryQuery = StoryQuery()) -> list[Story]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.level:
            clauses.append("level = ?")
            params.append(query.level)
        # A storyline is shown when it links enough events; an event always is.
        clauses.append("(level = 'event' OR size >= ?)")
        params.append(query.min_events)
        if query.since:
            clauses.append('"end" >= ?')
            params.append(query.since)
        if query.until:
            clauses.append("start <= ?")
            params.append(query.until)
        if query.article_id:
            clauses.append(
                "(id IN (SELECT event_id FROM story_members WHERE article_id = ?) OR id IN (SELECT "
                "parent_id FROM stories WHERE id IN (SELECT event_id FROM story_members WHERE article_id = ?)))"
            )
            params += [query.article_id, query.article_id]
        limit = query.limit if query.limit is not None else -1
        rows = self.db.execute(
            f"SELECT * FROM stories WHERE {' AND '.join(clauses)} "
            'ORDER BY "end" IS NULL, "end" DESC, size DESC, seq LIMIT ? OFFSET ?',
            [*params, limit, query.offset],
        ).fetchall()
        return [self._story(codec.row_story(dict(row))) for row in rows]

    def story_assignments(self, level: StoryLevel) -> dict[str, str]:
        if level == "event":
            rows = self.db.execute("SELECT article_id, event_id FROM story_members")
        else:
            rows = self.db.execute(
                "SELECT m.article_id, coalesce(s.parent_id, m.event_id) FROM story_members m "
                "JOIN stories s ON s.id = m.event_id"
            )
        return dict(rows.fetchall())

    def story(self, story_id: str) -> Story | None:
        row = self.db.execute("SELECT * FROM stories WHERE id = ? COLLATE NOCASE", (story_id,)).fetchone()
        return self._story(codec.row_story(dict(row))) if row else None

    def _story(self, cluster: StoryCluster) -> Story:
        events: list[str] = []
        if cluster.level == "storyline":
            events = self.story_children(cluster.id)
        event_ids = events or [cluster.id]
        members: list[tuple[str | None, str, str | None]] = []
        for chunk in _chunks(event_ids):
            marks = ",".join("?" * len(chunk))
            members += self.db.execute(
                f"SELECT day, article_id, copy_of FROM story_members WHERE event_id IN ({marks})", chunk
            ).fetchall()
        members.sort(key=lambda member: (member[0] is None, member[0] or "", member[1]))
        articles = [member[1] for member in members]
        storyline = None
        if cluster.level == "event" and cluster.parent_id:
            size = self.db.execute("SELECT size FROM stories WHERE id = ?", (cluster.parent_id,)).fetchone()
            storyline = cluster.parent_id if size and size[0] >= 2 else None
        if events:
            events = [
                row[0]
                for row in self.db.execute(
                    "SELECT id FROM stories WHERE parent_id = ? ORDER BY start IS NULL, start, seq",
                    (cluster.id,),
                )
            ]
        outlets = sorted(cluster.outlets, key=lambda outlet: (-cluster.outlets[outlet], outlet))
        return Story(
            id=cluster.id,
            level=cluster.level,
            label=cluster.label,
            start=cluster.start,
            end=cluster.end,
            articles=tuple(articles),
            outlets=tuple(outlets),
            speakers=tuple(self._speakers(articles)),
            storyline=storyline,
            events=tuple(events),
            copies=tuple(member[1] for member in members if member[2]),
        )

    def _speakers(self, article_ids: list[str], limit: int = 10) -> list[str]:
        """The people most quoted in these articles (from the statements stage)."""
        counts: dict[str, int] = {}
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT speaker, count(*) FROM statements WHERE article_id IN ({marks}) "
                "AND speaker IS NOT NULL GROUP BY speaker",
                chunk,
            )
            for speaker, count in rows:
                counts[speaker] = counts.get(speaker, 0) + count
        return sorted(counts, key=lambda speaker: (-counts[speaker], speaker))[:limit]

    # -- origins -------------------------------------------------------------------

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = codec.row_article(dict(row))
        return found

    def origin_candidates(self, buckets: Sequence[int], *, per_bucket: int) -> dict[str, int]:
        scores: dict[str, int] = {}
        for bucket in dict.fromkeys(buckets):
            rows = self.db.execute(
                "SELECT article_id, weight FROM origin_buckets WHERE bucket = ? LIMIT ?", (bucket, per_bucket)
            ).fetchall()
            if len(rows) >= per_bucket:
                continue  # shared by too many articles to tell copies apart
            for article_id, weight in rows:
                scores[article_id] = scores.get(article_id, 0) + weight
        return scores

    def save_origin_buckets(self, article_id: str, buckets: Iterable[tuple[int, int]]) -> None:
        self.db.executemany(
            "INSERT INTO origin_buckets (bucket, article_id, weight) VALUES (?, ?, ?) "
            "ON CONFLICT (bucket, article_id) DO NOTHING",
            [(bucket, article_id, weight) for bucket, weight in buckets],
        )

    def origin_members(
        self, *, article_ids: Iterable[str] | None = None, family_ids: Iterable[str] | None = None
    ) -> list[OriginMember]:
        found: list[OriginMember] = []
        for column, values in (("article_id", article_ids), ("family_id", family_ids)):
            for chunk in _chunks(list(values or ())):
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(f"SELECT * FROM origin_members WHERE {column} IN ({marks})", chunk)
                found.extend(codec.row_origin(dict(row)) for row in rows)
        return found

    def save_origin_members(self, members: Iterable[OriginMember]) -> None:
        rows = [codec.origin_row(member) for member in members]
        if not rows:
            return
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "article_id")
        self.db.executemany(
            f"INSERT INTO origin_members ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT (article_id) DO UPDATE SET {updates}",
            [[row[c] for c in columns] for row in rows],
        )

    def delete_origins(self, article_ids: Iterable[str]) -> None:
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM origin_buckets WHERE article_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM origin_members WHERE article_id IN ({marks})", chunk)

    def origin_families(self, *, min_size: int = 2, limit: int | None = None) -> list[str]:
        # portable SQL: no LIMIT -1 (SQLite's "no limit") when there is no limit
        sql = (
            "SELECT family_id, count(*) AS size FROM origin_members GROUP BY family_id "
            "HAVING count(*) >= ? ORDER BY size DESC, family_id"
        )
        params: list[Any] = [min_size]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.db.execute(sql, params)
        return [row[0] for row in rows]

    def feed_state(self, url: str) -> FeedState:
        row = self.db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(**dict(row)) if row else FeedState(url)

    def save_feed_state(self, state: FeedState) -> None:
        with self.transaction():
            # an upsert, not INSERT OR REPLACE: a replace would delete (and cascade to) the entries
            self.db.execute(
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
        for chunk in _chunks(links):
            marks = ",".join("?" * len(chunk))
            done.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT link FROM feed_entries WHERE feed_url = ? AND link IN ({marks}) "
                    "AND (item_id IS NOT NULL OR attempts >= ?)",
                    [feed_url, *chunk, max_attempts],
                )
            )
        return [link for link in dict.fromkeys(links) if link not in done]

    def record_link(self, feed_url: str, link: str, item_id: str | None, error: str | None) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO feed_entries (feed_url, link, first_seen, attempts, item_id, last_error) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (feed_url, link) DO UPDATE SET "
                "attempts = attempts + 1, item_id = coalesce(excluded.item_id, item_id), last_error = excluded.last_error",
                (feed_url, link, now(), item_id, error),
            )

    def counts(self) -> dict[str, int]:
        return {
            "items": self.db.execute("SELECT count(*) FROM items").fetchone()[0],
            "articles": self.db.execute("SELECT count(*) FROM articles").fetchone()[0],
            "statements": self.db.execute("SELECT count(*) FROM statements").fetchone()[0],
            "failures": self.db.execute("SELECT count(*) FROM failures WHERE resolved_at IS NULL").fetchone()[
                0
            ],
        }


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error; re-entrant."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        if self.store._depth == 0:
            self.store.db.execute("BEGIN IMMEDIATE")
        self.store._depth += 1

    def __exit__(self, kind: type | None, *rest: object) -> None:
        self.store._depth -= 1
        if self.store._depth == 0:
            self.store.db.execute("ROLLBACK" if kind else "COMMIT")


def _chunks(values: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


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
