"""What a name stands for where its article does not say: the entity recogniser's label
for the name where it first appears.

The statements stage reads kinds from the text's own evidence (a title before a
name makes a person, "Department" an organisation); a name it could not place
("Fellow Republicans", "USA Today", "North American Free Trade Agreement")
used to become a person by default. The recogniser stage (``wiretrace.recogniser``)
labels such names in context in the analysis: a nationality or party is a group,
a law or a work a thing, a city a place. Here those labels become kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from wiretrace.people.names import given_names, normalise
from wiretrace.recogniser import recognised_of
from wiretrace.records import Analysis, Entity, NameLabel

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


class KindFound(NamedTuple):
    kind: str
    name: str  # the name as the recogniser bounds it


def recognised_kinds(analyses: Sequence[Analysis]) -> list[dict[str, KindFound]]:
    """For each article, the kind of each name the recogniser labelled (where it says one)."""
    kinds: list[dict[str, KindFound]] = []
    for analysis, recognised in zip(analyses, recognised_of(analyses), strict=True):
        entities = {entity.name: entity for entity in analysis.entities}
        found = {}
        for label in recognised.names:
            kind = kind_of(entities[label.name], label) if label.name in entities else None
            if kind is not None:
                found[label.name] = kind
        kinds.append(found)
    return kinds


def kind_of(entity: Entity, label: NameLabel) -> KindFound | None:
    kind = KIND_OF_LABEL.get(label.label)
    if kind is None or not label.whole and kind not in PARTIAL_KINDS:
        return None  # "Teodor Vasquez" is no organisation because "Vasquez" alone might be one
    if kind == "ORG" and looks_like_person(entity):
        return None  # the small model calls many a person an organisation
    # a word the text put before a person's name is not part of it: "Rival Hillary Clinton"
    return KindFound(kind, label.text if kind == "PERSON" and not label.whole else entity.name)


def looks_like_person(entity: Entity) -> bool:
    """A person's marks: called by the surname alone later ("DuVernay said"), or a given name
    first (the curated names of the ``nicknames`` package)."""
    words = normalise(entity.name).split()
    if not words:
        return False
    surname = words[-1]
    return words[0] in given_names() or any(normalise(span.text) == surname for span in entity.mentions)
