"""Names as keys: normalised forms, lookup keys, and whether two person names can be one.

Transliteration goes through anyascii ("Сергей Лавров" → "Sergei Lavrov"); spelling
variants of one transliteration ("Sergey"/"Sergei", "Zelensky"/"Zelenskyy") are
compared with jellyfish's Jaro-Winkler similarity, and surnames are filed under
their Metaphone code so that variants meet under one key. Given names are one
name when they sound the same (Metaphone: Sergey/Sergei, Dmitry/Dmitri) or one
is a nickname of the other (the curated table of the ``nicknames`` package:
Bob/Robert, Bill/William); near spellings that sound different stay two people
(Ivana/Ivanka, Donald/Ronald).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jellyfish
from anyascii import anyascii

# Surname variants of one transliteration score above this (Lavrov/Lavrov 1.0,
# Zelensky/Zelenskyy 0.98); different surnames sharing a sound key stay below
# (Bush/Bash 0.85).
SURNAME_SIMILARITY = 0.9
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
    return first_a == first_b or sound(first_a) == sound(first_b) or is_nickname(first_a, first_b)


@cache
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@cache
def given_names() -> frozenset[str]:
    """English given names and their nicknames, lower case."""
    namer = _nicknamer()
    return frozenset(namer.nickname_lookup) | frozenset(namer.canonical_lookup)


def is_nickname(a: str, b: str) -> bool:
    """Whether one given name is a common nickname of the other (Bob and Robert)."""
    namer = _nicknamer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)


def middle_initials_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """George H.W. Bush is not George W. Bush: middle initials, where both have them, agree."""
    if len(a) < 2 or len(b) < 2 or len(a[1]) > 2 or len(b[1]) > 2:
        return True
    return a[1][0] == b[1][0]


def compatible(a: PersonName, b: PersonName) -> int:
    """How well two person names fit as one person: 0 not at all, 1 surname only, 2 full names."""
    if not a.surname or not b.surname or not surnames_match(a.surname, b.surname):
        return 0
    if a.suffix != b.suffix and a.given and b.given:
        return 0
    given = given_match(a.given, b.given)
    if given is False or not middle_initials_agree(a.given, b.given):
        return 0
    return 2 if given else 1


# Lower-case words a name may hold: "Secretary of State", "Charles de Gaulle".
PARTICLES = frozenset(
    {"of", "de", "da", "di", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "y"}
)
_DOTTED = re.compile(r"^[A-Z][a-z]{0,3}\.$")  # Mr., Mrs., Sen., J.


# A sentence ends inside a text: a word of four letters or more, a full stop, more text
# (abbreviations such as "Sen." and "Mrs." are shorter).
_SENTENCE_BREAK = re.compile(r"[a-z]{4,}\.\s+\S")


def one_phrase(text: str) -> bool:
    """No clause or sentence break inside: "Trans-Pacific Partnership. Republican nominee" is two."""
    return not any(mark in text for mark in ',;:()"“”') and not _SENTENCE_BREAK.search(text)


def bounded(name: str) -> str | None:
    """A name as far as it goes: stray marks before it and a sentence run on after it
    dropped ("Hillary Clinton. Clinton" → "Hillary Clinton", '">Sanders' → "Sanders");
    None where what is left does not start with a capital ("referenda", "@handle")."""
    name = name.lstrip("\"'“‘>«([ ")
    broken = _SENTENCE_BREAK.search(name)
    if broken:
        name = name[: broken.start() + len(broken.group(0).split(".")[0])]
    if not name[:1].isupper() or not normalise(name):
        return None
    return name


def name_words(form: str) -> list[str] | None:
    """The words of a form written as a name, else None.

    A name is capitalised words (particles aside) in one sentence, not opening
    with a function word: "Mr. Trump" and "Secretary of State Hillary Clinton"
    are names; "The Trump campaign", "a spokeswoman for Hillary Clinton" and
    "What Mr. Obama" are descriptions or stray text.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = form.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or words[0].lower() in STOP_WORDS:
        return None
    for word in words:
        bare = _POSSESSIVE.sub("", word)
        if word in PARTICLES:
            continue
        if not bare[:1].isupper() or any(mark in bare for mark in ',;:()"“”'):
            return None
        if bare.endswith(".") and not _DOTTED.match(bare) and not bare.replace(".", "").isupper():
            return None  # a sentence ends inside the form
    return words


def is_name_form(form: str, name: str, kind: str | None, titles: tuple[str, ...] = ()) -> bool:
    """Whether ``form`` is a name of the entity called ``name``: the name itself, a titled
    form ("President Vladimir Putin", with ``titles`` the roles its article gives it), a
    surname, initials, a spelling; never a description or another person's name."""
    if not form[:1].isalnum():
        return False  # markup or quotation marks around a name ('">Sanders')
    if normalise(form) == normalise(name):
        return True
    words = name_words(form)
    if words is None:
        return False
    if kind != "PERSON":
        return True
    title_words = {word for title in titles for word in title.split()}
    while len(words) > 1 and (words[0] in title_words or _DOTTED.match(words[0]) and len(words[0]) > 2):
        words = words[1:]
    return compatible(PersonName.parse(" ".join(words)), PersonName.parse(name)) > 0


_ARTICLES = frozenset({"the", "a", "an"})
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:\s+(?:(?:of|de|van|von)\s+)?[A-Z][\w'’.\-]*)*")


def proper_runs(text: str) -> list[str]:
    """The runs of capitalised words in a phrase, possessives off, a capitalised function
    word at its start left out: "A spokeswoman for Hillary Clinton" → ["Hillary Clinton"]."""
    from spacy.lang.en.stop_words import STOP_WORDS

    runs = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in STOP_WORDS:
            words = words[1:]
        run = _POSSESSIVE.sub("", " ".join(words)).rstrip(".")
        if run:
            runs.append(run)
    return runs


def is_description(form: str) -> bool:
    """A common-noun phrase naming no one: "the top diplomat", "the president"."""
    words = form.split()
    return (
        len(words) > 1
        and words[0].lower() in _ARTICLES
        and all(word[:1].islower() and word.isalpha() for word in words[1:])
    )


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
