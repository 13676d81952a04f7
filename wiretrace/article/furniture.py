"""What page furniture looks like in scraped text.

Scrapers that save a page as text keep its navigation, prompts and teasers as
lines of their own. Each pattern below matches a whole line (after bullets and
spaces are stripped), case-insensitively, and is named by the reason recorded
when the line is cut. Patterns match the *form* of furniture (a short
imperative prompt, a label followed by a teaser) rather than any one site.
"""

from __future__ import annotations

import re

# A line this long is prose even if it starts like a prompt ("Subscribe..." as
# the first word of a real sentence); only teaser labels are exempt.
MAX_FURNITURE_WORDS = 30

_BULLET = re.compile(r"^[\s•·▪►▶■□◦‣⁃*>|»–—-]+")


def _patterns(*sources: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{s})" for s in sources), re.I)


_TEASER_LABELS = (
    r"also read|related|related articles?|related stories|related news|recommended|"
    r"recommended for you|more from [\w .'-]{1,40}|more stories|more news|more information|"
    r"you (?:may|might) also like|most (?:read|popular|viewed)|trending(?: now)?|editor'?s picks?|"
    r"latest(?: news| stories)?|top stories|in other news|further reading|what to read next"
)


FURNITURE: dict[str, re.Pattern[str]] = {
    "navigation": _patterns(
        r"(?:go|back|return|skip) to (?:the )?(?:home ?page|top|main content|content|navigation|menu)\b.*",
        r"back to top(?: button)?(?:\s+\S.*)?",
        r"(?:home|menu|search|close|clear|sign in|log ?in|log ?out|register|subscribe|print|email|share|"
        r"toggle navigation|main menu|next|previous|more|top stories|latest news|sections?)",
        r"(?:home|news|world|politics|business|opinion)(?:\s*[>/|»]\s*[\w&' -]+){1,5}",  # breadcrumbs
        r"(?:skip|jump) to .{0,40}",
        r"(?:accept|reject|manage) (?:all )?cookies?.{0,80}",
        r"(?:this|our) (?:site|website) uses cookies.{0,200}",
    ),
    "redirect notice": _patterns(
        r"you (?:will|are being|'ll) (?:shortly |soon |now |automatically )?(?:be )?re-?directed.{0,120}",
        r"(?:click|tap) here if (?:you are|you're) not (?:automatically )?re-?directed.{0,80}",
        r"re-?directing(?: you)?(?: to)?.{0,80}",
    ),
    "newsletter or subscription prompt": _patterns(
        r"(?:sign up|subscribe|register|join) (?:now |today |here |free )?(?:for|to) (?:our|the|a|free)\b.{0,160}",
        r"subscribe (?:now|today|here)\b.{0,160}",
        r"get (?:a|our|the) (?:daily|weekly|free) .{0,200}(?:email|newsletter|inbox|briefing).{0,160}",
        r".{0,80}\b(?:newsletter|daily email|in your inbox)\b.{0,120}",
        r"discover more from .{1,80}",
        r"continue reading(?: the (?:full )?(?:article|story))?\W*",
        r"(?:keep|read the full|read the rest of this) (?:reading|article|story)\b.{0,80}",
        r"already (?:a subscriber|have an account)\b.{0,80}",
        r"(?:get|gain) (?:full |unlimited )?access to .{0,120}",
        r".{0,40}\bto (?:keep|continue) reading\b.{0,120}",
        r"publish (?:your )?news (?:of|about) your .{0,200}",
        r".{0,120}\bsubmit(?:ting)? (?:a |your )?(?:news|press) release\b.{0,120}",
        r"(?:support|donate to) (?:our|independent) journalism.{0,120}",
    ),
    "teaser": _patterns(
        r"(?:read|see|watch|listen) (?:more|also|next)\s*[:|»>-].{0,200}",
        # a teaser label, alone or followed by a separator and the teaser
        rf"(?:{_TEASER_LABELS})\W*",
        rf"(?:{_TEASER_LABELS})\s*[:|»>]\s*.{{0,200}}",
        # "More InformationDUBLIN, Ireland: ..." where a label ran into a teaser
        r"more information(?=(?-i:[A-Z])).{0,200}",
    ),
    "comments prompt": _patterns(
        r"leave a (?:reply|comment)\W*",
        r"(?:post|add|write) a comment\W*",
        r"\d* ?comments?\W*",
        r"your email address will not be published.{0,200}",
        r"(?:cancel reply|show comments|view comments|join the (?:conversation|discussion)).{0,40}",
    ),
    "category or tags": _patterns(
        r"(?:categori[sz]ed|filed|posted) (?:as|under|in)\b.{0,120}",
        r"(?:tags?|topics?|categories|category|keywords)\s*:.{0,200}",
    ),
    "sharing prompt": _patterns(
        r"share (?:this|on|via|the)\b.{0,80}",
        r"(?:follow|like) us on .{0,120}",
        r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|print|copy link)"
        r"(?:[\s,|/]+(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|print|copy link))+\W*",
        r"for more\s*:.{0,200}",
        r".{0,80}\bfor social networking\b.{0,120}",
    ),
    "copyright notice": _patterns(
        r"(?:©|\(c\)|copyright)\s*.{0,160}",
        r".{0,80}\ball rights reserved\b.{0,80}",
    ),
    "advertisement": _patterns(
        r"advertisement\W*",
        r"sponsored(?: content| links?)?\W*",
        r"ad\W*",
        r"story continues below(?: advertisement)?\W*",
    ),
}


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


