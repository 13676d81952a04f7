"""Names as keys, person-name compatibility, places and the governments they stand for."""

from __future__ import annotations

import pytest

from wiretrace.people.names import (
    PersonName,
    compatible,
    initials_key,
    is_description,
    is_name_form,
    normalise,
    proper_runs,
    surname_key,
)
from wiretrace.people.places import government_of, is_place


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("U.S.", "us"),
        ("Trump’s", "trump"),
        ("Сергей Лавров", "sergey lavrov"),
        ("the EU", "eu"),
        ("Jean-Claude  Juncker", "jean claude juncker"),
    ],
)
def test_names_normalise_to_one_key(written, key):
    assert normalise(written) == key


@pytest.mark.parametrize(
    ("a", "b", "fit"),
    [
        ("Sergey Lavrov", "Sergei Lavrov", 2),  # transliteration variants of one given name
        ("Dmitry Peskov", "Dmitri Peskov", 2),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", 2),  # and of one surname
        ("Lavrov", "Sergey Lavrov", 1),  # a surname alone fits, less surely
        ("D. Trump", "Donald Trump", 2),  # an initial
        ("Donald Trump", "Ivanka Trump", 0),  # another given name: another person
        ("Ivana Trump", "Ivanka Trump", 0),  # a near spelling that sounds different
        ("Bill Clinton", "Hillary Clinton", 0),
        ("Bob Hanley", "Robert Hanley", 2),  # a nickname
        ("Bill Clinton", "William Clinton", 2),
        ("Alexey Navalny", "Aleksei Navalny", 2),  # the same sound spelt two ways
        ("George H.W. Bush", "George W. Bush", 0),  # other middle initials: father and son
        ("Donald J. Trump", "Donald John Trump", 2),
        ("Donald Trump", "Ronald Trump", 0),
        ("George Bush", "George Bash", 0),
        ("Donald Trump Jr.", "Donald Trump", 0),  # a suffix makes another person
        ("Sergey Lavrov", "Sergey Ryabkov", 0),
    ],
)
def test_person_names_fit_when_surnames_match_and_given_names_agree(a, b, fit):
    assert compatible(PersonName.parse(a), PersonName.parse(b)) == fit
    assert compatible(PersonName.parse(b), PersonName.parse(a)) == fit


@pytest.mark.parametrize(
    ("form", "name", "kind", "titles", "is_name"),
    [
        ("Trump", "Donald Trump", "PERSON", (), True),
        ("Mr. Trump", "Donald Trump", "PERSON", (), True),
        ("Donald J. Trump", "Donald Trump", "PERSON", (), True),
        ("Secretary of State Hillary Clinton", "Hillary Clinton", "PERSON", ("Secretary of State",), True),
        ("Ivanka Trump", "Ivana Trump", "PERSON", (), False),  # a namesake
        ("The Trump campaign", "Donald Trump", "PERSON", (), False),
        ("A spokeswoman for Hillary Clinton", "Hillary Clinton", "PERSON", (), False),
        ("What Mr. Obama", "Barack Obama", "PERSON", (), False),  # a sentence's first word
        ("Partnership. Republican nominee Donald Trump", "Donald Trump", "PERSON", (), False),
        ("the EU", "European Union", "ORG", (), True),
        ('">Sanders', "Bernie Sanders", "PERSON", (), False),  # markup left in a scraped page
        ("Clinton supporters", "Hillary Clinton", "PERSON", (), False),
    ],
)
def test_aliases_are_names_not_descriptions(form, name, kind, titles, is_name):
    assert is_name_form(form, name, kind, titles) is is_name


def test_descriptions_and_the_names_inside_them():
    assert is_description("the top diplomat") and is_description("The former secretary of state")
    assert not is_description("The Trump campaign") and not is_description("Lavrov")
    assert proper_runs("A spokeswoman for Hillary Clinton") == ["Hillary Clinton"]
    assert proper_runs("Donald Trump’s presidential campaign") == ["Donald Trump"]
    assert proper_runs("the spokesman") == []


def test_transliterated_surnames_share_a_lookup_key():
    assert surname_key("Sergey Lavrov") == surname_key("Sergei Lavroff") == surname_key("Lavrov")
    assert surname_key("Zelensky") == surname_key("Zelenskyy") == surname_key("Zelenskiy")


def test_organisations_are_also_filed_by_their_initials():
    assert initials_key("European Union", "ORG") == initials_key("EU", None) == "i:eu"
    assert initials_key("Donald Trump", "PERSON") is None
    assert initials_key("Lavrov", None) is None  # not written in capitals


@pytest.mark.parametrize(
    ("place", "government"),
    [
        ("Moscow", "Government of Russia"),
        ("Russia", "Government of Russia"),
        ("Washington", "Government of the United States"),
        ("U.S.", "Government of the United States"),
        ("Kyiv", "Government of Ukraine"),
        ("Beijing", "Government of China"),
        ("Brussels", "European Union"),
        ("Vladivostok", None),  # a city, not a capital: it speaks for nobody
        ("Lavrov", None),
    ],
)
def test_a_place_that_speaks_stands_for_its_government(place, government):
    assert government_of(place) == government


def test_places_are_known_and_surnames_are_not():
    assert is_place("Vladivostok") and is_place("Moscow")
    assert not is_place("Lavrov") and not is_place("Peskov")
