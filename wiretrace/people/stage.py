"""The people stage: links each article's entities and speakers to people across the store.

A store-level stage after stories. For every entity the statements stage found
in an article, it reads the people filed under the entity's keys (its
normalised name, and for a person the sound of the surname), picks the one the
name fits, or files a new one. The cost per article is a few indexed lookups,
whatever the size of the store.

How a name finds its person:

- a place (GeoNames country, capital or large city, where the article does not
  make it a person) is the place; when it *speaks* ("Moscow said") the
  statement is the government it stands for ("Government of Russia");
- a person's full name joins a person whose surname matches (transliteration
  variants included) and whose given name agrees, or who has none yet ("Trump"
  then "Donald Trump"); the fuller name becomes the person's name;
- a lone word ("Lavrov", "Trump") joins the person it has been a form of in the
  most articles, else a person of that surname, else stands alone;
- an organisation joins the organisation of the same normalised name.

Users' merges and splits are kept in the store and applied here on every link,
so they survive reprocessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from wiretrace.people import names, places
from wiretrace.people.kinds import KindFound, recognised_kinds
from wiretrace.people.names import PersonName, alias_key, normalise, surname_keys
from wiretrace.people.tables import tables
from wiretrace.records import Analysis, Entity, EntityLink, Person, Statement
from wiretrace.stage import StoreStage
from wiretrace.store import Store

PERSON_KINDS = frozenset({"PERSON", None})


@dataclass(frozen=True)
class Mention:
    """What the linker knows of one name in one article."""

    name: str
    kind: str | None  # PERSON, ORG, or None as the article shows it

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def words(self) -> int:
        return len(self.key.split())

    @property
    def is_place(self) -> bool:
        return self.kind == "GPE" or (self.kind is None and places.is_place(self.name))

    @property
    def is_person_name(self) -> bool:
        return self.kind == "PERSON" or (self.kind is None and self.words > 1 and not self.is_place)


class PeopleStage(StoreStage):
    """Store-level stage: article entities and statement speakers to people across articles."""

    name = "people"
    needs = ("entities", "statements")
    adds = ("people",)

    def pipe(self, analyses: Sequence[Analysis], store: Store) -> None:
        for analysis, recognised in zip(analyses, recognised_kinds(analyses), strict=True):
            link_article(store, analysis, recognised)


def day_of(analysis: Analysis) -> str | None:
    published = analysis.article.value("published")
    return published[:10] if published else None


def link_article(store: Store, analysis: Analysis, recognised: dict[str, KindFound] | None = None) -> None:
    """Link one article's entities and speakers (the article's old links are gone by now).

    ``recognised`` holds what the entity recogniser made of names the text left without a kind.
    """
    day = day_of(analysis)
    by_name: dict[str, Person] = {}
    links = []
    for entity in analysis.entities:
        name = names.bounded(entity.name)
        if name is None or names.is_pronoun(name):
            continue  # "referenda", "@handle": no name at all
        found = (recognised or {}).get(entity.name)
        kind, name = (found.kind, found.name) if found and not entity.kind else (entity.kind, name)
        person = link_name(store, Mention(name, kind))
        by_name[entity.name] = person
        links.append(
            EntityLink(
                article_id=analysis.article.id,
                name=entity.name,
                person_id=person.id,
                day=day,
                aliases=aliases_of(replace(entity, name=name)),
                roles=roles_of(entity),
            )
        )
    speakers, relations = [], []
    for statement in analysis.statements:
        speaker = speaker_of(store, statement, by_name)
        if speaker is None:
            spoken_for = spoken_for_of(statement, by_name)
            if spoken_for is not None:
                name, person = spoken_for
                day_said = statement_day(statement, day)
                mention = " ".join(statement.speaker.mention.split())  # type: ignore[union-attr]
                relations.append((statement.id, statement.article_id, mention, name, person.id, day_said))
            continue
        name, person = speaker
        speakers.append((statement.id, statement.article_id, name, person.id, statement_day(statement, day)))
        if person.kind == "GOV" and not any(
            link.name == name and link.person_id == person.id for link in links
        ):
            # the form the government was called by here ("Moscow"), an alias with its day
            links.append(EntityLink(analysis.article.id, f"{name} (speaking)", person.id, day, (name,)))
    tables(store).save_entity_links(links)
    tables(store).save_statement_speakers(speakers)
    tables(store).save_statement_relations(relations)


def aliases_of(entity: Entity) -> tuple[str, ...]:
    """The names an article uses for an entity: its name, its titled forms as the text
    wrote them ("President Vladimir Putin", "spokesman Dmitry Peskov") and every mention
    written as a name of it. Descriptions ("the top diplomat", "the Trump campaign") and
    stray text around a name ("What Mr. Obama") are never aliases."""
    forms = [entity.name] + [f"{role} {entity.name}" for role in entity.roles if names.one_phrase(role)]
    forms += [
        span.text
        for span in entity.mentions
        if names.is_name_form(" ".join(span.text.split()), entity.name, entity.kind, entity.roles)
    ]
    return _distinct(form for form in forms if not names.is_pronoun(form))


def roles_of(entity: Entity) -> tuple[str, ...]:
    """The roles an article gives an entity: titles before its name, and the descriptions
    it is called by that name no one ("the top diplomat"); they stay with this article."""
    descriptions = [span.text for span in entity.mentions if names.is_description(span.text)]
    return _distinct([*entity.roles, *descriptions])


def _distinct(forms) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(form.split()) for form in forms))


def speaker_of(store: Store, statement: Statement, by_name: dict[str, Person]) -> tuple[str, Person] | None:
    """Who made a statement: the linked entity it resolved to, or the government a place stands for."""
    speaker = statement.speaker
    if speaker is None or not speaker.name or names.is_pronoun(speaker.name):
        return None
    name = speaker.name
    government = places.government_of(name) if speaker.kind in (None, "GPE") else None
    if government and (name not in by_name or by_name[name].kind == "GPE"):
        return name, link_government(store, government, name)
    if name in by_name:
        return name, by_name[name]
    if not name[:1].isupper():  # a description the article never names ("various estimates")
        return None
    return name, link_name(store, Mention(name, speaker.kind if speaker.kind in ("PERSON", "ORG") else None))


def spoken_for_of(statement: Statement, by_name: dict[str, Person]) -> tuple[str, Person] | None:
    """The person a statement was made for, when its speaker is a description holding one of
    the article's names ("A spokeswoman for Hillary Clinton", "the Trump campaign")."""
    speaker = statement.speaker
    if speaker is None or speaker.name or not speaker.mention:
        return None
    for run in names.proper_runs(speaker.mention):
        found = [name for name in by_name if name == run or name.split()[-1] == run.split()[-1]]
        exact = [name for name in found if name == run]
        if exact or len(found) == 1:
            name = (exact or found)[0]
            return name, by_name[name]
    return None


