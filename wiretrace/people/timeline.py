"""A person's statements in the order they were made, optionally about one topic.

Order is the statement's own day (a week or month counts from its first day),
never the article's publication unless the text gives no date of its own.
``--about`` keeps statements that share a topic word with the query (lemmas, so
"sanction" finds "sanctions"), or whose meaning is close to it (the echo
scorer's similarity, ``ABOUT_SIMILARITY``).
"""

from __future__ import annotations

from dataclasses import dataclass

from wiretrace.dates.calendar import first_day as dates_first_day
from wiretrace.errors import WiretraceError
from wiretrace.people.tables import tables
from wiretrace.records import Person, SpokenStatement
from wiretrace.store import Store


def first_day(value: str | None) -> str | None:
    """The first day (YYYY-MM-DD) of a TIMEX3 date value (the dates stage's reading), or None."""
    day = dates_first_day(value)
    return day.isoformat() if day else None


class UnknownPerson(WiretraceError):
    """No person of that name (or id) is linked in the store."""


def resolve_person(store: Store, text: str) -> Person:
    """The person a name, a form or an id stands for (the one in the most articles)."""
    found = tables(store).find_people(text)
    if not found:
        raise UnknownPerson(f"no person or organisation called {text!r} in {store.url}")
    return found[0]


def find_speaker(store: Store, text: str) -> Person | None:
    """The person a name, a form or an id stands for, preferring one with statements: a place
    name ("Moscow") finds the government that speaks for it as well as the place, and a speaker
    name as articles wrote it finds whom its statements were linked to ("Brussels")."""
    people = tables(store)
    found = people.find_people(text)
    speaking = next((p for p in found if people.spoken_statements(p.id, limit=1)), None)
    if speaking is None:
        named = people.speakers_named(text)
        speaking = people.final_person(named[0]) if named else None
    return speaking or (found[0] if found else None)


def resolve_speaker(store: Store, text: str) -> Person:
    """``find_speaker``, or ``UnknownPerson``."""
    person = find_speaker(store, text)
    if person is None:
        raise UnknownPerson(f"no person or organisation called {text!r} in {store.url}")
    return person


@dataclass(frozen=True)
class Timeline:
    person: Person
    entries: list[SpokenStatement]
    about: str | None = None


def timeline(
    store: Store,
    speaker: str,
    *,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Timeline:
    person = resolve_speaker(store, speaker)
    if not about:
        entries = tables(store).spoken_statements(
            person.id, since=since, until=until, limit=limit, offset=offset
        )
        return Timeline(person, entries)
    from wiretrace.people.similarity import about_filter

    entries = tables(store).spoken_statements(person.id, since=since, until=until)
    kept = about_filter(about, entries)
    end = None if limit is None else offset + limit
    return Timeline(person, kept[offset:end], about)
