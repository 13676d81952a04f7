"""Who published a page, and whom it credits as the original publisher.

Credits come in a few written forms: reprint notices ("This post was
originally published on RT"), source lines ("Source: Reuters", "Source of
information and images “economictimes.indiatimes”"), a lone parenthesised
name closing the article ("(RT.com)"), wire datelines ("NEW YORK (AP) —"),
wire bylines ("By The Associated Press") and hat tips ("h/t: The Hill").
Each recogniser returns the name as written; the registry resolves it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from wiretrace.article.furniture import SELF_REFERENCES, strip_bullet
from wiretrace.registry import Registry, tidy_name

# An outlet name as credits write it: a few words or a domain, no sentence.
MAX_NAME_WORDS = 6

_CREDIT_LINES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"(?:this (?:post|article|story|piece|report|item) )?(?:was |is )?(?:originally|first) "
        r"(?:published|appeared|posted|ran|reported) (?:on|in|at|by) (?P<name>.+?)\W*",
        r"(?:this (?:post|article|story|piece) )?(?:was |is )?(?:re)?(?:published|printed|posted) "
        r"(?:here )?(?:with (?:the )?permission )?(?:from|of|courtesy of) (?P<name>.+?)\W*",
        r"source(?:s)?(?: of (?:the )?(?:information|images|news|article|story|text)"
        r"(?: and (?:images|photos|pictures))?)?\s*[:\-–]?\s*(?P<name>.+?)\W*",
        r"(?:h/t|hat tip|ht)\s*[:\-]\s*(?P<name>.+?)\W*",
        r"courtesy(?: of)?\s*[:\-]?\s*(?P<name>.+?)\W*",
        r"\((?P<name>[^()]{2,40})\)",
    )
)

_BYLINE = re.compile(r"by\s+(?P<name>[^\n]{2,80}?)\W*", re.I)
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][\w.’'-]*(?:[ ,]+[A-Z][\w.’'-]*){0,5}\s*,?\s*)?(?:\w+\.? \d{1,2},?\s*)?"
    r"\((?P<name>[^()\n]{2,30})\)\s*[—–―-]+"
)
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.I)
# Parenthesised notes that are not outlets: "(Reporting by ...)", "(Photo: ...)".
_NOT_A_NAME = re.compile(
    r"^(?:reporting|writing|editing|edited|additional|photo|photos|video|file|updated|update|"
    r"audio|graphic|image|images|cartoon|advertisement|ad|sponsored|opinion|analysis|editor|"
    r"translated|compiled|with|and|or|by|see|read|click|via)\b",
    re.I,
)


# How each of _CREDIT_LINES may start: a line starting otherwise is tried against none.
_CREDIT_START = re.compile(
    r"this|was|is|originally|first|re|published|printed|posted|source|h/t|hat|ht|courtesy|\(", re.I
)


def credit_in_line(line: str, stripped: bool = False) -> str | None:
    """The outlet a whole line credits, as written, or None (``stripped``: bullets already gone)."""
    text = line if stripped else strip_bullet(line)
    if not _CREDIT_START.match(text):
        return None
    for pattern in _CREDIT_LINES:
        match = pattern.fullmatch(text)
        if match:
            name = _clean(match.group("name"))
            if name and looks_like_name(name):
                return name
    return None


def byline(line: str, stripped: bool = False) -> str | None:
    """The author(s) a byline names ('By Jane Doe'), or None (``stripped``: bullets already gone)."""
    match = _BYLINE.fullmatch(line if stripped else strip_bullet(line))
    if match and len(match.group("name").split()) <= 8:
        return match.group("name").strip()
    return None


def wire_dateline(paragraph: str, registry: Registry) -> str | None:
    """The agency a dateline credits ('WASHINGTON (AFP) –'), if the registry knows it."""
    match = _WIRE_DATELINE.match(paragraph)
    if not match:
        return None
    name = match.group("name").strip()
    return name if registry.lookup(name) else None


# Wires' recurring formats that name no agency: each pattern with the wire it signs.
# Reuters closes its copy with "(Reporting by …; Editing by …)"; the AP's daily
# "10 Things to Know" opens with one fixed sentence.
WIRE_FORMATS = (
    (
        re.compile(
            r"\((?:Additional )?Reporting by [^()\n]{2,300}?;[^()\n]{0,300}?Editing by [^()\n]{2,200}\)", re.I
        ),
        "Reuters",
    ),
    (
        re.compile(
            r"^Your daily look at late-breaking news, upcoming events and the stories that will be talked "
            r"about today",
            re.M,
        ),
        "Associated Press",
    ),
)


def wire_format(text: str) -> tuple[str, int, int] | None:
    """The wire whose recurring format the text shows, with the span that shows it."""
    for pattern, wire in WIRE_FORMATS:
        match = pattern.search(text)
        if match:
            return wire, match.start(), match.end()
    return None


def first_wire_dateline(body: str, registry: Registry, paragraphs: int = 3) -> tuple[str, int, int] | None:
    """A wire dateline opening one of the first paragraphs (a title left in the body comes
    before it): the agency as written and the body span from the paragraph start to it."""
    start = 0
    for _ in range(paragraphs):
        while start < len(body) and body[start] == "\n":
            start += 1
        end = body.find("\n", start)
        paragraph = body[start : end if end >= 0 else len(body)]
        name = wire_dateline(paragraph, registry)
        if name:
            return name, start, start + paragraph.index(name) + len(name) + 1
        if end < 0:
            return None
        start = end
    return None


def looks_like_name(text: str) -> bool:
    """A credit names an outlet: a domain, or a few words most of them capitalised."""
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or _NOT_A_NAME.match(text):
        return False
    if _DOMAIN.fullmatch(text) or _DOMAIN.fullmatch(text + ".com"):
        return True
    capitalised = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(capitalised) >= max(1, len(words) // 2) and not text.endswith(("?", "!"))


def _clean(name: str) -> str:
    name = tidy_name(name)
    name = re.sub(r"\s+(?:website|web ?site|site|news ?site)$", "", name, flags=re.I)
    return name.strip("“”\"'‘’ ")


# Each of SELF_REFERENCES holds one of these words: a line with none is not tried.
SELF_REFERENCE_WORD = re.compile(
    r"discover|dose|release|more|visit|follow|subscribe|sign up|©|\(c\)|copyright|rights", re.I
)


def self_reference(lines: Iterable[str]) -> str | None:
    """The site a page's own prompts name most often ('Discover more from Elrisala')."""
    votes: Counter[str] = Counter()
    for line in filter(SELF_REFERENCE_WORD.search, lines):
        for pattern in SELF_REFERENCES:
            for match in pattern.finditer(line):
                name = _clean(match.group("name"))
                if name and looks_like_name(name):
                    votes[name] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def is_outlet_line(line: str, registry: Registry, stripped: bool = False) -> bool:
    """A line that is nothing but an outlet's name or domain ('RT.com'); ``stripped``: bullets already gone."""
    text = (line if stripped else strip_bullet(line)).strip(" .|")
    if not text or len(text.split()) > 4:
        return False
    return bool(_DOMAIN.fullmatch(text)) or registry.lookup(text) is not None
