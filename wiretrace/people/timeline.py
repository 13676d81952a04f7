"""A person's statements in the order they were made, optionally about one topic.

Order is the statement's own day (a week or month counts from its first day),
never the article's publication unless the text gives no date of its own.
``--about`` keeps statements that share a topic word with the query (lemmas, so
"sanction" finds "sanctions"), or whose meaning is close to it (the echo
scorer's similarity, ``ABOUT_SIMILARITY``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wiretrace.errors import WiretraceError
from wiretrace.records import Person, SpokenStatement
from wiretrace.store import Store

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
PART_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12}


def first_day(value: str | None) -> str | None:
    """The first day (YYYY-MM-DD) of a TIMEX3 date value, or None for what has no day."""
    if not value:
        return None
    if match := _DAY.match(value):
        return match.group(0)
    try:
        if match := _WEEK.match(value):
            return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1).isoformat()
    except ValueError:
        return None
    if match := _MONTH.match(value):
        return f"{match.group(1)}-{match.group(2)}-01"
    if match := _YEAR.match(value):
        return f"{match.group(1)}-01-01"
    if match := _PART.match(value):
        return f"{match.group(1)}-{PART_MONTH[match.group(2)]:02d}-01"
    return None


class UnknownPerson(WiretraceError):
    """No person of that name (or id) is linked in the store."""


def resolve_person(store: Store, text: str) -> Person:
    """The person a name, a form or an id stands for (the one in the most articles)."""
    found = store.find_people(text)
    if not found:
        raise UnknownPerson(f"no person or organisation called {text!r} in {store.url}")
    return found[0]


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
    person = resolve_person(store, speaker)
    if not about:
        entries = store.spoken_statements(person.id, since=since, until=until, limit=limit, offset=offset)
        return Timeline(person, entries)
    from wiretrace.people.similarity import about_filter

    entries = store.spoken_statements(person.id, since=since, until=until)
    kept = about_filter(about, entries)
    end = None if limit is None else offset + limit
    return Timeline(person, kept[offset:end], about)