def statement_day(statement: Statement, article_day: str | None) -> str | None:
    """The day a statement orders by: its own date (a week or month as its first day), else the article's."""
    from wiretrace.people.timeline import first_day

    return first_day(statement.date) or article_day


# -- choosing a person ----------------------------------------------------------------


def link_name(store: Store, mention: Mention) -> Person:
    """The person a name in an article is: an existing one it fits, or a new one."""
    if mention.is_place:
        person = _pick_exact(store, mention, kinds={"GPE"}) or _new(store, mention.name, "GPE", mention)
    elif mention.is_person_name:
        person = _pick_person(store, mention) or _new(store, mention.name, "PERSON", mention)
    elif mention.words == 1 and mention.kind is None:
        person = _pick_lone_word(store, mention) or _new(store, mention.name, None, mention)
    else:
        # an organisation, a group ("Republicans") or a thing (a treaty): by its exact name
        fitting = {mention.kind, None} if mention.kind in ("GROUP", "THING") else {"ORG", None}
        person = (
            _pick_exact(store, mention, kinds=fitting)
            or _pick_acronym(store, mention)
            or _new(store, mention.name, mention.kind, mention)
        )
    return _apply_rules(store, mention, person)


def _pick_acronym(store: Store, mention: Mention) -> Person | None:
    """An organisation seen so far only by its initials ("EU", then "European Union"): the full name wins."""
    initials = names.initials_key(mention.name, mention.kind)
    if not initials:
        return None
    short = "a:" + initials[2:]
    found = [
        (count, person)
        for person, key, count in tables(store).people_candidates([short])
        if person.kind in ("ORG", None) and person.name.isupper()
    ]
    if not found:
        return None
    person = replace(max(found, key=lambda pair: pair[0])[1], name=" ".join(mention.name.split()), kind="ORG")
    tables(store).update_person(person)
    return person


