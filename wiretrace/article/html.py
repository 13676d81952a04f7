"""HTML pages: trafilatura finds the article; wiretrace maps it back onto the page.

trafilatura returns the main text with whitespace tidied and entities decoded,
so its characters are not a slice of the page. ``visible_text`` lists the
page's visible characters with the offset of each in the HTML; every line of
trafilatura's text is then found in that list, which gives each body character
its offset in the original HTML.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

import trafilatura

from wiretrace.errors import NotAnArticle
from wiretrace.records import Run

_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|noscript|template|svg|head)\b[^>]*>.*?(?:</\1\s*>|$)|<[^>]*>?"
    r"|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?",
    re.S | re.I,
)

# Tags inside a line of text: they separate no words ("<b>W</b>ashington").
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|sup|sub|small|abbr|time|font|mark|q|cite|code|s|del|ins)\b", re.I
)


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found, before mapping."""

    text: str
    title: str | None
    date: str | None
    author: str | None
    sitename: str | None
    language: str | None


def extract(page: str, url: str | None) -> Extracted:
    """Main text and metadata of an HTML page."""
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except (ValueError, RecursionError, MemoryError) as error:
        raise NotAnArticle(f"HTML could not be parsed ({type(error).__name__})") from None
    if document is None or not (document.text or "").strip():
        raise NotAnArticle("no article text found in the HTML page")
    return Extracted(
        text=document.text,
        title=document.title or None,
        date=document.date or None,
        author=document.author or None,
        sitename=document.sitename or None,
        language=document.language or None,
    )


def visible_text(page: str) -> tuple[str, list[int]]:
    """The page's visible text, whitespace collapsed, with each character's HTML offset."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    space_offset = 0

    def emit(text: str, offset: int, per_char: bool) -> None:
        nonlocal pending_space, space_offset
        for index, char in enumerate(text):
            where = offset + index if per_char else offset
            if char.isspace():
                if not pending_space:
                    space_offset = where
                pending_space = True
                continue
            if pending_space and chars:
                chars.append(" ")
                offsets.append(space_offset)
            pending_space = False
            chars.append(char)
            offsets.append(where)

    position = 0
    for match in _TOKEN.finditer(page):
        emit(page[position : match.start()], position, True)
        token = match.group()
        if token.startswith("&"):
            emit(htmllib.unescape(token), match.start(), False)
        elif not pending_space and not _INLINE_TAG.match(token):
            pending_space, space_offset = True, match.start()
        position = match.end()
    emit(page[position:], position, True)
    return "".join(chars), offsets


def align(body_lines: list[str], page: str) -> tuple[str, tuple[Run, ...], list[tuple[int, int]]]:
    """Build the body from trafilatura's lines and map it onto the page.

    Returns the body, its runs, and the stretches of visible text (as HTML
    offsets) that the body did not use.
    """
    stream, offsets = visible_text(page)
    body_parts: list[str] = []
    runs: list[Run] = []
    used: list[tuple[int, int]] = []  # stream index ranges the body covers
    cursor = 0
    body_length = 0
    for raw_line in body_lines:
        line = " ".join(raw_line.split())
        if not line:
            continue
        if body_parts:
            body_parts.append("\n")
            body_length += 1
        found = stream.find(line, cursor)
        if found < 0:
            found = stream.find(line)
        if found >= 0:
            _add_runs(runs, body_length, offsets[found : found + len(line)])
            used.append((found, found + len(line)))
            cursor = found + len(line)
        else:
            cursor = _align_words(line, stream, offsets, cursor, body_length, runs, used)
        body_parts.append(line)
        body_length += len(line)
    unused = _unused(stream, offsets, used)
    return "".join(body_parts), tuple(runs), unused


def _align_words(
    line: str,
    stream: str,
    offsets: list[int],
    cursor: int,
    body_start: int,
    runs: list[Run],
    used: list[tuple[int, int]],
) -> int:
    """Map a line that is not verbatim on the page word by word."""
    for word in re.finditer(r"\S+", line):
        found = stream.find(word.group(), cursor, cursor + 2000)
        if found < 0:
            continue
        _add_runs(runs, body_start + word.start(), offsets[found : found + len(word.group())])
        used.append((found, found + len(word.group())))
        cursor = found + len(word.group())
    return cursor


def _add_runs(runs: list[Run], body_start: int, sources: list[int]) -> None:
    """Append runs for consecutive body characters at the given source offsets."""
    for index, source in enumerate(sources):
        body_offset = body_start + index
        if runs:
            last = runs[-1]
            if last.body_start + last.length == body_offset and last.source_start + last.length == source:
                runs[-1] = Run(last.body_start, last.source_start, last.length + 1)
                continue
        runs.append(Run(body_offset, source, 1))


def _unused(stream: str, offsets: list[int], used: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Visible text the body left out, as HTML offset ranges of at least one word."""
    gaps = []
    position = 0
    for start, end in sorted(used):
        if start > position:
            gaps.append((position, start))
        position = max(position, end)
    if position < len(stream):
        gaps.append((position, len(stream)))
    return [
        (offsets[start], offsets[end - 1] + 1) for start, end in gaps if re.search(r"\w", stream[start:end])
    ]
