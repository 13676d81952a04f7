"""Names as keys: normalised forms, lookup keys, and whether two person names can be one.

Transliteration goes through anyascii ("Сергей Лавров" → "Sergei Lavrov"); spelling
variants of one transliteration ("Sergey"/"Sergei", "Zelensky"/"Zelenskyy") are
compared with jellyfish's Jaro-Winkler similarity, and surnames are filed under
their Metaphone code so that variants meet under one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jellyfish
from anyascii import anyascii

# Surname variants of one transliteration score above this (Lavrov/Lavrov 1.0,
# Zelensky/Zelenskyy 0.98); different surnames sharing a sound key stay below
# (Bush/Bash 0.85).
SURNAME_SIMILARITY = 0.9
# Given names: Sergey/Sergei 0.93, Dmitry/Dmitri 0.92; Donald/Ronald 0.89 is the
# kind of pair this must refuse, so a first letter must also agree.
GIVEN_SIMILARITY = 0.85
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they", "we", "i", "you", "them", "us"})

_POSSESSIVE = re.compile(r"['’]s$")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def normalise(name: str) -> str:
    """A name as a key: ASCII, lower case, no possessive, no punctuation ("U.S." → "us")."""
    text = anyascii(name).strip()
    text = _POSSESSIVE.sub("", text).lower().replace(".", "")
    text = _NOT_WORD.sub(" ", text.replace("-", " "))
    text = re.sub(r"^the ", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class PersonName:
    """A person's name split for comparison: given names, surname, suffix (all normalised)."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""

    @classmethod
    def parse(cls, name: str) -> PersonName:
        words = normalise(name).split()
        suffix = ""
        if len(words) > 1 and words[-1] in SUFFIXES:
            suffix = words.pop()
        if not words:
            return cls((), "", suffix)
        return cls(tuple(words[:-1]), words[-1], suffix)


def sound(word: str) -> str:
    """The Metaphone code a surname is filed under (Lavrov and Lavroff are both LFRF)."""
    return jellyfish.metaphone(word) or word


def alias_key(name: str) -> str:
    return "a:" + normalise(name)


def surname_keys(name: str) -> list[str]:
    """The keys a person is filed under by surname: its Metaphone and its NYSIIS code.

    Two codes because each misses variants the other catches: Metaphone joins
    Lavrov/Lavroff (NYSIIS does not), NYSIIS joins Brandvold/Brandvoldt.
    """
    surname = PersonName.parse(name).surname
    if not surname:
        return []
    return ["s:" + sound(surname), "n:" + (jellyfish.nysiis(surname) or surname)]


def surname_key(name: str) -> str | None:
    keys = surname_keys(name)
    return keys[0] if keys else None


def surnames_match(a: str, b: str) -> bool:
    return a == b or jellyfish.jaro_winkler_similarity(a, b) >= SURNAME_SIMILARITY


def given_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """Whether the given names agree: True, False, or None where one side has none."""
    if not a or not b:
        return None
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:  # an initial: "D. Trump"
        return first_a[0] == first_b[0]
    return first_a[0] == first_b[0] and (
        first_a == first_b or jellyfish.jaro_winkler_similarity(first_a, first_b) >= GIVEN_SIMILARITY
    )


def compatible(a: PersonName, b: PersonName) -> int:
    """How well two person names fit as one person: 0 not at all, 1 surname only, 2 full names."""
    if not a.surname or not b.surname or not surnames_match(a.surname, b.surname):
        return 0
    if a.suffix != b.suffix and a.given and b.given:
        return 0
    given = given_match(a.given, b.given)
    if given is False:
        return 0
    return 2 if given else 1


def is_pronoun(name: str) -> bool:
    return normalise(name) in PRONOUNS


_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "de"})


def initials_key(name: str, kind: str | None) -> str | None:
    """The key an organisation is also filed under by its initials ("European Union" → "i:eu"),
    and that a lone word in capitals looks up ("EU")."""
    words = anyascii(name).split()
    if kind == "ORG" and len(words) > 1:
        letters = [word[0].lower() for word in words if word.lower() not in _MINOR and word[:1].isalpha()]
        return "i:" + "".join(letters) if len(letters) > 1 else None
    if len(words) == 1 and words[0].replace(".", "").isupper() and 2 <= len(words[0].replace(".", "")) <= 6:
        return "i:" + normalise(name)
    return None
