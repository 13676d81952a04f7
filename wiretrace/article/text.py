"""Plain text as scrapers save it: find the article among the page furniture.

A saved page is a column of lines: a header (navigation, section label, title,
source line, dateline), the article (standfirst and paragraphs, perhaps with a
"READ MORE:" teaser in the middle), and a trailer (credit, prompts, comments,
a list of other stories' teasers). Each line gets a kind from its form alone;
the header ends at the first line of article prose, the trailer begins after
the last, and inside the article only lines that are unmistakably teasers are
cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from wiretrace.article import credits, datelines
from wiretrace.article.furniture import furniture_reason, interior_furniture_reason, strip_bullet
from wiretrace.article.furniture_model import LineModel
from wiretrace.article.lines import features, fingerprint
from wiretrace.registry import Registry

# A title is a single line of at most this many words.
MAX_TITLE_WORDS = 30
# A sentence this short at the top is a title; up to the longer limit, only if
# most of its words are capitalised (headline case).
MAX_SHORT_TITLE_WORDS = 14
MAX_TITLE_SENTENCE_WORDS = 24
MIN_TITLE_CAPITALS = 0.6
# A line of at most this many words without closing punctuation is a label.
MAX_LABEL_WORDS = 3
# A line ending in an ellipsis with at least this many words is a truncated teaser.
MIN_TEASER_WORDS = 6

_NEWLINE = re.compile("\n")
_SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$|[\"”’]$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)$")
_INNER_SENTENCE = re.compile(r"[.!?][\"”’]?\s+[A-Z“\"]")


@dataclass
class Line:
    """One non-blank line of the input, with its offsets and its kind."""

    start: int
    end: int
    text: str
    kind: str = "prose"
    reason: str | None = None  # why the line would be cut, when it is furniture
    credit: str | None = None  # outlet the line credits, as written
    date: datelines.DateMatch | None = None


@dataclass
class Layout:
    """What the plain-text stage found: kept stretches, cut stretches, metadata."""

    kept: list[tuple[int, int]] = field(default_factory=list)
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    title: Line | None = None
    published: tuple[str, str, int, int] | None = None  # value, method, start, end
    credits: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, method, span
    author: Line | None = None
    furniture_lines: list[str] = field(default_factory=list)


def split_lines(content: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped text.

    A hard-wrapped paragraph is one line: a line that stops mid-sentence and is
    followed, without a blank line, by one starting in lower case continues it;
    and on a page wrapped at a fixed width (lynx, w3m and html2text dumps), a
    line continues the one above when its first word would not have fitted
    there, which is the only reason a greedy wrapper breaks a line.
    """
    physical = [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]+", content) if m.group().strip()]
    if len(physical) <= MAX_UNBROKEN_LINES and any(len(raw) > UNBROKEN_CHARS for _, raw in physical):
        physical = [piece for offset, raw in physical for piece in _sentences(offset, raw)]
    width = wrap_width([len(raw.rstrip()) for _, raw in physical])
    lines: list[Line] = []
    previous_width = 0
    for offset, raw in physical:
        stripped = raw.strip()
        start = offset + (len(raw) - len(raw.lstrip()))
        if lines and content.count("\n", lines[-1].end, start) == 1:
            previous = lines[-1]
            wrapped = width is not None and previous_width + 1 + len(stripped.split(None, 1)[0]) > width
            if wrapped or (previous_width >= MIN_WRAPPED_CHARS and _continues(previous, stripped)):
                end = start + len(stripped)
                lines[-1] = Line(previous.start, end, content[previous.start : end])
                previous_width = len(raw.rstrip())
                continue
        lines.append(Line(start, start + len(stripped), stripped))
        previous_width = len(raw.rstrip())
    return lines


