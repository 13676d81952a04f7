"""Quotation marks: where quoted passages open and close in an article body.

News conventions handled here, before any parsing:

- straight (``"``) and curly (``“ ”``, ``« »``, ``„``) double quotation marks;
  a straight mark opens or closes by the characters beside it;
- a quote running over several paragraphs opens a mark on every paragraph but
  closes only on the last: a paragraph that ends inside a quote continues it
  when the next paragraph opens with a mark;
- a mark that never closes is unbalanced: the passage is skipped and counted,
  never guessed at.

Single marks (``‘ ’``) are left alone: in body text they mostly quote inside a
quote or stand for apostrophes, which cannot be told apart without a parse.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
ALL_MARKS = OPENING | CLOSING | {STRAIGHT}

# The longest quoted passage taken as one statement. PolNeAR train's longest
# content span is about 6,800 characters (a multi-paragraph speech excerpt);
# three times that still fits any real quote, while a page whose marks are
# broken (one mark opening the rest of a book) is skipped and counted.
MAX_QUOTE_CHARS = 20_000

_MARK_OR_BREAK = re.compile('[\n"“”«»„]')
SKIP_UNBALANCED = "unbalanced quotation mark"
SKIP_TOO_LONG = f"quotation longer than {MAX_QUOTE_CHARS:,} characters"


@dataclass(frozen=True)
class Quote:
    """A quoted passage in the body, marks included: ``body[start:end]``."""

    start: int
    end: int

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _opens_straight(text: str, index: int) -> bool:
    """A straight mark opens when a space (or the start) is before it and a non-space after it."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def find_quotes(body: str, skipped: Counter[str] | None = None) -> list[Quote]:
    """The quoted passages of a body, in order; unbalanced and oversized ones are counted in ``skipped``."""
    skipped = skipped if skipped is not None else Counter()
    quotes: list[Quote] = []
    open_at: int | None = None
    depth = 0  # quotes opened inside the open one and not yet closed
    resume = 0  # marks before this offset were already read
    length = len(body)
    for match in _MARK_OR_BREAK.finditer(body):
        index = match.start()
        if index < resume:
            continue
        char = body[index]
        if char == "\n" and open_at is not None:
            # A paragraph ends inside a quote: it goes on only if the next paragraph opens a mark.
            following = _next_paragraph_start(body, index)
            if following < length and (
                body[following] in OPENING
                or (body[following] == STRAIGHT and _opens_straight(body, following))
            ):
                resume = following + 1
                continue
            skipped[SKIP_UNBALANCED] += 1
            open_at = None
            depth = 0
        elif char in OPENING or (
            open_at is None and (char == STRAIGHT or (char in CLOSING and _opens_paragraph(body, index)))
        ):
            if open_at is not None:
                depth += 1  # a quote inside the quote: “… what he calls “hell” than …”
            elif char == STRAIGHT and not _opens_straight(body, index):
                skipped[SKIP_UNBALANCED] += 1  # a straight mark that can only close, with nothing open
                open_at = None
            else:
                open_at = index
        elif (char in CLOSING or char == STRAIGHT) and open_at is not None and depth:
            depth -= 1
        elif (char in CLOSING or char == STRAIGHT) and open_at is not None:
            end = index + 1
            if end - open_at > MAX_QUOTE_CHARS:
                skipped[SKIP_TOO_LONG] += 1
            else:
                quotes.append(Quote(open_at, end))
            open_at = None
        elif char in CLOSING:
            skipped[SKIP_UNBALANCED] += 1
    if open_at is not None:
        skipped[SKIP_UNBALANCED] += 1
    return quotes


def _opens_paragraph(body: str, index: int) -> bool:
    """A closing mark at the start of a paragraph, before words, is a typo for an opening one."""
    start = body.rfind("\n", 0, index) + 1
    return not body[start:index].strip() and index + 1 < len(body) and not body[index + 1].isspace()


def _next_paragraph_start(body: str, newline: int) -> int:
    """The first non-space character after a line break."""
    index = newline
    while index < len(body) and body[index].isspace():
        index += 1
    return index


def inside_quotes(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that holds ``[start, end)``, if any."""
    for quote in quotes:
        if quote.contains(start, end):
            return quote
    return None
