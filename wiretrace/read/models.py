"""The records every surface shows, declared once (pydantic).

The CLI's JSON Lines, the exports, the API's bodies (and its OpenAPI schema)
and the pages are all built from these models, so the same field has the same
value everywhere. Offsets point into the original input text.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# Characters of an untitled article's body shown in place of a title.
FALLBACK_CHARS = 80


class Model(BaseModel):
    # defer_build: each model's validator is built when first used, so a command builds
    # only the models it shows (and `wiretrace articles` starts ~10 ms sooner)
    model_config = ConfigDict(frozen=True, defer_build=True)


class TextSpan(Model):
    start: int
    end: int
    text: str


class FoundValue(Model):
    """A metadata value, how it was found, and the input text that says it."""

    value: str
    method: str
    span: TextSpan | None = None


class RemovedText(Model):
    start: int
    end: int
    text: str
    reason: str


class ArticleSummary(Model):
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


class ArticleDetail(ArticleSummary):
    """One article with its body and where each field came from (``wiretrace show -f json``)."""

    body: str
    body_offsets: list[list[int]]  # [body_start, source_start, length]
    removed: list[RemovedText]
    provenance: dict[str, FoundValue | None]


class TimeOut(Model):
    """A temporal expression (``wiretrace dates --format jsonl``)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchored: bool


class PersonRef(Model):
    """A person, organisation, place or government across articles (the people stage)."""

    id: str
    name: str
    kind: str | None


class SpeakerMention(Model):
    name: str | None  # the name it resolves to in its article
    mention: str  # as written
    start: int
    end: int


class StatementOut(Model):
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


class StorySpeaker(PersonRef):
    statements: int  # statements in the story's articles


class StoryOut(Model):
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


class SeenForm(Model):
    text: str
    first_seen: str | None
    last_seen: str | None
    articles: int


class OutletCount(Model):
    outlet: str
    statements: int


class PersonSummary(PersonRef):
    """``wiretrace entities --format jsonl``, ``/api/entities``."""

    articles: int
    statements: int
    first_seen: str | None
    last_seen: str | None


class PersonDetail(PersonSummary):
    aliases: list[SeenForm]
    roles: list[SeenForm]
    spoken_for: list[SeenForm]
    outlets: list[OutletCount]


class TimelineEntry(Model):
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


class EchoOut(Model):
    """One line of ``wiretrace echoes --format jsonl``: best first."""

    id: str
    article_id: str
    text: str
    date: str | None
    score: float
    sentence: str