# A line this short is a menu item or a label, not part of a wrapped paragraph,
# even when the next line starts in lower case.
MIN_WRAPPED_CHARS = 30
# A page of at most this many lines, one of them longer than this, lost its
# line breaks (a dump joined with spaces): it is read sentence by sentence.
MAX_UNBROKEN_LINES, UNBROKEN_CHARS = 5, 3000
# Where a page without line breaks breaks: after a sentence, or at a run of
# spaces or tabs (what is left of a block boundary).
_PIECE_BREAK = re.compile(r"(?<=[.!?。！？])[\"”’)]*\s+(?=\S)|[ \t]{3,}|\t")


def _sentences(offset: int, raw: str) -> list[tuple[int, str]]:
    pieces, start = [], 0
    for found in _PIECE_BREAK.finditer(raw):
        end = found.start() if raw[found.start()] in " \t" else found.end()
        if raw[start:end].strip():
            pieces.append((offset + start, raw[start:end]))
        start = found.end()
    if raw[start:].strip():
        pieces.append((offset + start, raw[start:]))
    return pieces


# A page is hard-wrapped when many of its long lines end within this many
# columns of its widest ordinary line, and that width is a terminal's.
WRAP_SLACK = 12
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 50, 160
MIN_WRAPPED_SHARE = 0.35
MIN_WRAPPED_LINES = 6


