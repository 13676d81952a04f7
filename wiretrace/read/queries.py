"""The read layer: what the store holds, as the records every surface shows.

The CLI, the exports, the report, the pages and the API call these functions
and nothing below them for articles, statements, stories and people, so a
family, an inherited publisher, a speaker's person or a story's title is
decided once. Each function takes a store and keyword-only filters (the query
records of ``wiretrace.store``) and returns the records of ``wiretrace.read.models``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from wiretrace.origins.publishers import inherited_publishers
from wiretrace.origins.tables import tables as origin_tables
from wiretrace.people.tables import tables as people_tables
from wiretrace.people.timeline import find_speaker  # the people stage's reading: re-exported
from wiretrace.read.models import (
    FALLBACK_CHARS,
    ArticleDetail,
    ArticleSummary,
    EchoOut,
    FoundValue,
    OutletCount,
    PersonDetail,
    PersonRef,
    PersonSummary,
    RemovedText,
    SeenForm,
    SpeakerMention,
    StatementOut,
    StoryOut,
    StorySpeaker,
    TextSpan,
    TimelineEntry,
    TimeOut,
)
from wiretrace.records import (
    Article,
    Echo,
    Found,
    OriginMember,
    Person,
    PersonProfile,
    SpokenStatement,
    Statement,
    Story,
    fields_of,
)
from wiretrace.store import ArticleQuery, StatementQuery, Store
from wiretrace.store.base import StoryQuery
from wiretrace.store.core import chunks
from wiretrace.stories.tables import tables as story_tables
from wiretrace.views import credit_text, time_dict

STORY_SPEAKERS = 10  # speakers listed with a story, most statements first
TITLE_CHUNK = 8  # articles read at a time while looking for a story's most central headline
METADATA = ("title", "published", "outlet", "original_publisher", "author")

# -- articles --------------------------------------------------------------------------


def heading(article: Article) -> str:
    """The title on one line, else the body's first words (never cut mid-word), else the id."""
    title = " ".join((article.value("title") or "").split())
    if title:
        return title
    words = article.body.split()
    shown = ""
    for word in words:
        if len(shown) + len(word) + 1 > FALLBACK_CHARS:
            return (shown or word[:FALLBACK_CHARS]) + " …"
        shown = f"{shown} {word}" if shown else word
    return shown or f"Article {article.id}"


def _summary_fields(article: Article, origin: OriginMember | None, inherited: tuple[str, str] | None) -> dict:
    publisher, credit = article.value("original_publisher"), credit_text(article)
    if inherited is not None and credit is None:
        publisher, credit = inherited[0], f"copy of {inherited[1]}"
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "title": article.value("title"),
        "published": article.value("published"),
        "outlet": article.value("outlet"),
        "original_publisher": publisher,
        "credit": credit,
        "family_id": origin.family_id if origin else None,
        "is_canonical": origin.is_canonical if origin else None,
        "author": article.value("author"),
        "language": article.language,
        "words": article.words,
        "heading": heading(article),
    }


def summarise(store: Store, found: Sequence[Article]) -> list[ArticleSummary]:
    """Articles with their family of copies and any publisher inherited from it."""
    ids = [article.id for article in found]
    origins = {m.article_id: m for m in origin_tables(store).origin_members(article_ids=ids)}
    inherited = inherited_publishers(store, ids) if origins else {}
    return [ArticleSummary(**_summary_fields(a, origins.get(a.id), inherited.get(a.id))) for a in found]


def articles(store: Store, query: ArticleQuery | None = None) -> list[ArticleSummary]:
    """Articles, newest first (full-text filtered when the query has text)."""
    return summarise(store, store.articles(query or ArticleQuery()))


def search(store: Store, query: ArticleQuery) -> list[tuple[ArticleSummary, str]]:
    """Articles best first for the query's words, each with its marked snippet."""
    hits = store.search_articles(query)
    return list(zip(summarise(store, [article for article, _ in hits]), [s for _, s in hits], strict=True))


