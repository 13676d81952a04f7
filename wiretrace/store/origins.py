"""The origins tables (migration 0005) in portable SQL, shared by every SQL backend.

A backend mixes ``OriginsSQL`` in and provides ``_execute(sql, params)`` (``?``
placeholders; rows readable by column name) and ``_executemany``. Every query
is an index search: the copies index is read by bucket, memberships by article
or family, so no query of the stage reads the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wiretrace.records import Article, OriginMember
from wiretrace.store import codec

CHUNK = 500


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


class OriginsSQL:
    """The copies index (``origin_buckets``) and family memberships (``origin_members``)."""

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:  # provided by the backend
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for row in self._execute(
                f"SELECT * FROM articles WHERE id IN ({_marks(chunk)})", chunk
            ).fetchall():
                found[row["id"]] = codec.row_article(dict(row))
        return found

    def origin_candidates(self, buckets: Sequence[int], *, per_bucket: int) -> dict[str, int]:
        scores: dict[str, int] = {}
        for bucket in dict.fromkeys(buckets):
            rows = self._execute(
                "SELECT article_id, weight FROM origin_buckets WHERE bucket = ? LIMIT ?", (bucket, per_bucket)
            ).fetchall()
            if len(rows) >= per_bucket:
                continue  # shared by too many articles to tell copies apart
            for row in rows:
                scores[row["article_id"]] = scores.get(row["article_id"], 0) + row["weight"]
        return scores

    def save_origin_buckets(self, article_id: str, buckets: Iterable[tuple[int, int]]) -> None:
        self._executemany(
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
                rows = self._execute(
                    f"SELECT * FROM origin_members WHERE {column} IN ({_marks(chunk)})", chunk
                ).fetchall()
                found.extend(codec.row_origin(dict(row)) for row in rows)
        return found

    def save_origin_members(self, members: Iterable[OriginMember]) -> None:
        rows = [codec.origin_row(member) for member in members]
        if not rows:
            return
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "article_id")
        self._executemany(
            f"INSERT INTO origin_members ({', '.join(columns)}) VALUES ({_marks(columns)}) "
            f"ON CONFLICT (article_id) DO UPDATE SET {updates}",
            [[row[c] for c in columns] for row in rows],
        )

    def delete_origins(self, article_ids: Iterable[str]) -> None:
        for chunk in _chunks(list(article_ids)):
            self._execute(f"DELETE FROM origin_buckets WHERE article_id IN ({_marks(chunk)})", chunk)
            self._execute(f"DELETE FROM origin_members WHERE article_id IN ({_marks(chunk)})", chunk)

    def origin_families(self, *, min_size: int = 2, limit: int | None = None) -> list[str]:
        sql = (
            "SELECT family_id, count(*) AS size FROM origin_members GROUP BY family_id "
            "HAVING count(*) >= ? ORDER BY size DESC, family_id"
        )
        params: list[Any] = [min_size]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row["family_id"] for row in self._execute(sql, params).fetchall()]
