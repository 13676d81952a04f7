"""HTML pages: the visible text with its offsets, trafilatura's article, and the markup around each line.

``visible_text`` lists the page's visible characters with the offset of each
in the HTML, one line per block, a blank line around paragraphs (as
whole-page dumps write them), hidden elements left out; ``outline.py`` marks
the elements around each stretch of it. trafilatura returns the main text
with whitespace tidied and entities decoded, so its characters are not a
slice of the page: ``locate`` finds each of its lines in the visible text.
The article stage then reads the visible text line by line with the HTML line
model, trafilatura's coverage and the marks among each line's features
(``line_columns``), so every body character keeps its offset in the HTML.
"""

from __future__ import annotations

import bisect
import html as htmllib
import re
from dataclasses import dataclass, field

import numpy as np
import trafilatura

from wiretrace.article.lines import window_mean
from wiretrace.article.outline import KINDS, Outline
from wiretrace.errors import NotAnArticle
from wiretrace.records import Run

# A tag's inside: a quoted attribute value may hold ">" (JSON in data attributes
# does), so a quote after "=" runs to its closing quote, as browsers read it.
_TAG_INSIDE = r"""(?:[^>"'=]|=\s*"[^"]{0,65536}"|=\s*'[^']{0,65536}'|=|["'])*"""
_TOKEN = re.compile(
    rf"<!--.*?(?:-->|$)|<(script|style|noscript|template|svg|head)\b{_TAG_INSIDE}>.*?(?:</\1\s*>|$)"
    rf"|<{_TAG_INSIDE}>?|&(?:#\d{{1,7}}|#x[0-9a-f]{{1,6}}|[a-z][a-z0-9]{{1,31}});?",
    re.S | re.I,
)

