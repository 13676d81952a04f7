"""Typed records that flow between wiretrace's stages.

Every stage takes records from this module and returns records from this
module; nothing else crosses a stage boundary. Records are frozen so a stage
cannot change what an earlier stage produced: it returns a new record with
``dataclasses.replace`` instead.

Offsets: every ``start``/``end`` pair on a record points into the *original
input text* of the item (``RawItem.content``), never into the cleaned body.
``OffsetMap`` converts between the two.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

MediaType = Literal["text/plain", "text/html"]


def content_id(content: str) -> str:
    """Stable id of an item: the first 16 hex digits of the SHA-256 of its text.

    Whitespace at both ends is ignored so that the same article saved with and
    without a trailing newline is recognised as the same item.
    """
    digest = hashlib.sha256(content.strip().encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    """A stretch of the original input text, with its characters."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RawItem:
    """One article as read from the input, before any analysis.

    ``content`` is the original input text (decoded): plain text, or the HTML
    of the page. ``hints`` carries metadata given beside the content by the
    container (JSON Lines fields, WARC headers) and is trusted above what the
    article stage finds in the text.
    """

    id: str
    source_path: str
    media_type: MediaType
    content: str
    url: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Failure:
    """An item, or a part of an input, that a stage could not handle."""

    source_path: str
    stage: str
    reason: str
    item_id: str | None = None


@dataclass(frozen=True)
class Run:
    """A stretch of the body that is a verbatim copy of the input text."""

    body_start: int
    source_start: int
    length: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in an article body to offsets in the original input.

    The body is assembled from runs of the input; between runs the body holds
    separators (paragraph breaks) that have no source position of their own.
    An offset inside a separator maps to the end of the run before it.
    Lookups are binary searches, so mapping costs O(log runs).
    """

    runs: tuple[Run, ...]
    _body_starts: list[int] = field(init=False, repr=False, compare=False)
    _by_source: list[Run] = field(init=False, repr=False, compare=False)
    _source_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_source = sorted(self.runs, key=lambda run: run.source_start)
        object.__setattr__(self, "_body_starts", [run.body_start for run in self.runs])
        object.__setattr__(self, "_by_source", by_source)
        object.__setattr__(self, "_source_starts", [run.source_start for run in by_source])

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((Run(0, 0, length),)) if length else cls(())

    def to_source(self, offset: int) -> int:
        """The input offset of body offset ``offset`` (a position between characters)."""
        if not self.runs:
            return 0
        index = max(bisect.bisect_right(self._body_starts, offset) - 1, 0)
        run = self.runs[index]
        inside = min(max(offset - run.body_start, 0), run.length)
        return run.source_start + inside

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Input offsets of the body span ``[start, end)``.

        The end is mapped as the position just after the span's last character
        so that a span ending at a run's end does not jump to the next run.
        """
        source_start = self.to_source(start)
        if end <= start:
            return source_start, source_start
        source_end = self.to_source(end - 1) + 1
        return source_start, max(source_end, source_start)

    def _run_holding(self, source_offset: int) -> Run | None:
        index = bisect.bisect_right(self._source_starts, source_offset) - 1
        if index < 0:
            return None
        run = self._by_source[index]
        return run if source_offset < run.source_start + run.length else None

    def to_body(self, source_offset: int) -> int | None:
        """The body offset of an input offset, or None if it was not kept."""
        run = self._run_holding(source_offset)
        return None if run is None else run.body_start + source_offset - run.source_start

    def span_to_body(self, start: int, end: int) -> tuple[int, int] | None:
        """Body offsets of an input span, clipped to what the body kept."""
        first_index = max(bisect.bisect_right(self._source_starts, start) - 1, 0)
        kept = []
        for run in self._by_source[first_index:]:
            if run.source_start >= end:
                break
            if start < run.source_start + run.length:
                kept.append((max(start, run.source_start), min(end, run.source_start + run.length), run))
        if not kept:
            return None
        first_start, _, first = kept[0]
        _, last_end, last = kept[-1]
        return (
            first.body_start + first_start - first.source_start,
            last.body_start + last_end - last.source_start,
        )

    def as_list(self) -> list[list[int]]:
        return [[run.body_start, run.source_start, run.length] for run in self.runs]

    @classmethod
    def from_list(cls, rows: Iterable[Sequence[int]]) -> OffsetMap:
        return cls(tuple(Run(int(a), int(b), int(c)) for a, b, c in rows))


