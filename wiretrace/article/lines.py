"""What each line of a text dump looks like, as numbers a learned model reads.

A scraper's text dump is a column of lines: the page's navigation, teaser
lists, footers and, somewhere in the middle, the article. Whether a line is
article text shows in its own shape (words, punctuation, capitals, bullets),
in its neighbours' shapes and in where it stands on the page, and the features
below say exactly that, with no word of any one language: the "stop words" are
the page's own most frequent words, which in any language are its function
words. The kinds the rules of ``text.classify`` give (dateline, credit,
furniture prompt...) are features too, so the model learns how far to trust
each. ``LineModel`` (``furniture_model.py``) turns the features into a body
probability per line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from hashlib import blake2b
from itertools import compress

import numpy as np

_TOKEN = re.compile(r"\w+")
# Scripts written without spaces between words count a word per two characters.
_WIDE = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = set(".!?。！？؟।…")
_BULLET = re.compile(r"^\s*(?:[•·▪►▶■□◦‣⁃*>|»–—-]+|\d{1,3}[.)])\s")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w|#\w")
_DATE_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:/.]\d{2}\b")
_OPENING_QUOTE = tuple("\"“«„‘'")

# Kinds that text.classify gives a line, one feature each.
RULE_KINDS = ("dateline", "credit", "byline", "furniture", "outlet", "teaser", "label", "headline")
_KIND_INDEX = {kind: i for i, kind in enumerate(RULE_KINDS)}
_KIND_ROWS = np.vstack([np.eye(len(RULE_KINDS)), np.zeros(len(RULE_KINDS))])
WINDOWS = (1, 2, 4, 8, 16)
NEIGHBOURS = (-2, -1, 1, 2)
LONG_LINE_WORDS = 15
VERY_LONG_LINE_WORDS = 25
FREQUENT_WORDS = 25
OWN_FEATURES = (
    "log_words",
    "log_chars",
    "chars_per_word",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "capitalised",
    "digits",
    "letters",
    "inner_stops",
    "commas",
    "bullet",
    "link",
    "separators",
    "date_or_time",
    "opens_quote",
    "log_indent",
    "blank_before",
)
FEATURE_NAMES = (
    *OWN_FEATURES,
    *(f"kind={kind}" for kind in RULE_KINDS),
    "frequent_words",
    "log_repeats",
    "position",
    "words_before",
    "words_of_longest",
    "length_rank",
    *(f"{name}_window{w}" for w in WINDOWS for name in ("log_words", "long_lines")),
    "log_distance_to_long_line",
    *(
        f"{name}_at{offset:+d}"
        for offset in NEIGHBOURS
        for name in ("log_words", "ends_sentence", "capitalised", "bullet")
    ),
)
_NEIGHBOUR_COLUMNS = [OWN_FEATURES.index(n) for n in ("log_words", "ends_sentence", "capitalised", "bullet")]


def fingerprint(text: str) -> int:
    """A signed 64-bit hash of a line, case and spacing aside.

    Numbers count: "Plan 3 approved" and "Plan 4 approved" are different headlines.
    """
    normal = " ".join(text.lower().split())
    return int.from_bytes(blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class _CharClasses:
    """Per-character classes of a page's code points, as NumPy lookups.

    ASCII comes from a fixed table; other characters are classified by Python's
    own Unicode tests once per distinct character on the page, so ``\\w`` and
    ``\\d`` here mean what they mean to ``re``.
    """

    WORD, DIGIT, UPPER, LOWER, STOP, COMMA, WIDE = (1 << i for i in range(7))

    def __init__(self) -> None:
        self.ascii = np.array([self._flags(chr(c)) for c in range(128)], dtype=np.uint8)

    def _flags(self, char: str) -> int:
        flags = 0
        if char.isalnum() or char == "_":
            flags |= self.WORD
        if char.isdecimal():
            flags |= self.DIGIT
        if char.isupper():
            flags |= self.UPPER
        if char.islower():
            flags |= self.LOWER
        if char in _STOPS:
            flags |= self.STOP
        if char in _COMMAS:
            flags |= self.COMMA
        if _WIDE.match(char):
            flags |= self.WIDE
        return flags

    def of(self, codes: np.ndarray) -> np.ndarray:
        flags = self.ascii[np.minimum(codes, 127)]
        wide = codes > 127
        if wide.any():
            distinct, where = np.unique(codes[wide], return_inverse=True)
            flags[wide] = np.array([self._flags(chr(c)) for c in distinct], dtype=np.uint8)[where]
        return flags


_STOPS = set(".!?。！？؟;,،、")
_COMMAS = set(",،、")
_CLASSES = _CharClasses()


def _own(
    texts: Sequence[str], indents: Sequence[int], blanks: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """OWN_FEATURES for every line, counted over the page's characters at once; and words per line."""
    count = len(texts)
    flat = [t.replace("\n", " ") for t in texts]
    page = "\n".join(flat)
    codes = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    flags = _CLASSES.of(codes)
    chars = np.array([len(t) for t in flat], dtype=float)
    line_of = np.repeat(np.arange(count, dtype=np.int32), (chars + 1).astype(int))[
        : len(codes)
    ]  # separators join the line before
    line_starts = np.concatenate([[0], np.cumsum(chars + 1)[:-1]])

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.bincount(line_of[mask], minlength=count).astype(float)

    word = (flags & _CharClasses.WORD) > 0
    starts = word & ~np.concatenate(
        [[False], word[:-1]]
    )  # a token begins where a word character follows another
    tokens = per_line(starts)
    upper = per_line(starts & ((flags & _CharClasses.UPPER) > 0))
    cased = per_line(starts & ((flags & (_CharClasses.UPPER | _CharClasses.LOWER)) > 0))
    words = tokens + per_line((flags & _CharClasses.WIDE) > 0) / 2
    per_word = np.maximum(words, 1.0)
    digits = per_line((flags & _CharClasses.DIGIT) > 0)
    letters = per_line(word & ((flags & _CharClasses.DIGIT) == 0) & (codes != 95))
    stops = per_line((flags & _CharClasses.STOP) > 0)
    commas = per_line((flags & _CharClasses.COMMA) > 0)
    ends = [t.rstrip(_CLOSERS)[-1:] for t in flat]
    last_stop = np.array([1.0 if e in _STOPS else 0.0 for e in ends])
    safe_chars = np.maximum(chars, 1.0)
    columns = [
        np.log1p(words),
        np.log1p(chars),
        chars / per_word,
        np.array([1.0 if e in _SENTENCE_END else 0.0 for e in ends]),
        np.array([1.0 if e == ":" else 0.0 for e in ends]),
        np.array([1.0 if t.endswith(("...", "…")) else 0.0 for t in flat]),
        np.where(cased > 0, upper / np.maximum(cased, 1.0), 0.5),
        digits / safe_chars,
        letters / safe_chars,
        (stops - last_stop * (np.array([t[-1:] for t in flat]) == np.array(ends))) / per_word,
        commas / per_word,
        np.array([1.0 if _BULLET.match(t) else 0.0 for t in flat]),
        np.minimum(_matches_per_line(_LINK, page, line_starts), 1.0),
        per_line(_separators(codes)) / per_word,
        # only lines with two digits or more can hold a year or a time: the regex reads those alone
        np.array(
            [1.0 if n >= 2 and _DATE_OR_TIME.search(t) else 0.0 for n, t in zip(digits, flat, strict=True)]
        ),
        np.array([1.0 if t.startswith(_OPENING_QUOTE) else 0.0 for t in flat]),
        np.log1p(np.asarray(indents, dtype=float)),
        np.minimum(np.asarray(blanks, dtype=float), 2.0),
    ]
    return np.column_stack(columns), tokens


