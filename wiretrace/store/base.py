"""The store interface every backend implements, and what is written through it.

The per-item stages never talk to a database: the pipeline hands the store a
``Batch`` and the store writes it in one transaction. Readers (CLI, web, API)
ask through the query methods below. The store-level stages (origins, stories,
people) and the article stage's outlet memory keep their own tables, with
their SQL beside the stage (``wiretrace/<stage>/tables.py``), run through the
core methods at the end of ``Store`` (one statement, an insert, the dialect's
spelling of a few clauses); no module of this package imports a stage.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from wiretrace.records import (
    Analysis,
    Article,
    Entity,
    Failure,
    RawItem,
    Statement,
    StoryLevel,
    TimeExpression,
)

Tables = TypeVar("Tables")


def search_terms(text: str) -> list[tuple[str, bool]]:
    """The words of a user's search, each with whether a star follows it: every word must
    occur, matched by its stem ("sanction" finds "sanctions"), a starred one as a prefix
    ("sanct*"). Only what the user stars is a prefix: the store reads every word starting
    so, which for a common word costs tens of times the word alone."""
    return [(match[1], bool(match[2])) for match in re.finditer(r"(\w+)(\*)?", text)]


@dataclass
class Batch:
    """What one pipeline batch writes: new raw items, their analyses, failures."""

    items: list[RawItem] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items) + len(self.failures)


# Search ranks by relevance within windows of this many matches, newest first (see search_articles).
SEARCH_WINDOW = 1_000
# Pages count matches up to here and then say "more than".
COUNT_LIMIT = 1_000

# Around matched words in search snippets; control characters no article text keeps.
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


@dataclass(frozen=True, kw_only=True)
class ArticleQuery:
    """Filters shared by the CLI, the web pages and the API."""

    text: str | None = None  # full-text search over title and body
    outlet: str | None = None
    original_publisher: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, kw_only=True)
class StatementQuery:
    """Filters over statements, shared by the CLI, the web pages and the API."""

    speaker: str | None = None  # resolved name or mention, case-insensitive
    kind: str | None = None  # direct, indirect, mixed
    article_id: str | None = None
    text: str | None = None  # full-text search over the statement's words
    since: str | None = None  # statement date (or article date) on or after YYYY-MM-DD
    until: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, kw_only=True)
class StoryQuery:
    """Filters over stories (events and storylines)."""

    level: StoryLevel | None = None  # None: both
    since: str | None = None  # stories that end on or after YYYY-MM-DD
    until: str | None = None  # stories that start on or before YYYY-MM-DD
    article_id: str | None = None  # the stories this article is in
    min_events: int = 2  # storylines of fewer events are not shown (an event alone is its own story)
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class StoryCandidates:
    """Which stories a new article or event may join: those filed under one of ``terms``
    on a day between ``first_day`` and ``last_day`` or in one of the undated ``buckets``;
    with ``any_day``, at any time (the latest ``per_term`` postings of each term)."""

    level: StoryLevel
    terms: tuple[str, ...]
    first_day: str | None
    last_day: str | None
    buckets: tuple[str, ...] = ()
    limit: int = 20
    any_day: bool = False
    per_term: int = 200


@dataclass(frozen=True)
class FeedState:
    """What the store remembers of a watched feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    failures: int = 0
    next_poll_after: float = 0.0
    last_error: str | None = None


@dataclass(frozen=True)
class StoredFailure:
    id: int
    source_path: str
    stage: str
    reason: str
    item_id: str | None
    created_at: str
    resolved_at: str | None