def _keys(mention: Mention) -> list[str]:
    keys = [alias_key(mention.name)]
    initials = names.initials_key(mention.name, mention.kind)
    if initials:
        keys.append(initials)
    if not mention.is_place and mention.kind != "ORG":
        keys += surname_keys(mention.name)
    return keys


def _new(store: Store, name: str, kind: str | None, mention: Mention) -> Person:
    person = tables(store).new_person(" ".join(name.split()), kind)
    tables(store).add_people_keys(person.id, _keys(mention))
    return person


def _apply_rules(store: Store, mention: Mention, person: Person) -> Person:
    """A user's split sends this name elsewhere; the person gains the name's keys."""
    target = tables(store).people_rule(mention.key, person.id)
    if target:
        person = tables(store).final_person(target) or person
    tables(store).add_people_keys(person.id, _keys(mention))
    return person


def _pick_exact(store: Store, mention: Mention, kinds: set[str | None]) -> Person | None:
    """The person filed under exactly this name, of a fitting kind, in the most articles."""
    found = [
        (count, person)
        for person, key, count in tables(store).people_candidates([alias_key(mention.name)])
        if person.kind in kinds
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _pick_person(store: Store, mention: Mention) -> Person | None:
    """A person whose name fits a full (or PERSON-marked) name: given names agree, surnames match."""
    wanted = PersonName.parse(mention.name)
    best: tuple[int, int, Person] | None = None
    candidates = tables(store).people_candidates(_keys(mention))
    # A person already linked under this very name keeps it, whatever the name looks like:
    # after a user's merge, "Cornelis Hanley" is "Kees Hanley" from then on.
    exact = [(count, person) for person, key, count in candidates if key == alias_key(mention.name)]
    if exact:
        return max(exact, key=lambda pair: pair[0])[1]
    for person, _key, count in candidates:
        if person.kind not in PERSON_KINDS or places.is_place(person.name) and person.kind is None:
            continue
        fit = names.compatible(wanted, PersonName.parse(person.name))
        if fit and (best is None or (fit, count) > best[:2]):
            best = (fit, count, person)
    if best is None:
        return None
    person = best[2]
    have = PersonName.parse(person.name)
    if len(wanted.given) > len(have.given) or person.kind is None:
        # the fuller name (and the surer kind) becomes the person's
        fuller = mention.name if len(wanted.given) > len(have.given) else person.name
        person = replace(person, name=" ".join(fuller.split()), kind="PERSON")
        tables(store).update_person(person)
    return person


def _pick_lone_word(store: Store, mention: Mention) -> Person | None:
    """A lone capitalised word: the person it names in the most articles, else one of that surname."""
    candidates = tables(store).people_candidates(_keys(mention))
    as_alias = [(count, person) for person, key, count in candidates if key.startswith(("a:", "i:"))]
    if as_alias:
        return max(as_alias, key=lambda pair: pair[0])[1]
    wanted = PersonName.parse(mention.name)
    by_surname = [
        (count, person)
        for person, key, count in candidates
        if person.kind == "PERSON" and PersonName.parse(person.name).surname == wanted.surname
    ]
    return max(by_surname, key=lambda pair: pair[0])[1] if by_surname else None


def link_government(store: Store, government: str, said_as: str) -> Person:
    """The government a place name stands for (filed under its own name)."""
    if not government.startswith("Government of"):  # an organisation ("Brussels" → the EU)
        person = link_name(store, Mention(government, "ORG"))
        target = tables(store).people_rule(normalise(said_as), person.id)
        return (tables(store).final_person(target) or person) if target else person
    keys = [alias_key(government)]
    found = [
        (count, person)
        for person, _key, count in tables(store).people_candidates(keys)
        if person.kind in ("GOV", "ORG")
    ]
    if found:
        person = max(found, key=lambda pair: pair[0])[1]
    else:
        person = tables(store).new_person(government, "GOV")
        tables(store).add_people_keys(person.id, keys)
    target = tables(store).people_rule(normalise(said_as), person.id)
    return (tables(store).final_person(target) or person) if target else person
