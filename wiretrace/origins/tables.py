"""The origins stage's tables (migration 0005): the copies index and family memberships.

``tables(store)`` gives the stage's SQL over a store, written once with ``?``
placeholders for every backend and run through the store's core
(``store.execute``). Every query is an index search: the copies index is read
by bucket, memberships by article or family, so no query of the stage reads
the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wiretrace.records import Article, Family, OriginMember
from wiretrace.store import Store, codec
from wiretrace.store.core import chunks, marks

__all__ = ["OriginsTables", "tables"]


class OriginsTables:
    """The copies index (``origin_buckets``) and family memberships (``origin_members``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles by exact id (ids not stored are left out); one indexed lookup per id."""
        found: dict[str, Article] = {}
        for chunk in chunks(dict.fromkeys(ids)):
            rows = self.store.execute(f"SELECT * FROM articles WHERE id IN ({marks(chunk)})", chunk)
            for row in rows.fetchall():
                found[row["id"]] = codec.row_article(dict(row))
        return found

    def origin_candidates(self, buckets: Sequence[int], *, per_bucket: int) -> dict[str, int]:
        """Articles filed under these buckets, with the sum of their weights.

        A bucket holding ``per_bucket`` articles or more is text many articles share
        (furniture, boilerplate) and is ignored, so the work per query is bounded.
        """
        scores: dict[str, int] = {}
        for bucket in dict.fromkeys(buckets):
            rows = self.store.execute(
                "SELECT article_id, weight FROM origin_buckets WHERE bucket = ? LIMIT ?", (bucket, per_bucket)
            ).fetchall()
            if len(rows) >= per_bucket:
                continue  # shared by too many articles to tell copies apart
            for row in rows:
                scores[row["article_id"]] = scores.get(row["article_id"], 0) + row["weight"]
        return scores

    def save_origin_buckets(self, article_id: str, buckets: Iterable[tuple[int, int]]) -> None:
        """File an article under its (bucket, weight) pairs."""
        self.store.executemany(
            "INSERT INTO origin_buckets (bucket, article_id, weight) VALUES (?, ?, ?) "
            "ON CONFLICT (bucket, article_id) DO NOTHING",
            [(bucket, article_id, weight) for bucket, weight in buckets],
        )

    def origin_members(
        self, *, article_ids: Iterable[str] | None = None, family_ids: Iterable[str] | None = None
    ) -> list[OriginMember]:
        found: list[OriginMember] = []
        for column, values in (("article_id", article_ids), ("family_id", family_ids)):
            for chunk in chunks(values or ()):
                rows = self.store.execute(
                    f"SELECT * FROM origin_members WHERE {column} IN ({marks(chunk)})", chunk
                ).fetchall()
                found.extend(codec.row_origin(dict(row)) for row in rows)
        return found

    def save_origin_members(self, members: Iterable[OriginMember]) -> None:
        """Insert or replace memberships."""
        self.store.insert(
            "origin_members", [codec.origin_row(member) for member in members], replace_on=("article_id",)
        )

    def delete_origins(self, article_ids: Iterable[str]) -> None:
        """Remove articles from the copies index and from their families."""
        for chunk in chunks(article_ids):
            self.store.execute(f"DELETE FROM origin_buckets WHERE article_id IN ({marks(chunk)})", chunk)
            self.store.execute(f"DELETE FROM origin_members WHERE article_id IN ({marks(chunk)})", chunk)

    def origin_families(self, *, min_size: int = 2, limit: int | None = None) -> list[str]:
        """Ids of families of at least ``min_size`` members, largest first."""
        sql = (
            "SELECT family_id, count(*) AS size FROM origin_members GROUP BY family_id "
            "HAVING count(*) >= ? ORDER BY size DESC, family_id"
        )
        params: list[Any] = [min_size]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row["family_id"] for row in self.store.execute(sql, params).fetchall()]

    def family(self, family_or_article_id: str) -> Family | None:
        """A family by its id or by the id of one of its members."""
        found = self.origin_members(article_ids=[family_or_article_id])
        family_id = found[0].family_id if found else family_or_article_id
        members = self.origin_members(family_ids=[family_id])
        if not members:
            return None
        articles = self.articles_by_id(member.article_id for member in members)
        pairs = [(m, articles[m.article_id]) for m in members if m.article_id in articles]
        if not pairs:
            return None
        pairs.sort(key=lambda pair: (not pair[0].is_canonical, *_date_order(pair[1])))
        return Family(id=family_id, canonical=pairs[0][1], members=tuple(pairs))


def tables(store: Store) -> OriginsTables:
    """The origins stage's tables in ``store`` (one per store)."""
    return store.repository(OriginsTables)


def _date_order(article: Article) -> tuple[bool, str, str]:
    """Dated articles first, oldest first; then by id."""
    published = article.value("published")
    return (published is None, published or "", article.id)