def _found(found: Found | None) -> FoundValue | None:
    if found is None:
        return None
    span = TextSpan(start=found.span.start, end=found.span.end, text=found.span.text) if found.span else None
    return FoundValue(value=found.value, method=found.method, span=span)


def details(store: Store, found: Sequence[Article]) -> list[ArticleDetail]:
    """Articles with their bodies, the furniture cut, and where each field came from."""
    return [
        ArticleDetail(
            **fields_of(summary),
            body=article.body,
            body_offsets=article.body_map.as_list(),
            removed=[
                RemovedText(start=r.start, end=r.end, text=r.text, reason=r.reason) for r in article.removed
            ],
            provenance={name: _found(getattr(article, name)) for name in METADATA},
        )
        for article, summary in zip(found, summarise(store, found), strict=True)
    ]


def detail(store: Store, article: Article) -> ArticleDetail:
    return details(store, [article])[0]


def article(store: Store, article_id: str) -> ArticleDetail | None:
    found = store.article(article_id)
    return detail(store, found) if found else None


def times(store: Store, article_id: str) -> list[TimeOut]:
    return [TimeOut(**time_dict(time)) for time in store.times(article_id)]


# -- people ----------------------------------------------------------------------------


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, name=person.name, kind=person.kind)


def _seen(forms: Iterable) -> list[SeenForm]:
    return [
        SeenForm(text=f.text, first_seen=f.first_seen, last_seen=f.last_seen, articles=f.articles)
        for f in forms
    ]


def person_summary(profile: PersonProfile) -> PersonSummary:
    person = profile.person
    return PersonSummary(
        id=person.id,
        name=person.name,
        kind=person.kind,
        articles=profile.articles,
        statements=profile.statements,
        first_seen=profile.first_seen,
        last_seen=profile.last_seen,
    )


def person_detail(profile: PersonProfile) -> PersonDetail:
    return PersonDetail(
        **fields_of(person_summary(profile)),
        aliases=_seen(profile.aliases),
        roles=_seen(profile.roles),
        spoken_for=_seen(profile.spoken_for),
        outlets=[OutletCount(outlet=outlet, statements=count) for outlet, count in profile.outlets],
    )


def person(store: Store, text: str) -> PersonDetail | None:
    """A person by id, name or any form articles use for them."""
    found = find_speaker(store, text)
    profile = people_tables(store).person_profile(found.id) if found else None
    return person_detail(profile) if profile else None


def people(
    store: Store, *, kind: str | None = None, text: str | None = None, limit: int = 50, offset: int = 0
) -> list[PersonSummary]:
    found = people_tables(store).people(kind=kind, text=text, limit=limit, offset=offset)
    return [person_summary(profile) for profile in found]


def timeline_entry(entry: SpokenStatement) -> TimelineEntry:
    statement = entry.statement
    return TimelineEntry(
        id=statement.id,
        article_id=statement.article_id,
        day=entry.day,
        date=statement.date,
        date_source=statement.date_source,
        kind=statement.kind,
        outlet=entry.outlet,
        speaker_id=entry.person_id,
        mention=statement.speaker.mention if statement.speaker else None,
        text=statement.text,
    )


def echo_out(echo: Echo) -> EchoOut:
    return EchoOut(
        id=echo.statement.id,
        article_id=echo.statement.article_id,
        text=echo.statement.text,
        date=echo.day,
        score=echo.score,
        sentence=echo.sentence,
    )


# -- statements ------------------------------------------------------------------------


def _span(start: int, end: int, text: str) -> TextSpan:
    return TextSpan(start=start, end=end, text=text)


