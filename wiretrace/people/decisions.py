"""Users' decisions about people: merge two into one, split a name off into its own person.

Both are written to the store (``people_rules``, ``people.merged_into`` and the
``people_decisions`` log), so the people stage applies them again whenever it
links articles anew, after ``wiretrace reprocess`` too.
"""

from __future__ import annotations

from wiretrace.errors import UsageError
from wiretrace.people.names import normalise
from wiretrace.people.tables import tables
from wiretrace.people.timeline import resolve_person
from wiretrace.records import Person
from wiretrace.store import Store


def merge(store: Store, keep: str, other: str) -> Person:
    """Merge ``other`` into ``keep`` (each a name, a form or an id); returns the person kept."""
    with store.transaction():
        kept = resolve_person(store, keep)
        merged = resolve_person(store, other)
        if kept.id == merged.id:
            raise UsageError(f"{keep!r} and {other!r} are already one: {kept.id} {kept.name}")
        tables(store).merge_people(kept.id, merged.id)
    return kept


def split(store: Store, person: str, name: str, *, new_name: str | None = None) -> Person:
    """Take every mention of ``name`` away from ``person`` into a new person; returns the new one."""
    key = normalise(name)
    if not key:
        raise UsageError(f"{name!r} is not a name")
    with store.transaction():
        source = resolve_person(store, person)
        profile = tables(store).person_profile(source.id)
        forms = {normalise(seen.text) for seen in profile.aliases} if profile else set()
        if key not in forms:
            raise UsageError(f"{source.id} {source.name} is never called {name!r} in the store")
        if normalise(source.name) == key:
            raise UsageError(
                f"{name!r} is {source.id}'s own name; split off the other forms instead, or merge elsewhere"
            )
        return tables(store).split_person(source.id, key, new_name or name, source.kind)
