"""The stories stage's tables (migration 0006): counters, term frequencies, stories,
their postings and their members; and the stories as readers see them.

``tables(store)`` gives the stage's SQL over a store, written once with ``?``
placeholders for every backend and run through the store's core
(``store.execute``). Candidates are read by (level, term, anchor day), so the
work per article does not grow with the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wiretrace.records import Story, StoryCluster, StoryLevel, StoryMember
from wiretrace.store import Store, codec
from wiretrace.store.base import StoryCandidates, StoryQuery
from wiretrace.store.core import chunks, marks

__all__ = ["StoriesTables", "tables"]


class StoriesTables:
    """The clustering state (``story_state``, ``story_df``, ``stories``, ``story_postings``,
    ``story_members``) and the stories read from it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the clustering stage's state ----------------------------------------------

    def story_state(self) -> dict[str, str]:
        """The stories stage's counters (documents seen, next ids, latest day)."""
        return {row[0]: row[1] for row in self.store.execute("SELECT key, value FROM story_state")}

    def set_story_state(self, values: dict[str, str]) -> None:
        self.store.executemany(
            "INSERT INTO story_state (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )

    def story_df(self, terms: Iterable[str]) -> dict[str, tuple[int, float]]:
        """Document frequency and prior of each known term (unknown terms are left out)."""
        found: dict[str, tuple[int, float]] = {}
        for chunk in chunks(terms):
            rows = self.store.execute(
                f"SELECT term, df, prior FROM story_df WHERE term IN ({marks(chunk)})", chunk
            )
            found.update((term, (df, prior)) for term, df, prior in rows)
        return found

    def add_story_df(self, deltas: dict[str, int], priors: dict[str, float]) -> None:
        """Add to (or, with negative deltas, take from) document frequencies; a term's
        prior is the largest given for it."""
        self.store.executemany(
            "INSERT INTO story_df (term, df, prior) VALUES (?, ?, ?) ON CONFLICT(term) DO UPDATE SET "
            # CASE, not max(): SQLite's two-argument max() is greatest() in PostgreSQL
            "df = CASE WHEN story_df.df + excluded.df > 0 THEN story_df.df + excluded.df ELSE 0 END, "
            "prior = CASE WHEN excluded.prior > story_df.prior THEN excluded.prior ELSE story_df.prior END",
            [(term, delta, priors.get(term, 0.0)) for term, delta in deltas.items() if delta],
        )

    def story_candidates(self, query: StoryCandidates) -> list[str]:
        """Ids of the stories filed under the most of the query's terms, best first."""
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
        if query.any_day:
            # Each term's latest postings (an index range read backwards), so the work is
            # bounded however long the store's history of a common term.
            for number, term in enumerate(query.terms):
                parts.append(
                    f"SELECT story_id FROM (SELECT story_id FROM story_postings WHERE level = ? "
                    f"AND term = ? ORDER BY anchor DESC LIMIT ?) AS latest{number}"
                )
                params += [query.level, term, query.per_term]
        if not parts:
            return []
        rows = self.store.execute(
            f"SELECT story_id, count(*) AS hits FROM ({' UNION ALL '.join(parts)}) AS postings "
            "GROUP BY story_id ORDER BY hits DESC, story_id LIMIT ?",
            [*params, query.limit],
        )
        return [row[0] for row in rows]

    def story_clusters(self, ids: Iterable[str]) -> list[StoryCluster]:
        found = []
        for chunk in chunks(ids):
            rows = self.store.execute(f"SELECT * FROM stories WHERE id IN ({marks(chunk)})", chunk)
            found.extend(codec.row_story(dict(row)) for row in rows)
        return found

    def save_story_clusters(self, clusters: Iterable[tuple[StoryCluster, list[str]]]) -> None:
        """Insert or replace stories, each with the terms to file it under."""
        clusters = list(clusters)
        ids = [cluster.id for cluster, _ in clusters]
        for chunk in chunks(ids):
            self.store.execute(f"DELETE FROM story_postings WHERE story_id IN ({marks(chunk)})", chunk)
        self.store.insert(
            "stories", [codec.story_row(cluster) for cluster, _ in clusters], replace_on=("id",)
        )
        self.store.executemany(
            "INSERT INTO story_postings (level, term, anchor, story_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [
                (cluster.level, term, cluster.anchor, cluster.id)
                for cluster, terms in clusters
                for term in terms
            ],
        )

    def delete_story_clusters(self, ids: Iterable[str]) -> None:
        for chunk in chunks(ids):
            self.store.execute(f"DELETE FROM story_postings WHERE story_id IN ({marks(chunk)})", chunk)
            self.store.execute(f"DELETE FROM stories WHERE id IN ({marks(chunk)})", chunk)

    def story_children(self, storyline_id: str) -> list[str]:
        """Ids of a storyline's events."""
        rows = self.store.execute("SELECT id FROM stories WHERE parent_id = ? ORDER BY seq", (storyline_id,))
        return [row[0] for row in rows]

    def story_members(
        self, *, article_ids: Iterable[str] | None = None, event_ids: Iterable[str] | None = None
    ) -> list[StoryMember]:
        found: list[StoryMember] = []
        for column, values in (("article_id", article_ids), ("event_id", event_ids)):
            for chunk in chunks(values or ()):
                rows = self.store.execute(
                    f"SELECT * FROM story_members WHERE {column} IN ({marks(chunk)})", chunk
                )
                found.extend(codec.row_member(dict(row)) for row in rows)
        return found

    def save_story_members(self, members: Iterable[StoryMember]) -> None:
        """Insert or replace article memberships."""
        self.store.insert(
            "story_members", [codec.member_row(member) for member in members], replace_on=("article_id",)
        )

    def delete_story_members(self, article_ids: Iterable[str]) -> None:
        for chunk in chunks(article_ids):
            self.store.execute(f"DELETE FROM story_members WHERE article_id IN ({marks(chunk)})", chunk)

    # -- reading ------------------------------------------------------------------

    def stories(self, query: StoryQuery = StoryQuery()) -> list[Story]:
        """Events and storylines matching the query, latest first (undated last)."""
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
        rows = self.store.execute(
            f"SELECT * FROM stories WHERE {' AND '.join(clauses)} "
            'ORDER BY "end" IS NULL, "end" DESC, size DESC, seq LIMIT ? OFFSET ?',
            [*params, self.store.limit_param(query.limit), query.offset],
        ).fetchall()
        return [self._story(codec.row_story(dict(row))) for row in rows]

    def story_assignments(self, level: StoryLevel) -> dict[str, str]:
        """Each clustered article's event, or its storyline (its event where it has none)."""
        if level == "event":
            rows = self.store.execute("SELECT article_id, event_id FROM story_members")
        else:
            rows = self.store.execute(
                "SELECT m.article_id, coalesce(s.parent_id, m.event_id) FROM story_members m "
                "JOIN stories s ON s.id = m.event_id"
            )
        return dict(rows.fetchall())

    def story(self, story_id: str) -> Story | None:
        """One event or storyline by id (case-insensitive)."""
        row = self.store.execute(
            f"SELECT * FROM stories WHERE {self.store.equals_nocase('id')}", (story_id,)
        ).fetchone()
        return self._story(codec.row_story(dict(row))) if row else None

    def _story(self, cluster: StoryCluster) -> Story:
        events: list[str] = []
        if cluster.level == "storyline":
            events = self.story_children(cluster.id)
        event_ids = events or [cluster.id]
        members: list[tuple[str | None, str, str | None]] = []
        for chunk in chunks(event_ids):
            members += self.store.execute(
                f"SELECT day, article_id, copy_of FROM story_members WHERE event_id IN ({marks(chunk)})",
                chunk,
            ).fetchall()
        members.sort(key=lambda member: (member[0] is None, member[0] or "", member[1]))
        articles = [member[1] for member in members]
        storyline = None
        if cluster.level == "event" and cluster.parent_id:
            size = self.store.execute(
                "SELECT size FROM stories WHERE id = ?", (cluster.parent_id,)
            ).fetchone()
            storyline = cluster.parent_id if size and size[0] >= 2 else None
        if events:
            events = [
                row[0]
                for row in self.store.execute(
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
            storyline=storyline,
            events=tuple(events),
            copies=tuple(member[1] for member in members if member[2]),
        )


def tables(store: Store) -> StoriesTables:
    """The stories stage's tables in ``store`` (one per store)."""
    return store.repository(StoriesTables)