@dataclass(frozen=True)
class Removed:
    """A stretch of page furniture cut from the input, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Found:
    """A metadata value and the evidence for it: how and where it was found."""

    value: str
    method: str
    span: Span | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article: body, metadata and the provenance of each."""

    id: str
    source_path: str
    media_type: MediaType
    body: str
    body_map: OffsetMap
    removed: tuple[Removed, ...] = ()
    url: str | None = None
    title: Found | None = None
    published: Found | None = None
    outlet: Found | None = None
    original_publisher: Found | None = None
    author: Found | None = None
    language: str | None = None

    @property
    def words(self) -> int:
        return len(self.body.split())

    def value(self, name: str) -> str | None:
        """The value of a metadata field, or None where it was not found."""
        found = getattr(self, name)
        return found.value if found is not None else None


@dataclass(frozen=True)
class Cue:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who made a statement: the mention as written and what it resolves to."""

    name: str | None
    mention: str
    start: int
    end: int
    kind: str | None = None  # PERSON, ORG, GPE or NORP where known


StatementKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Statement:
    """Who said what, where and when, found in one article."""

    id: str
    article_id: str
    kind: StatementKind
    start: int
    end: int
    text: str
    cue: Cue | None = None
    speaker: Speaker | None = None
    role: str | None = None
    venue: str | None = None
    relayed_by: tuple[str, ...] = ()
    date: str | None = None
    date_source: str | None = None
    date_span: Span | None = None


@dataclass(frozen=True)
class Entity:
    """Someone or something named in one article, with every span that refers to it.

    ``name`` is the fullest form the article gives ("Sergey Lavrov"); ``mentions``
    are the spans that name or stand for it (surnames, roles, pronouns as
    speakers); ``roles`` are the titles the article gives it, as written.
    """

    name: str
    kind: str | None = None  # PERSON or ORG where the text shows it
    mentions: tuple[Span, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameLabel:
    """What the entity recogniser makes of a name where the body first writes it."""

    name: str  # the entity's name, as the statements stage catalogued it
    label: str  # spaCy's label: PERSON, ORG, NORP, GPE, ...
    text: str  # the entity as the recogniser bounds it
    whole: bool  # whether the recognised entity starts where the name does (or before)


@dataclass(frozen=True)
class Recognised:
    """The entity recogniser's labels for one article (the recogniser stage's output)."""

    lead: tuple[tuple[str, str], ...] = ()  # (text, label) of each entity in the headline and lead
    names: tuple[NameLabel, ...] = ()  # for the names the article gave no kind


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3-style temporal expression, normalised against the article date."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    anchored: bool = False  # True when the value depends on the publication date


@dataclass(frozen=True)
class Analysis:
    """Everything the per-item stages produced for one input item."""

    item: RawItem
    article: Article
    statements: tuple[Statement, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    entities: tuple[Entity, ...] = ()
    recognised: Recognised | None = None  # None: the recogniser stage did not run


StoryLevel = Literal["event", "storyline"]


@dataclass(frozen=True)
class StoryMember:
    """One article's place in an event, with the features it was placed by.

    ``terms`` is the article's unit-length weighted term-frequency vector
    (title and lead above the body, entity features prefixed ``e:``) without
    IDF, which is applied when vectors are compared so that early articles are
    not stuck with the document frequencies of a young store.
    """

    article_id: str
    event_id: str
    day: str | None  # YYYY-MM-DD, None when the article has no date
    outlet: str | None
    terms: dict[str, float]
    names: dict[str, str]  # entity as written (title and lead) -> "actor" or "place"
    words: dict[str, str]  # term -> a word as written, for labels
    copy_of: str | None = None  # the canonical article when this one is a syndicated copy
    when: str | None = None  # the day counted in its event's mean day (None when undated)
    quotes: tuple[str, ...] = ()  # fingerprints of word runs inside its quotation marks


@dataclass(frozen=True)
class StoryCluster:
    """What the stories stage keeps about one event or storyline."""

    id: str
    level: StoryLevel
    seq: int
    parent_id: str | None = None  # an event's storyline
    centroid: dict[str, float] = field(default_factory=dict)  # sum of members' unit term vectors
    names: dict[str, float] = field(default_factory=dict)  # entity as written -> weight
    words: dict[str, str] = field(default_factory=dict)  # term -> word as written
    outlets: dict[str, int] = field(default_factory=dict)
    size: int = 0  # articles (copies once) for an event; events for a storyline
    day_sum: int = 0  # sum of the ordinal days of its dated articles
    dated: int = 0  # how many of its articles have a date
    start: str | None = None
    end: str | None = None
    anchor: str = ""  # the day the candidate index files it under
    label: str = ""
    quotes: dict[str, int] = field(default_factory=dict)  # quote fingerprint -> members holding it


@dataclass(frozen=True)
class Story:
    """An event or a storyline as the stories stage keeps it (its title and speakers are the
    read layer's: ``wiretrace.read.queries.story_out``)."""

    id: str
    level: StoryLevel
    label: str
    start: str | None
    end: str | None
    articles: tuple[str, ...]  # article ids, oldest first
    outlets: tuple[str, ...]  # most articles first
    storyline: str | None = None  # an event's storyline, when it has one of two events or more
    events: tuple[str, ...] = ()  # a storyline's events, oldest first
    copies: tuple[str, ...] = ()  # articles that joined as syndicated copies of another member


@dataclass(frozen=True)
class OriginMember:
    """One article's place in a family of syndicated copies (the origins stage).

    ``difference`` says how the article differs from the family's canonical
    member: ``trimmed`` (lacks some of its text), ``extended`` (adds text),
    ``retitled`` (another title); empty for the canonical and exact copies.
    """

    article_id: str
    family_id: str
    is_canonical: bool
    similarity: float | None = None  # containment of the shorter in the longer, against the canonical
    difference: tuple[str, ...] = ()
    shingles: int = 0
    joined_via: str | None = None  # the member it matched when it joined


@dataclass(frozen=True)
class Family:
    """A family of copies as people see it: the canonical first, then the copies."""

    id: str
    canonical: Article
    members: tuple[tuple[OriginMember, Article], ...]  # every member, canonical first, then by date


@dataclass(frozen=True)
class Person:
    """A person, organisation, place or government across articles (the people stage).

    ``kind``: PERSON, ORG, GPE (a place), GOV (the government a place name stands
    for when it speaks) or None where no article shows it. ``merged_into`` is set
    when a user merged it into another.
    """

    id: str
    name: str
    kind: str | None = None
    merged_into: str | None = None


@dataclass(frozen=True)
class EntityLink:
    """One article entity (or statement speaker) linked to a person, with what the article calls them."""

    article_id: str
    name: str  # the entity's name in the article
    person_id: str
    day: str | None  # the article's publication day
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seen:
    """A form (alias or role) used for a person, with the days it was first and last seen."""

    text: str
    first_seen: str | None
    last_seen: str | None
    articles: int


@dataclass(frozen=True)
class PersonProfile:
    """What the store knows of one person: forms, roles, statements, outlets."""

    person: Person
    aliases: tuple[Seen, ...]
    roles: tuple[Seen, ...]
    articles: int
    statements: int
    outlets: tuple[tuple[str, int], ...]  # outlet, statements quoted there (most first)
    first_seen: str | None
    last_seen: str | None
    # who spoke for this person ("A spokeswoman for Hillary Clinton"): apart from what they said
    spoken_for: tuple[Seen, ...] = ()


@dataclass(frozen=True)
class SpokenStatement:
    """A statement with the person who made it, its day, and the outlet that printed it."""

    statement: Statement
    person_id: str
    day: str | None  # the statement's day (its own date, else the article's)
    outlet: str | None


@dataclass(frozen=True)
class Echo:
    """An earlier statement by the same speaker that says nearly the same thing."""

    statement: Statement
    day: str | None
    score: float
    sentence: str  # the sentence of the earlier statement that matched best


def fields_of(record: Any) -> dict[str, Any]:
    """A record's fields, one level deep (nested records stay records)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data: what `dataclasses.asdict` gives, without its deep
    copy of every value (records are frozen; the copy took about a sixth of a store write)."""
    return {name: _plain(getattr(record, name)) for name in record.__dataclass_fields__}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