def statement_out(statement: Statement, source_path: str | None, person: Person | None) -> StatementOut:
    cue, speaker, when = statement.cue, statement.speaker, statement.date_span
    return StatementOut(
        id=statement.id,
        article_id=statement.article_id,
        source_path=source_path,
        kind=statement.kind,
        start=statement.start,
        end=statement.end,
        text=statement.text,
        cue=_span(cue.start, cue.end, cue.text) if cue else None,
        speaker=(
            SpeakerMention(name=speaker.name, mention=speaker.mention, start=speaker.start, end=speaker.end)
            if speaker
            else None
        ),
        person=person_ref(person) if person else None,
        role=statement.role,
        venue=statement.venue,
        relayed_by=list(statement.relayed_by),
        date=statement.date,
        date_source=statement.date_source,
        date_span=_span(when.start, when.end, when.text) if when else None,
    )


def describe(store: Store, found: Sequence[Statement]) -> list[StatementOut]:
    """Statements with their article's source and the person who made each."""
    people = people_tables(store).statement_people(s.id for s in found)
    articles = origin_tables(store).articles_by_id({s.article_id for s in found})
    paths = {article_id: article.source_path for article_id, article in articles.items()}
    return [statement_out(s, paths.get(s.article_id), people.get(s.id)) for s in found]


def statements(store: Store, query: StatementQuery | None = None) -> list[StatementOut]:
    """Statements matching the query (speaker, kind, article, words, days), in article order."""
    return describe(store, store.statements(query or StatementQuery()))


# -- stories ---------------------------------------------------------------------------


def _centrality(terms: dict[str, float], centre: Counter) -> float:
    return sum(weight * centre[term] for term, weight in terms.items())


def story_title(store: Store, story: Story) -> str | None:
    """The headline of the story's most central article: the one whose terms lie nearest the
    sum of all members' (its family's canonical for a copy). Where no member has a headline,
    the central article's heading (its first words); None for a story with no members."""
    members = story_tables(store).story_members(event_ids=list(story.events) or [story.id])
    centre: Counter = Counter()
    for member in members:
        centre.update(member.terms)
    ranked = sorted(members, key=lambda m: (-_centrality(m.terms, centre), m.article_id))
    central: Article | None = None
    # articles are read a few at a time, most central first: a long storyline's bodies stay unread
    for chunk in chunks(list(dict.fromkeys(m.copy_of or m.article_id for m in ranked)), TITLE_CHUNK):
        texts = origin_tables(store).articles_by_id(chunk)
        shown = [texts[article_id] for article_id in chunk if article_id in texts]
        central = central or (shown[0] if shown else None)
        titled = next((found for found in shown if found.value("title")), None)
        if titled is not None:
            return heading(titled)
    return heading(central) if central else None


def story_speakers(store: Store, story: Story, limit: int = STORY_SPEAKERS) -> list[StorySpeaker]:
    """The people most quoted in a story's articles, by person (a place and the government
    speaking for it are one), most statements first."""
    people = people_tables(store)
    counts = people.speaker_counts(story.articles)
    named = {person_id: people.person(person_id) for person_id in counts}
    ranked = sorted(counts, key=lambda pid: (-counts[pid], named[pid].name))[:limit]
    return [StorySpeaker(**fields_of(person_ref(named[pid])), statements=counts[pid]) for pid in ranked]


def story_out(store: Store, story: Story) -> StoryOut:
    return StoryOut(
        id=story.id,
        level=story.level,
        title=story_title(store, story),
        label=story.label,
        start=story.start,
        end=story.end,
        articles=list(story.articles),
        outlets=list(story.outlets),
        speakers=story_speakers(store, story),
        storyline=story.storyline,
        copies=list(story.copies),
        events=list(story.events),
    )


def stories(store: Store, query: StoryQuery | None = None) -> list[StoryOut]:
    """Events and storylines, newest first."""
    return [story_out(store, found) for found in story_tables(store).stories(query or StoryQuery())]


def story(store: Store, story_id: str) -> StoryOut | None:
    found = story_tables(store).story(story_id)
    return story_out(store, found) if found else None