# Every pattern in one, tried in FURNITURE's order: one match per line instead of eight.
_REASONS = list(FURNITURE)
_ANY_FURNITURE = re.compile(
    "|".join(f"(?P<r{i}>{p.pattern})" for i, p in enumerate(FURNITURE.values())), re.I
)


def furniture_reason(line: str, stripped: bool = False) -> str | None:
    """Why a whole line is page furniture, or None if it is not (``stripped``: bullets already gone)."""
    text = line if stripped else strip_bullet(line)
    if not text:
        return None
    if len(text.split()) > MAX_FURNITURE_WORDS:
        return "teaser" if FURNITURE["teaser"].fullmatch(text) else None
    found = _ANY_FURNITURE.fullmatch(text)
    return _REASONS[int(found.lastgroup[1:])] if found else None


# Interior lines cut even in the middle of an article: labels that introduce a
# link to another story, which no article sentence starts with.
_INTERIOR = _patterns(
    r"(?:read|see|watch|listen) (?:more|also|next)\s*[:|»>-].{0,200}",
    r"(?:also read|related|related articles?|related stories|recommended|more information|further reading)"
    r"\s*[:|»>-].{0,200}",
    r"related articles?|related stories|advertisement|story continues below(?: advertisement)?",
)


def interior_furniture_reason(line: str) -> str | None:
    """Why a line inside an article body is furniture, or None."""
    text = strip_bullet(line)
    if _INTERIOR.fullmatch(text):
        return furniture_reason(line) or "teaser"
    return None


# Patterns naming the site a page was saved from, as its own prompts say it
# ("Discover more from Elrisala", "Get a daily dose of X news"). The name is a
# run of capitalised words.
_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"  # a capitalised word; a dot only inside ("RT.com")
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:of|the|and|&)?\s*{_WORD}){{0,4}})"
SELF_REFERENCES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"[Dd]iscover more from {_NAME}",
        rf"[Dd]aily dose of {_NAME} news",
        rf"news release to {_NAME}",
        rf"(?:[Ff]or more|[Vv]isit|[Ff]ollow)\s*:?\s*{_NAME} (?:website|on)",
        rf"(?:[Ss]ubscribe|[Ss]ign up) to (?:the )?{_NAME} (?:newsletter|daily|weekly)",
        rf"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{{4}}\s*[-–]?\s*\d{{0,4}}\s*)?{_NAME}",
        rf"{_NAME}\.?\s+[Aa]ll rights reserved",
    )
)