_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w:-]*)")
# Tags inside a line of text: they separate no words ("<b>W</b>ashington").
_INLINE_NAMES = frozenset(
    "a b i u em strong span sup sub small abbr time font mark q cite code s del ins".split()
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


@dataclass(frozen=True)
class ReadPage:
    """An HTML page as the article stage reads it: its visible text, and trafilatura's opinion of it."""

    visible: VisibleText
    extracted: Extracted | None  # None when trafilatura finds no article
    chosen: tuple[tuple[int, int], ...]  # stretches of the visible text trafilatura's article covers

    def metadata(self, page: str) -> Extracted:
        """trafilatura's metadata, or the page's <title> alone when it found no article."""
        if self.extracted is not None:
            return self.extracted
        title = _TITLE.search(page)
        return Extracted(
            self.visible.text,
            htmllib.unescape(title.group(1)).strip() if title else None,
            None,
            None,
            None,
            None,
        )


def read(page: str, url: str | None) -> ReadPage:
    """The page's visible text and, where trafilatura finds an article, what of it that article covers.

    trafilatura fails on pages lxml cannot build (thousands of nested
    elements) and judges some pages empty; the visible text is still read.
    """
    visible = visible_text(page)
    if not visible.text.strip():
        raise NotAnArticle("no visible text in the HTML page")
    try:
        extracted = extract(page, url)
    except NotAnArticle:
        return ReadPage(visible, None, ())
    segments = locate(extracted.text.splitlines(), visible)[1]
    return ReadPage(visible, extracted, tuple((start, end) for _, start, end in segments))


_TITLE = re.compile(r"<title[^>]*>([^<]{1,500})</title>", re.I)


def extract(page: str, url: str | None) -> Extracted:
    """Main text and metadata of an HTML page."""
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            # trafilatura's own balance of precision and recall, tables included (its
            # defaults), but never the comments: on ../shared/eval/textdumps this beats
            # precision mode without tables by 0.008 F1 (docs/evaluation.md)
            include_comments=False,
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


@dataclass(frozen=True)
class VisibleText:
    """A page's visible text, whitespace collapsed, one line per visual block.

    ``pieces`` map it onto the HTML: (text_start, html_start, length) runs in
    which text characters are HTML characters one for one; a character decoded
    from an entity is a run of length one pointing at the entity.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    # for each kind of element of ``outline.KINDS``, the stretches of text inside one
    marks: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def runs(self, start: int, end: int, body_start: int) -> list[Run]:
        """Runs mapping body text (from ``body_start``) onto the HTML, for text[start:end]."""
        index = max(bisect.bisect_right(self._starts, start) - 1, 0)
        runs = []
        while index < len(self.pieces) and self.pieces[index][0] < end:
            text_start, html_start, length = self.pieces[index]
            lo, hi = max(start, text_start), min(end, text_start + length)
            if lo < hi:
                runs.append(Run(body_start + lo - start, html_start + lo - text_start, hi - lo))
            index += 1
        return runs

    def html_offset(self, position: int) -> int:
        """The HTML offset of a text position."""
        if not self.pieces:
            return 0
        index = max(bisect.bisect_right(self._starts, position) - 1, 0)
        text_start, html_start, length = self.pieces[index]
        return html_start + min(position - text_start, length)

    @property
    def _starts(self) -> list[int]:
        cached = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [piece[0] for piece in self.pieces]
            object.__setattr__(self, "_starts_cache", cached)
        return cached


# Tags that start a new visual block: the text on either side is on different lines.
_BLOCK_NAMES = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer nav aside main "
    "blockquote figure figcaption form dl dt dd pre hr title body".split()
)
# Blocks a browser sets apart with a margin: a blank line on either side, as
# whole-page dumps (html-text's) write them; the line model reads blank lines.
_PARAGRAPH_NAMES = frozenset("p ul ol dl h1 h2 h3 h4 h5 h6 blockquote figure pre title".split())


def visible_text(page: str) -> VisibleText:
    """The page's visible text with a map onto the HTML (linear in the page's size).

    Text inside hidden elements is left out: no reader sees it.
    """
    builder = _TextBuilder()
    elements = Outline()
    position = 0
    for match in _TOKEN.finditer(page):
        token = match.group()
        if not elements.hidden:
            builder.add_text(page, position, match.start())
        if token.startswith("&"):
            if not elements.hidden:
                builder.add_entity(htmllib.unescape(token), match.start())
        else:
            tag = _TAG_NAME.match(token)
            name = tag.group(2).lower() if tag else ""
            if tag and match.group(1) is None:  # not a whole <script>, <style>... element
                elements.tag(name, bool(tag.group(1)), token, builder.length)
            if name in _BLOCK_NAMES:
                builder.break_line(match.start(), paragraph=name in _PARAGRAPH_NAMES)
            elif name not in _INLINE_NAMES:
                builder.space(match.start())
        position = match.end()
    if not elements.hidden:
        builder.add_text(page, position, len(page))
    return VisibleText("".join(builder.parts), tuple(builder.pieces), elements.marks(builder.length))


class _TextBuilder:
    """Accumulates visible text and its pieces, collapsing whitespace as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []
        self.length = 0
        self.pending: str | None = None  # " ", "\n" or "\n\n" waiting for the next word
        self.pending_at = 0
        self.last_mergeable = False  # whether the last piece copies the HTML one for one

    def _emit(self, text: str, html_start: int, one_to_one: bool) -> None:
        if self.pending is not None and self.length:
            # a separator stands for a tag or a run of whitespace: a piece per character
            for char in self.pending:
                self._piece(char, self.pending_at, 1, mergeable=False)
        self.pending = None
        if one_to_one:
            self._piece(text, html_start, len(text))
        else:
            for char in text:
                self._piece(char, html_start, 1, mergeable=False)

    def _piece(self, text: str, html_start: int, length: int, mergeable: bool = True) -> None:
        if mergeable and self.last_mergeable and self.pieces:
            text_start, last_html, last_length = self.pieces[-1]
            if last_html + last_length == html_start:
                self.pieces[-1] = (text_start, last_html, last_length + length)
                self.parts.append(text)
                self.length += length
                return
        self.pieces.append((self.length, html_start, length))
        self.parts.append(text)
        self.length += length
        self.last_mergeable = mergeable

    def add_text(self, page: str, start: int, end: int) -> None:
        # a run of words with single plain spaces between them copies the page one for one
        for run in _WORD_RUN.finditer(page, start, end):
            if run.start() == start + 1 and page[start] == " " and self.pending is None and self.length:
                self._piece(" ", start, 1)  # so does a plain space between two runs
            elif run.start() > start:
                self.space(start)
            self._emit(run.group(), run.start(), True)
            start = run.end()
        if start < end:
            self.space(start)

    def add_entity(self, decoded: str, html_start: int) -> None:
        if decoded.isspace():
            self.space(html_start)
        else:
            self._emit(decoded, html_start, False)

    def space(self, html_start: int) -> None:
        if self.pending is None:
            self.pending, self.pending_at = " ", html_start

    def break_line(self, html_start: int, paragraph: bool = False) -> None:
        if paragraph and self.pending != "\n\n":
            self.pending, self.pending_at = "\n\n", html_start
        elif self.pending is None or self.pending == " ":
            self.pending, self.pending_at = "\n", html_start


