"""What a name stands for where its article does not say: spaCy's entity recogniser
over the sentence the name first appears in.

The statements stage reads kinds from the text's own evidence (a title before a
name makes a person, "Department" an organisation); a name it could not place
("Fellow Republicans", "USA Today", "North American Free Trade Agreement")
used to become a person by default. Here the trained recogniser of the English
pipeline labels it in context instead: a nationality or party is a group, a
law or a work a thing, a city a place. Only such names are read, a sentence
each, in one ``nlp.pipe`` per batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from wiretrace.people.names import given_names, normalise
from wiretrace.records import Analysis, Entity

# spaCy's labels as the people stage's kinds. GROUP and THING are never persons.
KIND_OF_LABEL = {
    "PERSON": "PERSON",
    "NORP": "GROUP",
    "ORG": "ORG",
    "FAC": "ORG",
    "GPE": "GPE",
    "LOC": "GPE",
    "LAW": "THING",
    "WORK_OF_ART": "THING",
    "EVENT": "THING",
    "PRODUCT": "THING",
}
# Kinds a name may take from the end of it alone: "Rival Hillary Clinton" is a person,
# "Fellow Republicans" a group; an organisation or a place must be the whole name.
PARTIAL_KINDS = frozenset({"PERSON", "GROUP"})
WINDOW = 300  # characters of context on each side at most
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


class Recognised(NamedTuple):
    kind: str
    name: str  # the name as the recogniser bounds it


def needs_kind(entity: Entity) -> bool:
    """A name of several words the article gave no kind: the default used to be a person."""
    return entity.kind is None and len(entity.name.split()) > 1


def context(body: str, name: str) -> tuple[str, int] | None:
    """The sentence around the first place ``name`` is written, and where the name starts in it."""
    at = body.find(name)
    if at < 0:
        return None
    start = max(0, at - WINDOW)
    ends = [match.end() for match in _SENTENCE_END.finditer(body, start, at)]
    start = ends[-1] if ends else start
    after = _SENTENCE_END.search(body, at + len(name), at + len(name) + WINDOW)
    end = after.start() + 1 if after else min(len(body), at + len(name) + WINDOW)
    return body[start:end], at - start


def recognised_kinds(analyses: Sequence[Analysis]) -> list[dict[str, Recognised]]:
    """For each article, what the recogniser makes of each name that needs a kind (if anything)."""
    wanted: list[tuple[int, Entity, int, int]] = []  # article index, entity, start in window, window index
    windows: list[str] = []
    for index, analysis in enumerate(analyses):
        for entity in analysis.entities:
            if not needs_kind(entity):
                continue
            found = context(analysis.article.body, entity.name)
            if found is not None:
                wanted.append((index, entity, found[1], len(windows)))
                windows.append(found[0])
    kinds: list[dict[str, Recognised]] = [{} for _ in analyses]
    if not windows:
        return kinds
    from wiretrace.nlp import NER_ONLY, load_english

    docs = list(load_english(NER_ONLY).pipe(windows, batch_size=64))
    for index, entity, start, window in wanted:
        found = _entity_at(docs[window], start, start + len(entity.name))
        if found is None:
            continue
        kind = KIND_OF_LABEL.get(found.label_)
        whole = found.start_char <= start
        if kind is None or not whole and kind not in PARTIAL_KINDS:
            continue  # "Teodor Vasquez" is no organisation because "Vasquez" alone might be one
        if kind == "ORG" and looks_like_person(entity):
            continue  # the small model calls many a person an organisation
        # a word the text put before a person's name is not part of it: "Rival Hillary Clinton"
        name = found.text if kind == "PERSON" and not whole else entity.name
        kinds[index][entity.name] = Recognised(kind, name)
    return kinds


def looks_like_person(entity: Entity) -> bool:
    """A person's marks: called by the surname alone later ("DuVernay said"), or a given name
    first (the curated names of the ``nicknames`` package)."""
    words = normalise(entity.name).split()
    if not words:
        return False
    surname = words[-1]
    return words[0] in given_names() or any(normalise(span.text) == surname for span in entity.mentions)


def _entity_at(doc, start: int, end: int):
    """The recognised entity that ends where the name ends, inside or around it."""
    for ent in doc.ents:
        if ent.start_char < end and start < ent.end_char and ent.end_char >= end - 1:
            return ent
    return None