def wrap_width(lengths: list[int]) -> int | None:
    """The column a flattener wrapped the page at, or None when it did not wrap."""
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    ordered = sorted(lengths)
    width = ordered[int(0.95 * (len(ordered) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in lengths if width - WRAP_SLACK <= n <= width)
    long_lines = sum(1 for n in lengths if n >= width / 2)
    return width if near >= MIN_WRAPPED_LINES and near >= MIN_WRAPPED_SHARE * long_lines else None


def _continues(previous: Line, text: str) -> bool:
    # the tail alone: a paragraph of many joined lines must not be searched again for each line
    return text[:1].islower() and not _SENTENCE_END.search(previous.text[-8:])


def classify(line: Line, registry: Registry) -> Line:
    """Give a line its kind from its form alone."""
    text = line.text
    words = len(text.split())
    bare = strip_bullet(text)
    if (found := datelines.date_line(text)) is not None:
        line.kind, line.reason, line.date = "dateline", "dateline", found
    elif (name := credits.credit_in_line(bare, stripped=True)) is not None:
        line.kind, line.reason, line.credit = "credit", "source credit", name
    elif words <= 10 and credits.byline(bare, stripped=True) is not None:
        line.kind, line.reason = "byline", "byline"
    elif (reason := furniture_reason(bare, stripped=True)) is not None:
        line.kind, line.reason = "furniture", reason
    elif credits.is_outlet_line(bare, registry, stripped=True):
        line.kind, line.reason, line.credit = "outlet", "source line", text.strip(" .|")
    elif _ELLIPSIS_END.search(text) and words >= MIN_TEASER_WORDS and not text.endswith(("”", '"')):
        line.kind, line.reason = "teaser", "teaser of another story"
    elif words <= MAX_LABEL_WORDS and not _SENTENCE_END.search(text):
        line.kind, line.reason = "label", "section label"
    elif words <= MAX_TITLE_WORDS and not _SENTENCE_END.search(text):
        line.kind = "headline"
    return line


def is_title_like(line: Line) -> bool:
    """A headline, or one short sentence (some sites end titles with a period).

    A one-sentence lede is also short and ends with a period, so a sentence
    counts as a title only when it is shorter than ledes usually are, or
    capitalised the way headlines are.
    """
    if line.kind == "headline":
        return True
    if line.kind != "prose" or _INNER_SENTENCE.search(line.text) or not line.text.endswith((".", "?", "!")):
        return False
    words = line.text.split()
    capitalised = sum(1 for word in words if not word[:1].islower()) / len(words)
    return len(words) <= MAX_SHORT_TITLE_WORDS or (
        len(words) <= MAX_TITLE_SENTENCE_WORDS and capitalised >= MIN_TITLE_CAPITALS
    )


HEADER_KINDS = {"dateline", "credit", "byline", "furniture", "outlet", "label", "teaser"}
TRAILER_KINDS = {"dateline", "credit", "byline", "furniture", "outlet", "label", "teaser"}
PROSE_KINDS = {"prose", "headline"}
# Kinds a rule recognises for certain: cut wherever they stand, whatever the model says.
CERTAIN_KINDS = {"dateline", "credit", "byline", "furniture", "outlet", "teaser"}
# Fewer words than this left for the article: the page is all furniture.
MIN_ARTICLE_WORDS = 6
# Why a line the model cuts is cut, when no rule names a reason.
LEARNED_REASON = "furniture"
OUTLET_FURNITURE = "recurs on this outlet's pages"
# A page of fewer lines gives the model no neighbours to read a line against
# (no training page is that short): the rules decide.
MIN_MODEL_LINES = 3


def layout(
    content: str,
    registry: Registry,
    title_hint: str | None = None,
    find_title: bool = True,
    model: LineModel | None = None,
    known_furniture: frozenset[int] = frozenset(),
    extra_columns: Callable[[list[tuple[int, int]]], np.ndarray] | None = None,
) -> Layout:
    """Split plain text into article and furniture, and read the header's metadata.

    With a ``model`` (the learned line classifier) the model says which lines
    are the article (on a page of at least ``MIN_MODEL_LINES`` lines); without
    one the rules below find its first and last lines. With ``find_title`` off (HTML, whose title comes from the page's
    markup), a line is taken as the title only when it repeats ``title_hint``.
    Lines whose fingerprint is in ``known_furniture`` recur on the outlet's
    other pages (``memory.py``): they are furniture wherever they stand.
    ``extra_columns`` gives the model more features of each line, from the
    lines' (start, end) offsets (an HTML page's markup: ``html.line_columns``).
    """
    lines = classified_lines(content, registry)
    if known_furniture:
        for line in lines:
            if fingerprint(line.text) in known_furniture:
                line.kind, line.reason = "furniture", OUTLET_FURNITURE
    result = Layout()
    if not lines:
        return result
    if model is not None and len(lines) >= MIN_MODEL_LINES:
        rows = model_rows(lines, content, extra_columns)
        return _learned_layout(lines, rows, model, result, title_hint, find_title)
    first = _find_body_start(lines, result, title_hint, find_title)
    if first is None:
        result.removed.extend((line.start, line.end, line.reason or "no article text") for line in lines)
        return result
    last = _find_body_end(lines, first)
    for line in lines[:first]:
        _note_header_line(line, result)
    for line in lines[last + 1 :]:
        _note_cut(line, result, line.reason or "after the article")
    _keep_body(lines[first : last + 1], result)
    return result


def classified_lines(content: str, registry: Registry) -> list[Line]:
    """The text's lines, each with the kind its form gives it."""
    return [classify(line, registry) for line in split_lines(content)]


def model_rows(
    lines: list[Line],
    content: str,
    extra_columns: Callable[[list[tuple[int, int]]], np.ndarray] | None = None,
) -> np.ndarray:
    """What a line model reads of each line: ``line_rows``, then the ``extra_columns`` if any.

    Training reads pages through this too, so a model sees the features it was trained on.
    """
    rows = line_rows(lines, content)
    if extra_columns is None:
        return rows
    return np.hstack([rows, extra_columns([(line.start, line.end) for line in lines])])


def line_rows(lines: list[Line], content: str) -> np.ndarray:
    """The learned model's features of each line, read from the page around it."""
    # offsets of the page's line breaks, after a stand-in break before the page
    breaks = np.array([-1, *(m.start() for m in _NEWLINE.finditer(content))], dtype=np.int64)
    starts = np.array([line.start for line in lines], dtype=np.int64)
    previous_ends = np.array([0, *(line.end for line in lines[:-1])], dtype=np.int64)
    before_start = np.searchsorted(breaks, starts)  # breaks before each line, the stand-in included
    indents = starts - breaks[before_start - 1] - 1
    blanks = np.maximum(before_start - np.searchsorted(breaks, previous_ends) - 1, 0)
    return features([line.text for line in lines], indents, blanks, [line.kind for line in lines])


def _learned_layout(
    lines: list[Line],
    rows: np.ndarray,
    model: LineModel,
    result: Layout,
    title_hint: str | None,
    find_title: bool,
) -> Layout:
    scores = model.scores(rows)
    keep = [
        kept and line.kind not in CERTAIN_KINDS for kept, line in zip(model.keep(scores), lines, strict=True)
    ]
    if any(keep):
        title = _find_title(lines, keep, title_hint, find_title)
        if title is not None:
            _make_title(title, result)
            above = lines.index(title)
            keep[: above + 1] = [False] * (above + 1)  # nothing above the title is the article
        _keep_lead(lines, keep)
        _close_at_credit(lines, keep)
    if (
        sum(len(line.text.split()) for line, kept in zip(lines, keep, strict=True) if kept)
        < MIN_ARTICLE_WORDS
    ):
        result.title = None
        result.removed.extend((line.start, line.end, line.reason or "no article text") for line in lines)
        return result
    last = len(keep) - 1 - keep[::-1].index(True)
    body = []
    for index, line in enumerate(lines):
        if keep[index]:
            body.append(line)
        elif index < last:
            _note_header_line(line, result, line.reason or LEARNED_REASON)
        else:
            _note_cut(line, result, line.reason or LEARNED_REASON)
    _keep_body(body, result)
    return result


def _find_title(lines: list[Line], keep: list[bool], title_hint: str | None, find_title: bool) -> Line | None:
    """The title above the article's first paragraph, or None.

    A line repeating the given title is the title. Otherwise (and only with
    ``find_title``) the first title-like line above any dateline with article
    text after it, labels and other header lines aside; failing that, a two-
    or three-word label.
    """
    kept = [i for i, k in enumerate(keep) if k]
    first = next((i for i in kept if lines[i].kind not in HEADER_KINDS), kept[0])
    if title_hint:
        hint_key = _key(title_hint)
        return next((line for line in lines[: first + 1] if _key(line.text) == hint_key), None)
    if not find_title:
        return None
    short_title = None
    for index, line in enumerate(lines[: first + 1]):
        if line.kind == "dateline":
            break
        if line.kind in HEADER_KINDS:
            if short_title is None and line.kind == "label" and len(line.text.split()) >= 2:
                short_title = line
            continue
        if is_title_like(line) and any(keep[index + 1 :]):
            return line
        break
    return short_title


# A headline-shaped line of at least this many words just above the article is
# its standfirst, which belongs to the body (the gold's convention, and readers').
MIN_STANDFIRST_WORDS = 8


def _keep_lead(lines: list[Line], keep: list[bool]) -> None:
    """Keep what leads into the article's first kept line.

    A sentence ending in a colon introduces what follows (``X told reporters:``
    before a quotation), and a long headline-shaped line just above the article
    is its standfirst; the model, reading lines alone, can take either for a
    label.
    """
    if not any(keep):
        return
    first = keep.index(True)
    while first > 0:
        above = lines[first - 1]
        introduces = above.kind == "prose" and above.text.endswith(":")
        standfirst = above.kind == "headline" and len(above.text.split()) >= MIN_STANDFIRST_WORDS
        if not (introduces or standfirst):
            return
        first -= 1
        keep[first] = True


def _close_at_credit(lines: list[Line], keep: list[bool]) -> None:
    """A credit line ("(Reuters)") closes the article when less kept prose follows it than precedes it."""
    kept = [i for i, k in enumerate(keep) if k]
    for index in range(kept[0] + 1 if kept else 0, kept[-1] if kept else 0):
        if lines[index].kind != "credit":
            continue
        before = sum(len(lines[i].text.split()) for i in kept if i < index)
        after = sum(len(lines[i].text.split()) for i in kept if i > index)
        if before >= after:
            for i in kept:
                if i > index:
                    keep[i] = False
        return


def _find_body_start(
    lines: list[Line], result: Layout, title_hint: str | None, find_title: bool
) -> int | None:
    """Index of the first article line; records the title on the way.

    A line repeating the given title is the title; without a given title, and
    when ``find_title`` is on, the title is the first headline-like line.
    """
    seen_dateline = False
    hint_key = _key(title_hint) if title_hint else None
    guess_title = find_title and hint_key is None
    short_title: Line | None = None  # a two- or three-word label, the title if no other is
    for index, line in enumerate(lines):
        if hint_key and _key(line.text) == hint_key and result.title is None:
            _make_title(line, result)
            continue
        may_be_title = guess_title and result.title is None and not seen_dateline
        if line.kind in HEADER_KINDS:
            seen_dateline = seen_dateline or line.kind == "dateline"
            if may_be_title and line.kind == "label" and len(line.text.split()) >= 2:
                short_title = line
            continue
        has_more = any(other.kind in PROSE_KINDS for other in lines[index + 1 :])
        # The title stands above the dateline; after a dateline the article begins.
        if may_be_title and has_more and is_title_like(line):
            _make_title(line, result)
            continue
        if result.title is None and short_title is not None:
            _make_title(short_title, result)
        return index
    return None


def _make_title(line: Line, result: Layout) -> None:
    line.kind, line.reason = "title", "title"
    result.title = line


def _find_body_end(lines: list[Line], first: int) -> int:
    """Index of the last article line."""
    last = len(lines) - 1
    while last > first and lines[last].kind in TRAILER_KINDS:
        last -= 1
    # A credit line closes the article when no more prose follows than precedes it.
    for index in range(first + 1, last + 1):
        if lines[index].kind == "credit":
            before = _prose_words(lines[first:index])
            after = _prose_words(lines[index + 1 : last + 1])
            if before >= after:
                last = index - 1
                while last > first and lines[last].kind in TRAILER_KINDS:
                    last -= 1
                break
    return last


def _prose_words(lines: list[Line]) -> int:
    return sum(len(line.text.split()) for line in lines if line.kind in PROSE_KINDS)


def _note_header_line(line: Line, result: Layout, reason: str | None = None) -> None:
    if line.kind == "title":
        _note_cut(line, result, "title")
        return
    if line.kind == "dateline" and line.date and result.published is None:
        result.published = (line.date.value, "dateline", line.start, line.end)
    if line.kind == "byline" and result.author is None:
        result.author = line
    _note_cut(line, result, reason or line.reason or "before the article")


def _note_cut(line: Line, result: Layout, reason: str) -> None:
    result.removed.append((line.start, line.end, reason))
    if line.credit:
        method = "source line" if line.kind == "outlet" else "credit line"
        result.credits.append((line.credit, method, line.start, line.end))
    if line.kind != "title":
        result.furniture_lines.append(line.text)


def _keep_body(body: list[Line], result: Layout) -> None:
    for position, line in enumerate(body):
        start = line.start
        if position == 0:
            start = _cut_date_label(line, result)
            dated = datelines.body_dateline(line.text)
            if dated is not None:
                found, agency = dated
                if result.published is None:
                    result.published = (
                        found.value,
                        "dateline",
                        line.start + found.start,
                        line.start + found.end,
                    )
                if agency:
                    # the credit runs to the agency's closing parenthesis: "Sept. 5, 2019 (EIRNS)"
                    closing = line.text.find(")", found.end)
                    end = closing + 1 if closing >= 0 else found.end
                    result.credits.append((agency, "dateline", line.start, line.start + end))
        reason = interior_furniture_reason(line.text) if 0 < position < len(body) - 1 else None
        if reason:
            _note_cut(line, result, reason)
            continue
        if start < line.end:
            result.kept.append((start, line.end))


def _cut_date_label(line: Line, result: Layout) -> int:
    """Cut a labelled date in front of the first paragraph; return where text starts."""
    found = datelines.date_label_prefix(line.text)
    if found is None or found.end >= len(line.text):
        return line.start
    if result.published is None:
        result.published = (found.value, "date label", line.start, line.start + found.end)
    result.removed.append((line.start, line.start + found.end, "date label"))
    return line.start + found.end


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