_PIPE = ord("|")
_SPACED_SEPARATORS = np.array([ord(c) for c in "/·•»›>"], dtype=np.uint32)
_SPACES = np.array([ord(c) for c in " \t\n\xa0"], dtype=np.uint32)


def _separators(codes: np.ndarray) -> np.ndarray:
    """Where a page's characters separate menu items: every "|", and "/ · • » › >" between spaces."""
    spaced = np.isin(codes, _SPACED_SEPARATORS)
    space = np.isin(codes, _SPACES)
    before = np.concatenate([[False], space[:-1]])
    after = np.concatenate([space[1:], [False]])
    return (codes == _PIPE) | (spaced & before & after)


def _matches_per_line(pattern: re.Pattern[str], page: str, line_starts: np.ndarray) -> np.ndarray:
    """How many times a pattern matches on each line of a page (lines starting at ``line_starts``)."""
    found = [m.start() for m in pattern.finditer(page)]
    if not found:
        return np.zeros(len(line_starts))
    lines = np.searchsorted(line_starts, np.array(found), side="right") - 1
    return np.bincount(lines, minlength=len(line_starts)).astype(float)


def window_mean(values: np.ndarray, half_width: int) -> np.ndarray:
    """Mean over a window of 2 × half_width + 1 lines (zeros past the edges)."""
    sums = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    low = np.maximum(index - half_width, 0)
    high = np.minimum(index + half_width + 1, len(values))
    return (sums[high] - sums[low]) / (2 * half_width + 1)