_WORD = re.compile(r"\S+")
_WORD_RUN = re.compile(r"\S+(?: \S+)*")


# Where a stretch of a built body lies in the visible text: (body start, text start, text end).
Segment = tuple[int, int, int]


def locate(body_lines: list[str], visible: VisibleText) -> tuple[str, list[Segment]]:
    """Build a body from trafilatura's lines and find each stretch of it in the page's visible text."""
    flat = visible.text.replace("\n", " ")  # same length; lines may span blocks
    body_parts: list[str] = []
    segments: list[Segment] = []
    cursor = 0
    body_length = 0
    for raw_line in body_lines:
        line = " ".join(raw_line.split())
        if not line:
            continue
        if body_parts:
            body_parts.append("\n")
            body_length += 1
        found = flat.find(line, cursor)
        if found < 0:
            found = flat.find(line)
        if found >= 0:
            segments.append((body_length, found, found + len(line)))
            cursor = found + len(line)
        else:
            cursor = _locate_words(line, flat, cursor, body_length, segments)
        body_parts.append(line)
        body_length += len(line)
    return "".join(body_parts), segments


def _locate_words(line: str, flat: str, cursor: int, body_start: int, segments: list[Segment]) -> int:
    """Find a line that is not verbatim on the page word by word."""
    for word in _WORD.finditer(line):
        found = flat.find(word.group(), cursor, cursor + 2000)
        if found < 0:
            continue
        end = found + len(word.group())
        segments.append((body_start + word.start(), found, end))
        cursor = end
    return cursor


def segment_runs(visible: VisibleText, segments: list[Segment]) -> tuple[Run, ...]:
    """Runs from a located body onto the HTML."""
    return tuple(run for body, start, end in segments for run in visible.runs(start, end, body))


def unused(visible: VisibleText, segments: list[Segment]) -> list[tuple[int, int]]:
    """Visible text a located body left out, as HTML offset ranges of at least one word."""
    gaps = []
    position = 0
    for _, start, end in sorted(segments, key=lambda segment: segment[1]):
        if start > position:
            gaps.append((position, start))
        position = max(position, end)
    if position < len(visible.text):
        gaps.append((position, len(visible.text)))
    return [
        (visible.html_offset(start), visible.html_offset(end - 1) + 1)
        for start, end in gaps
        if re.search(r"\w", visible.text[start:end])
    ]


# What the HTML line model reads of each line besides its text: how much of it
# trafilatura's article covers, and how much of it lies inside each kind of
# element (``outline.KINDS``: links, asides, furniture-named containers...).
HTML_FEATURE_NAMES = (
    "extractor",
    "extractor_window2",
    "extractor_window8",
    *(f"in {kind}" for kind in KINDS),
    "in link_window2",
)


def line_columns(read: ReadPage, spans: list[tuple[int, int]]) -> np.ndarray:
    """HTML_FEATURE_NAMES for lines at ``spans`` of the visible text."""
    length = len(read.visible.text)
    chosen = _share(read.chosen, spans, length)
    inside = {kind: _share(read.visible.marks.get(kind, ()), spans, length) for kind in KINDS}
    columns = [chosen, window_mean(chosen, 2), window_mean(chosen, 8)]
    columns += [inside[kind] for kind in KINDS]
    columns.append(window_mean(inside["link"], 2))
    return np.column_stack(columns).reshape(len(spans), len(HTML_FEATURE_NAMES))


def _share(stretches, spans: list[tuple[int, int]], length: int) -> np.ndarray:
    """The share of each span's characters inside any of the stretches."""
    if not spans:
        return np.zeros(0)
    depth = np.zeros(length + 1)
    for start, end in stretches:
        depth[start] += 1
        depth[end] -= 1
    inside = np.concatenate([[0.0], np.cumsum(np.cumsum(depth)[:length] > 0)])
    starts = np.array([s for s, _ in spans])
    ends = np.array([e for _, e in spans])
    return (inside[ends] - inside[starts]) / np.maximum(ends - starts, 1)
