"""The records every surface shows, declared once (frozen dataclasses).

The CLI's JSON Lines, the exports, the API's bodies (and its OpenAPI schema)
and the pages are all built from these records, so the same field has the same
value everywhere. Offsets point into the original input text.

They are plain dataclasses, not pydantic models: FastAPI reads the same classes
for the API's schema and checks every response against it, while a read command
(``wiretrace articles``) never imports pydantic, which cost it about 0.1 s of
start (docs/evaluation.md, "Command-line start").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wiretrace.records import to_dict

# Characters of an untitled article's body shown in place of a title.
FALLBACK_CHARS = 80

# Every read record: immutable, built with keywords only (a subclass adds fields after its parent's).
record = dataclass(frozen=True, kw_only=True)


def dump(shown: Any) -> dict[str, Any]:
    """A read record as JSON-ready data (nested records as dicts)."""
    return to_dict(shown)


@record
class TextSpan:
    start: int
    end: int
    text: str


@record
class FoundValue:
    """A metadata value, how it was found, and the input text that says it."""

    value: str
    method: str
    span: TextSpan | None = None


@record
class RemovedText:
    start: int
    end: int
    text: str
    reason: str


@record
class ArticleSummary:
    """An article in a list: ``wiretrace articles --format jsonl``, ``/api/articles``."""

    id: str
    source_path: str
    url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    # the first publisher: the page's own credit, else one a copy of it in the same family carries
    original_publisher: str | None
    credit: str | None  # the text that proves it, or "copy of ID" when inherited
    family_id: str | None  # the family of syndicated copies it belongs to (origins stage)
    is_canonical: bool | None
    author: str | None
    language: str | None
    words: int
    # the title, else the start of the body on one line: never empty, never cut mid-word
    heading: str


@record
class ArticleDetail(ArticleSummary):
    """One article with its body and where each field came from (``wiretrace show -f json``)."""

    body: str
    body_offsets: list[list[int]]  # [body_start, source_start, length]
    removed: list[RemovedText]
    provenance: dict[str, FoundValue | None]


@record
class TimeOut:
    """A temporal expression (``wiretrace dates --format jsonl``)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchored: bool


@record
class PersonRef:
    """A person, organisation, place or government across articles (the people stage)."""

    id: str
    name: str
    kind: str | None


@record
class SpeakerMention:
    name: str | None  # the name it resolves to in its article
    mention: str  # as written
    start: int
    end: int


@record
class StatementOut:
    """Who said what: ``wiretrace quotes --format jsonl``, ``/api/statements``."""

    id: str
    article_id: str
    source_path: str | None
    kind: str
    start: int
    end: int
    text: str
    cue: TextSpan | None
    speaker: SpeakerMention | None
    person: PersonRef | None  # the speaker across articles, when the people stage linked one
    role: str | None
    venue: str | None
    relayed_by: list[str]
    date: str | None
    date_source: str | None
    date_span: TextSpan | None


@record
class StorySpeaker(PersonRef):
    statements: int  # statements in the story's articles


@record
class StoryOut:
    """An event or a storyline: ``wiretrace stories --format jsonl``, ``/api/stories``."""

    id: str
    level: str
    # the headline of its most central article (the canonical's, for a copy); where no member
    # has one, that article's heading (its first words)
    title: str | None
    label: str  # its most telling names and words
    start: str | None
    end: str | None
    articles: list[str]  # oldest first
    outlets: list[str]  # most articles first
    speakers: list[StorySpeaker]  # most statements first
    storyline: str | None  # an event's storyline (of two events or more)
    copies: list[str]  # an event's members that joined as syndicated copies
    events: list[str]  # a storyline's events, oldest first


@record
class SeenForm:
    text: str
    first_seen: str | None
    last_seen: str | None
    articles: int


@record
class OutletCount:
    outlet: str
    statements: int


@record
class PersonSummary(PersonRef):
    """``wiretrace entities --format jsonl``, ``/api/entities``."""

    articles: int
    statements: int
    first_seen: str | None
    last_seen: str | None


@record
class PersonDetail(PersonSummary):
    aliases: list[SeenForm]
    roles: list[SeenForm]
    spoken_for: list[SeenForm]
    outlets: list[OutletCount]


@record
class TimelineEntry:
    """One line of ``wiretrace timeline --format jsonl``."""

    id: str
    article_id: str
    day: str | None
    date: str | None
    date_source: str | None
    kind: str
    outlet: str | None
    speaker_id: str
    mention: str | None
    text: str


@record
class EchoOut:
    """One line of ``wiretrace echoes --format jsonl``: best first."""

    id: str
    article_id: str
    text: str
    date: str | None
    score: float
    sentence: str