class Store(ABC):
    """A wiretrace store. Use as a context manager, or call ``close``."""

    url: str

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def schema_version(self) -> int: ...

    # -- writing -------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A transaction: everything inside commits together or not at all.

        Nested uses join the outermost one, so a store-level stage can write
        in the same transaction as the batch it extends.
        """

    @abstractmethod
    def write(self, batch: Batch) -> None:
        """Write a batch in one transaction: all of it or none of it."""

    @abstractmethod
    def replace_analyses(self, analyses: Iterable[Analysis]) -> None:
        """Replace what earlier runs derived from these items (reprocessing)."""

    @abstractmethod
    def resolve_failures(self, item_ids: Iterable[str]) -> None:
        """Mark open failures of these items as handled."""

    # -- reading -------------------------------------------------------------

    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these item ids are already stored."""

    @abstractmethod
    def item(self, item_id: str) -> RawItem | None: ...

    @abstractmethod
    def iter_items(self, ids: Iterable[str] | None = None) -> Iterator[RawItem]:
        """Stored raw items (all of them, or those with the given ids), in storage order."""

    @abstractmethod
    def article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique prefix of its id."""

    @abstractmethod
    def articles(self, query: ArticleQuery = ArticleQuery()) -> list[Article]:
        """Articles matching the query, newest first (undated last)."""

    @abstractmethod
    def count_articles(self, query: ArticleQuery = ArticleQuery(), *, at_most: int | None = None) -> int:
        """How many articles match, counting no further than ``at_most`` when given."""

    @abstractmethod
    def search_articles(self, query: ArticleQuery) -> list[tuple[Article, str]]:
        """Articles matching ``query.text`` (and its filters), best first, each with a snippet.

        Matches are taken newest first in windows of ``SEARCH_WINDOW`` and ranked by
        relevance within each window: the first pages are the best of the newest
        matches, later pages go back in time, and a common word costs the same in
        any size of store.

        In the snippet, ``SNIPPET_START`` and ``SNIPPET_END`` enclose the words that matched.
        """

    @abstractmethod
    def statements(self, query: StatementQuery = StatementQuery()) -> list[Statement]:
        """Statements matching the query, in article order then text order; a text search
        lists the newest first."""

    @abstractmethod
    def count_statements(
        self, query: StatementQuery = StatementQuery(), *, at_most: int | None = None
    ) -> int:
        """How many statements match, counting no further than ``at_most`` when given."""

    @abstractmethod
    def entities(self, article_id: str) -> list[Entity]:
        """The people and organisations one article names, by name."""

    @abstractmethod
    def times(self, article_id: str) -> list[TimeExpression]:
        """The temporal expressions of one article, in text order."""

    @abstractmethod
    def failures(self, *, include_resolved: bool = False) -> list[StoredFailure]: ...

    # -- feeds ---------------------------------------------------------------

    @abstractmethod
    def feed_state(self, url: str) -> FeedState:
        """The remembered state of a feed (a fresh state for a new one)."""

    @abstractmethod
    def save_feed_state(self, state: FeedState) -> None: ...

    @abstractmethod
    def links_to_fetch(self, feed_url: str, links: list[str], max_attempts: int) -> list[str]:
        """Which links of a feed are new, or failed fewer than ``max_attempts`` times (in order)."""

    @abstractmethod
    def record_link(self, feed_url: str, link: str, item_id: str | None, error: str | None) -> None:
        """Remember a fetch of a feed's link: stored as ``item_id``, or failed with ``error``."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many items, articles and open failures the store holds."""

    # -- the core a stage's tables run their SQL on ------------------------------------

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders); return a cursor whose rows read by
        position or by column name."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""

    @abstractmethod
    def insert(
        self,
        table: str,
        rows: list[dict[str, Any]],
        *,
        ignore: bool = False,
        replace_on: tuple[str, ...] = (),
    ) -> None:
        """Insert rows (dicts by column); ``ignore``: skip rows whose key is taken;
        ``replace_on``: overwrite the row with the same values in these (key) columns."""

    @abstractmethod
    def limit_param(self, limit: int | None) -> int | None:
        """The LIMIT parameter for ``limit`` (None: every row)."""

    @abstractmethod
    def equals_nocase(self, column: str) -> str:
        """``column`` equals a ``?`` parameter, ignoring case."""

    @abstractmethod
    def like_nocase(self, column: str) -> str:
        """``column`` LIKE a ``?`` pattern, ignoring case."""

    @abstractmethod
    def json_text(self, column: str, *path: str) -> str:
        """The text at ``path`` in the JSON held by ``column``."""

    def repository(self, kind: Callable[[Store], Tables]) -> Tables:
        """The one ``kind`` (a stage's tables, built from the store) kept for this store."""
        kept: dict[Any, Any] = self.__dict__.setdefault("_repositories", {})
        if kind not in kept:
            kept[kind] = kind(self)
        return kept[kind]
