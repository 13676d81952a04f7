"""The store interface every backend implements, and what is written through it.

Stages never talk to a database: the pipeline hands the store a ``Batch`` and
the store writes it in one transaction. Readers (CLI, web, API) ask through
the query methods below, so a backend can be swapped without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from wiretrace.records import (
    Analysis,
    Article,
    Entity,
    EntityLink,
    Failure,
    Family,
    OriginMember,
    Person,
    PersonProfile,
    RawItem,
    SpokenStatement,
    Statement,
    Story,
    StoryCluster,
    StoryLevel,
    StoryMember,
    TimeExpression,
)


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


@dataclass(frozen=True)
class ArticleQuery:
    """Filters shared by the CLI, the web pages and the API."""

    text: str | None = None  # full-text search over title and body
    outlet: str | None = None
    original_publisher: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

    # -- stories: the clustering stage's state -------------------------------------

    @abstractmethod
    def story_state(self) -> dict[str, str]:
        """The stories stage's counters (documents seen, next ids, latest day)."""

    @abstractmethod
    def set_story_state(self, values: dict[str, str]) -> None: ...

    @abstractmethod
    def story_df(self, terms: Iterable[str]) -> dict[str, tuple[int, float]]:
        """Document frequency and prior of each known term (unknown terms are left out)."""

    @abstractmethod
    def add_story_df(self, deltas: dict[str, int], priors: dict[str, float]) -> None:
        """Add to (or, with negative deltas, take from) document frequencies; a term's
        prior is the largest given for it."""

    @abstractmethod
    def story_candidates(self, query: StoryCandidates) -> list[str]:
        """Ids of the stories filed under the most of the query's terms, best first."""

    @abstractmethod
    def story_clusters(self, ids: Iterable[str]) -> list[StoryCluster]: ...

    @abstractmethod
    def save_story_clusters(self, clusters: Iterable[tuple[StoryCluster, list[str]]]) -> None:
        """Insert or replace stories, each with the terms to file it under."""

    @abstractmethod
    def delete_story_clusters(self, ids: Iterable[str]) -> None: ...

    @abstractmethod
    def story_children(self, storyline_id: str) -> list[str]:
        """Ids of a storyline's events."""

    @abstractmethod
    def story_members(
        self, *, article_ids: Iterable[str] | None = None, event_ids: Iterable[str] | None = None
    ) -> list[StoryMember]: ...

    @abstractmethod
    def save_story_members(self, members: Iterable[StoryMember]) -> None:
        """Insert or replace article memberships."""

    @abstractmethod
    def delete_story_members(self, article_ids: Iterable[str]) -> None: ...

    # -- stories: reading -------------------------------------------------------------

    @abstractmethod
    def stories(self, query: StoryQuery = StoryQuery()) -> list[Story]:
        """Events and storylines matching the query, latest first (undated last)."""

    @abstractmethod
    def story_assignments(self, level: StoryLevel) -> dict[str, str]:
        """Each clustered article's event, or its storyline (its event where it has none)."""

    @abstractmethod
    def story(self, story_id: str) -> Story | None:
        """One event or storyline by id (case-insensitive)."""

    # -- origins: the copies stage's index and families ---------------------------

    @abstractmethod
    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles by exact id (ids not stored are left out); one indexed lookup per id."""

    # -- outlet memory (wiretrace/article/memory.py) ---------------------------

    @abstractmethod
    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        """For each of these lines seen on the outlet's pages: (pages of the outlet it was
        on, outlets it was on), leaving out what ``item_id`` itself contributed."""

    @abstractmethod
    def record_outlet_lines(self, outlet: str, item_id: str, fingerprints: list[int], max_lines: int) -> None:
        """Count a page's lines in its outlet's memory, once per page; keep at most
        ``max_lines`` lines for the outlet."""

    @abstractmethod
    def origin_candidates(self, buckets: Sequence[int], *, per_bucket: int) -> dict[str, int]:
        """Articles filed under these buckets, with the sum of their weights.

        A bucket holding ``per_bucket`` articles or more is text many articles share
        (furniture, boilerplate) and is ignored, so the work per query is bounded.
        """

    @abstractmethod
    def save_origin_buckets(self, article_id: str, buckets: Iterable[tuple[int, int]]) -> None:
        """File an article under its (bucket, weight) pairs."""

    @abstractmethod
    def origin_members(
        self, *, article_ids: Iterable[str] | None = None, family_ids: Iterable[str] | None = None
    ) -> list[OriginMember]: ...

    @abstractmethod
    def save_origin_members(self, members: Iterable[OriginMember]) -> None:
        """Insert or replace memberships."""

    @abstractmethod
    def delete_origins(self, article_ids: Iterable[str]) -> None:
        """Remove articles from the copies index and from their families."""

    @abstractmethod
    def origin_families(self, *, min_size: int = 2, limit: int | None = None) -> list[str]:
        """Ids of families of at least ``min_size`` members, largest first."""

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

    # -- people across articles (store/people.py implements these in portable SQL) ----

    @abstractmethod
    def person(self, person_id: str) -> Person | None: ...

    @abstractmethod
    def final_person(self, person_id: str) -> Person | None:
        """The person this one is now (following merges)."""

    @abstractmethod
    def new_person(self, name: str, kind: str | None) -> Person: ...

    @abstractmethod
    def update_person(self, person: Person) -> None: ...

    @abstractmethod
    def add_people_keys(self, person_id: str, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def people_candidates(self, keys: Iterable[str]) -> list[tuple[Person, str, int]]:
        """People filed under these keys: (person as it is now, key, articles linked)."""

    @abstractmethod
    def find_people(self, text: str) -> list[Person]:
        """People by id, name or a form articles use for them; most articles first."""

    @abstractmethod
    def save_entity_links(self, links: Iterable[EntityLink]) -> None: ...

    @abstractmethod
    def save_statement_speakers(self, rows: Iterable[tuple[str, str, str, str, str | None]]) -> None: ...

    @abstractmethod
    def save_statement_relations(
        self, rows: Iterable[tuple[str, str, str, str, str, str | None]]
    ) -> None: ...

    @abstractmethod
    def statement_speaker(self, statement_id: str) -> tuple[str, str | None] | None: ...

    @abstractmethod
    def people_rule(self, name_key: str, person_id: str) -> str | None: ...

    @abstractmethod
    def merge_people(self, keep_id: str, other_id: str) -> None: ...

    @abstractmethod
    def split_person(self, person_id: str, name_key: str, name: str, kind: str | None) -> Person: ...

    @abstractmethod
    def people_decisions(self, person_id: str) -> list[dict]: ...

    @abstractmethod
    def people(
        self, *, kind: str | None = None, text: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[PersonProfile]: ...

    @abstractmethod
    def count_people(self, *, kind: str | None = None, text: str | None = None) -> int: ...

    @abstractmethod
    def person_profile(self, person_id: str) -> PersonProfile | None: ...

    @abstractmethod
    def spoken_statements(
        self,
        person_id: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SpokenStatement]:
        """A person's statements in statement-day order (undated last)."""

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


def _date_order(article: Article) -> tuple[bool, str, str]:
    """Dated articles first, oldest first; then by id."""
    published = article.value("published")
    return (published is None, published or "", article.id)