def shifted(values: np.ndarray, offset: int) -> np.ndarray:
    """values[i + offset] at row i, zeros where that falls off the page."""
    out = np.zeros_like(values)
    if offset > 0:
        out[:-offset] = values[offset:]
    elif offset < 0:
        out[-offset:] = values[:offset]
    else:
        out[:] = values
    return out


def features(
    texts: Sequence[str], indents: Sequence[int], blanks: Sequence[int], kinds: Sequence[str]
) -> np.ndarray:
    """One row of FEATURE_NAMES per line of one page."""
    count = len(texts)
    if not count:
        return np.zeros((0, len(FEATURE_NAMES)))
    own, token_counts = _own(texts, indents, blanks)
    # one column per rule kind; "prose" and the others a rule may give fall in the spare last row
    kind_columns = _KIND_ROWS[[_KIND_INDEX.get(kind, len(RULE_KINDS)) for kind in kinds]]
    words = np.expm1(own[:, 0])
    frequent_share = _frequent_share(texts, token_counts)
    keys = [" ".join(t.lower().split()) for t in texts]
    repeats = Counter(keys)
    log_repeats = np.array([math.log(repeats[k]) for k in keys])
    total = max(words.sum(), 1.0)
    columns = [
        own,
        kind_columns,
        frequent_share[:, None],
        log_repeats[:, None],
        (np.arange(count) / max(count - 1, 1))[:, None],
        ((np.cumsum(words) - words) / total)[:, None],
        (words / max(words.max(), 1.0))[:, None],
        (np.argsort(np.argsort(-words, kind="stable"), kind="stable") / count)[:, None],
    ]
    log_words = own[:, 0]
    long_lines = (words >= LONG_LINE_WORDS).astype(float)
    for w in WINDOWS:
        columns.append(window_mean(log_words, w)[:, None])
        columns.append(window_mean(long_lines, w)[:, None])
    columns.append(np.log1p(_distance_to(words >= VERY_LONG_LINE_WORDS))[:, None])
    core = own[:, _NEIGHBOUR_COLUMNS]
    for offset in NEIGHBOURS:
        columns.append(shifted(core, offset))
    return np.hstack(columns)


def _frequent_share(texts: Sequence[str], token_counts: np.ndarray) -> np.ndarray:
    """Share of each line's words among the page's most frequent words (its function words).

    The page is tokenised once; ``token_counts`` (words per line, from ``_own``)
    says which tokens belong to which line.
    """
    tokens = _TOKEN.findall("\n".join(texts).lower())
    counts = token_counts.astype(int)
    if len(tokens) != counts.sum():  # lower case changed a word's boundaries: tokenise line by line
        per_line = [_TOKEN.findall(t.lower()) for t in texts]
        tokens = [w for ts in per_line for w in ts]
        counts = np.array([len(ts) for ts in per_line])
    ends = np.cumsum(counts)
    long_line = np.repeat(counts > 8, counts)
    frequent = Counter(compress(tokens, long_line.tolist()))
    common = {w for w, _ in frequent.most_common(FREQUENT_WORDS)}
    hits = np.concatenate([[0], np.cumsum(np.fromiter(map(common.__contains__, tokens), float, len(tokens)))])
    found = hits[ends] - hits[ends - counts]
    return np.where(counts > 0, found / np.maximum(counts, 1), 0.0)


def _distance_to(marked: np.ndarray) -> np.ndarray:
    """Lines from each line to the nearest marked one (the page's length if none)."""
    count = len(marked)
    far = float(count)
    before = np.full(count, far)
    after = np.full(count, far)
    last = None
    for i in range(count):
        if marked[i]:
            last = i
        if last is not None:
            before[i] = i - last
    last = None
    for i in range(count - 1, -1, -1):
        if marked[i]:
            last = i
        if last is not None:
            after[i] = last - i
    return np.minimum(before, after)
