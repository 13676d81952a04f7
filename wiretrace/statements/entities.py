"""Who is who inside one article: names, their roles, and what refers to them.

The catalogue is read from the body with patterns (no model): runs of
capitalised words, split into a role as written ("Russian Foreign Minister")
and a name ("Sergey Lavrov"). A speaker mention then resolves to one entry:

- a name or a surname ("Lavrov" → "Sergey Lavrov"; the longest name wins);
- a description whose nouns match a role ("the foreign minister", "the top
  diplomat", "the Kremlin spokesman");
- a pronoun, to the speaker the text was just talking about (the caller
  passes it in: the previous statement's speaker);
- otherwise nothing: the mention stays as written, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

# Words of a role or title as news writes them before a name. A run of
# capitalised words is split after the last of these: "Russian Foreign
# Minister Sergey Lavrov" → role "Russian Foreign Minister", name "Sergey Lavrov".
TITLE_WORDS = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson senator sen. rep. representative
    gov. governor chairman chairwoman chair commissioner director ceo chief deputy vice speaker ambassador
    mayor general gen. judge justice leader dr. mr. mrs. ms. prof. professor adviser advisor aide envoy
    premier chancellor pope candidate nominee attorney officer head manager analyst
    pollster economist strategist host anchor correspondent editor founder lt. col. adm. sgt. rev. sheikh
    foreign prime state defense defence interior finance trade press national security homeland former
    lawmaker congressman congresswoman delegate administrator councillor councilor councilman councilwoman""".split()
)
# Title words that qualify a title without being one ("Foreign Minister", "Trade
# Representative"): a run ends its role on one only where a title follows it or
# "of" precedes it ("Secretary of State"), so "North American Free Trade
# Agreement" is no role before a name "Agreement".
TITLE_MODIFIERS = frozenset(
    "foreign prime state defense defence interior finance trade press national security homeland former deputy vice".split()
)
# Words that make a capitalised run an organisation rather than a person.
ORGANISATION_WORDS = frozenset(
    """news times post journal party department ministry committee council union house commission bank
    service agency inc corp corporation company university institute center centre foundation association
    court senate congress pentagon kremlin administration government campaign office network media press
    group fund reuters tass ap afp upi bloomberg cnn bbc fox msnbc abc cbs nbc daily magazine organization
    organisation club forum league federation assembly caucus parliament agreement treaty accord""".split()
)
# Words that begin a sentence in capitals without being part of a name.
NOT_NAME_WORDS = frozenset(
    """the a an in on at after before but and or if when while as since for with by from to of this that
    these those it he she they we i you his her their our its there here then however meanwhile last next
    speaking according although though because during earlier later yet so also still asked said says
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)
# Descriptions that stand for a role ("the top diplomat" → a foreign minister).
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "diplomat": ("foreign minister", "secretary of state", "ambassador", "diplomat", "envoy"),
    "spokesman": ("spokesman", "spokeswoman", "spokesperson", "press secretary"),
    "spokeswoman": ("spokeswoman", "spokesman", "spokesperson", "press secretary"),
    "minister": ("minister",),
    "president": ("president",),
    "senator": ("senator", "sen."),
    "governor": ("governor", "gov."),
    "candidate": ("candidate", "nominee"),
    "nominee": ("nominee", "candidate"),
    "secretary": ("secretary",),
    "chancellor": ("chancellor",),
    "commissioner": ("commissioner",),
    "ambassador": ("ambassador",),
    "mayor": ("mayor",),
    "leader": ("leader",),
    "premier": ("premier", "prime minister"),
}
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "we", "i"})

_WORD = r"(?:[A-Z][\w'’.\-]*\w\.?|[A-Z]\.)"
_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:of[ \t]+|de[ \t]+|van[ \t]+|von[ \t]+|al-)?{_WORD})*")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class EntityEntry:
    """One entity of the article: its canonical name, what it is, where it is named."""

    name: str
    kind: str | None = None  # PERSON, ORG or None where the text does not say
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # body offsets

    @property
    def surname(self) -> str | None:
        parts = self.name.split()
        return parts[-1] if self.kind == "PERSON" and len(parts) > 1 else None


def _clean_words(words: list[str]) -> list[str]:
    """A run without the function words a sentence opens with ("Many Democrats", "Now Melania");
    a word in capitals ("US") and a title ("Former mayor") are kept."""
    while words and (words[0].lower() in NOT_NAME_WORDS or _opening_function_word(words[0])):
        words = words[1:]
    return words


def _opening_function_word(word: str) -> bool:
    lowered = word.lower()
    return word.istitle() and lowered in STOP_WORDS and lowered not in TITLE_WORDS


_ABBREVIATION = re.compile(
    r"^(?:[A-Z]\.)+$|^(?:[A-Z]\.){2,}|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|St|Jr|Sr|Prof|Adm)\.$"
)


def _one_sentence(words: list[str]) -> list[str]:
    """Cut a run of capitalised words where a sentence ends inside it ("Rosstat. Last")."""
    for index, word in enumerate(words[:-1]):
        if word.endswith(".") and not _ABBREVIATION.match(word):
            return words[: index + 1]
    return words


def _at_possessive(words: list[str]) -> list[list[str]]:
    """A run cut after each possessive: "Putin’s Russia" names Putin, then Russia."""
    parts, current = [], []
    for word in words:
        current.append(word)
        if _POSSESSIVE.search(word):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return [_clean_words(part) for part in parts if _clean_words(part)]


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """A run of capitalised words as (role words, name words)."""
    last_title = -1
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered in TITLE_MODIFIERS:
            following = words[index + 1].lower() if index + 1 < len(words) else ""
            after_of = index > 0 and words[index - 1] == "of"  # "Secretary of State"
            if following in TITLE_WORDS or after_of:
                last_title = index
        elif lowered in TITLE_WORDS:
            last_title = index
    if last_title == len(words) - 1:
        return words, []
    return words[: last_title + 1], words[last_title + 1 :]


def guess_kind(name_words: list[str], role_words: list[str], organisations: frozenset[str]) -> str | None:
    lowered = {word.lower().strip(".") for word in name_words}
    if " ".join(name_words) in organisations or lowered & ORGANISATION_WORDS:
        return "ORG"
    if role_words and any(word.lower() in TITLE_WORDS - TITLE_MODIFIERS for word in role_words):
        return "PERSON"
    return None


_TITLES = "|".join(re.escape(word) for word in sorted(TITLE_WORDS))
_ROLE_BEFORE = re.compile(rf"(?:^|(?<=\s))((?:(?:[A-Z][\w.’'-]*|{_TITLES})[ \t]+)*(?:{_TITLES})[ \t]+)$")


def _role_before(body: str, name_start: int) -> list[str]:
    """Role words written in lower case before a name: "Kremlin spokesman Dmitry Peskov"."""
    window = body[max(0, name_start - 80) : name_start]
    # The pattern ends with a title word and spaces (``$`` may stand before a final line
    # break): search only when the word just before the name is one. Most names follow
    # no title, and the search tries every offset of the window.
    ending = window.removesuffix("\n")
    before = ending.rstrip(" \t")
    words = before.split()
    if before == ending or not words or words[-1] not in TITLE_WORDS:
        return []
    match = _ROLE_BEFORE.search(window)
    if not match:
        return []
    words = _clean_words(match.group(1).split())
    return words


class Catalogue:
    """The entities named in one article body, and how mentions resolve to them."""

    def __init__(self, body: str, organisations: frozenset[str] = frozenset()) -> None:
        self.body = body
        self.organisations = organisations
        self.entries: dict[str, EntityEntry] = {}
        # entries by the last word of their name, for surname lookups (names never change)
        self._by_last_word: dict[str, list[EntityEntry]] = {}
        self._read(body)

    def _entry(self, name: str, kind: str | None) -> EntityEntry:
        """The entry of this exact name, made (and indexed) when new."""
        entry = self.entries.get(name)
        if entry is None:
            entry = self.entries[name] = EntityEntry(name, kind)
            self._by_last_word.setdefault(name.split()[-1], []).append(entry)
        return entry

    def _read(self, body: str) -> None:
        runs = []
        for match in _RUN.finditer(body):
            words = _one_sentence(match.group(0).split())
            lead = len(words) - len(_clean_words(words))
            words = words[lead:]
            if not words:
                continue
            offset = match.start() + sum(len(w) for w in match.group(0).split()[:lead])
            for part in _at_possessive(words):
                offset = body.index(part[0], offset)
                runs.append((offset, match.end(), part))
                offset += len(part[0])
        # Full names first, so a surname seen alone (even earlier) resolves to them.
        runs.sort(key=lambda run: len(split_role(run[2])[1]) < 2)
        for start, _end, words in runs:
            self._add_run(body, start, words)

    def _add_run(self, body: str, start: int, words: list[str]) -> None:
        role, name = split_role(words)
        if not name:
            return
        name_text = _POSSESSIVE.sub("", " ".join(name)).rstrip(".")
        if not name_text:
            return
        name_start = body.index(name[0], start) if role else start
        if not role:
            role = _role_before(body, name_start)
        else:  # lower-case title words before the run belong to its role: "the former US President"
            role = [word for word in _role_before(body, start) if word.islower()] + role
        kind = guess_kind(name, role, self.organisations)
        existing = self.lookup_name(name_text) if len(name) == 1 else self.entries.get(name_text)
        entry = existing or self._entry(name_text, kind)
        if entry.kind is None and kind is not None:
            entry.kind = kind
        if role:
            role_text = " ".join(role)
            if role_text not in entry.roles:
                entry.roles.append(role_text)
        entry.mentions.append((name_start, name_start + len(name_text)))

    # -- lookups -------------------------------------------------------------

    def lookup_name(self, text: str) -> EntityEntry | None:
        """The entry a proper name refers to: the exact name, else the longest person with that surname."""
        text = _POSSESSIVE.sub("", text.strip()).rstrip(".")
        if not text:
            return None
        if text in self.entries and (len(text.split()) > 1 or self.entries[text].kind != "PERSON"):
            exact = self.entries[text]
            longer = self._by_surname(text) if len(text.split()) == 1 else None
            return longer or exact
        if len(text.split()) == 1:
            return self._by_surname(text) or self.entries.get(text)
        surname_match = self._by_surname(text.split()[-1])
        if surname_match and surname_match.name.endswith(text):
            return surname_match
        return self.entries.get(text)

    def _by_surname(self, word: str) -> EntityEntry | None:
        found = [
            entry for entry in self._by_last_word.get(word, ()) if entry.kind != "ORG" and " " in entry.name
        ]
        return max(found, key=lambda entry: (len(entry.mentions), len(entry.name))) if found else None

    def lookup_role(self, nouns: list[str]) -> EntityEntry | None:
        """The one person whose role as written matches a description's nouns ("the top diplomat")."""
        wanted: list[str] = []
        role_nouns = set()
        for noun in nouns:
            lowered = noun.lower()
            if lowered in ROLE_SYNONYMS or lowered in TITLE_WORDS:
                wanted.extend(ROLE_SYNONYMS.get(lowered, (lowered,)))
                role_nouns.add(lowered)
        if not wanted:
            return None
        qualifiers = {noun.lower() for noun in nouns}
        found = []
        for entry in self.entries.values():
            roles = " ".join(entry.roles).lower()
            if entry.kind != "ORG" and any(phrase in roles for phrase in wanted):
                # "the Kremlin spokesman": every other word of the description must fit the role too
                extra = qualifiers - role_nouns - {"top", "former", "current"}
                if all(word in roles or word in entry.name.lower() for word in extra):
                    found.append(entry)
        if len(found) == 1:
            return found[0]
        return None

    def person_before(self, offset: int) -> EntityEntry | None:
        """The person named last before ``offset`` (what "he" or "she" most likely stands for)."""
        best: tuple[int, EntityEntry] | None = None
        for entry in self.entries.values():
            if entry.kind != "PERSON":
                continue
            starts = [start for start, _ in entry.mentions if start < offset]
            if starts and (best is None or max(starts) > best[0]):
                best = (max(starts), entry)
        return best[1] if best else None

    def add_mention(self, entry: EntityEntry, start: int, end: int) -> None:
        if (start, end) not in entry.mentions:
            entry.mentions.append((start, end))

    def ensure(self, name: str, kind: str | None, start: int, end: int) -> EntityEntry:
        """The entry for a name the catalogue missed (a speaker in lower case, say)."""
        entry = self.lookup_name(name) or self._entry(name, kind)
        self.add_mention(entry, start, end)
        return entry
