"""Recognition rules: each pattern finds one form of temporal expression and says how to resolve it.

A rule's builder turns a regular-expression match into a ``Candidate``: the
span, the TIMEX3 type, and a resolver that computes the value once the
tagger knows the context (the publication date, the tense around the
expression, the last date the text mentioned). Resolution is wiretrace's own
and lives with each rule, so every form is tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from wiretrace.dates.calendar import (
    Point,
    plausible_year,
    season_point,
    weekday_after,
    weekday_on_or_before,
)


@dataclass(frozen=True)
class Context:
    """What a resolver may use besides the expression itself."""

    dct: date | None
    tense: str | None  # "past", "future" or None (unknown or present)
    reference: Point | None  # the last date the text fixed, for "a year earlier"


@dataclass(frozen=True)
class Resolution:
    value: str | None
    anchored: bool = False  # the value depends on the publication date
    point: Point | None = None  # a date later expressions may count from


Resolver = Callable[[Context], Resolution]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    resolve: Resolver
    rule: str


Builder = Callable[[re.Match[str], str], Candidate | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder
    needs: re.Pattern[str] | None = None  # a word every match holds: the rule scans only around it


RULES: list[Rule] = []
# How far a match reaches before and after the word it needs, at most: the longest phrases
# ("approximately one hundred twenty-five consecutive trading days ago") stay well inside.
NEEDS_BEFORE = 160
NEEDS_AFTER = 80


def rule(pattern: str, anywhere: bool = False, needs: str | None = None) -> Callable[[Builder], Builder]:
    """Register a rule. Its matches start at a word boundary unless ``anywhere`` (a year in
    "FY1990", a decade in "the '90s"): the anchor lets the engine skip most positions fast.

    ``needs`` is a pattern every match holds (a unit for "three years ago", a month's name),
    for rules whose long optional lead-ins make the engine slow at every word: such a rule
    is tried only near what it needs (``matches``), with the same matches as a full scan
    (``tests/dates/test_rule_scan.py`` compares both on PolNeAR, TimeBank and the seeds)."""
    compiled = re.compile(pattern if anywhere else rf"\b(?:{pattern})", re.I)
    needed = re.compile(needs, re.I) if needs else None

    def register(build: Builder) -> Builder:
        RULES.append(Rule(build.__name__, compiled, build, needed))
        return build

    return register


def matches(found: Rule, text: str) -> Iterator[re.Match[str]]:
    """``found.pattern.finditer(text)``'s non-empty matches, scanned only where the rule can match."""
    if found.needs is None:
        yield from (match for match in found.pattern.finditer(text) if match.end() > match.start())
        return
    end_of_last = 0  # as finditer does, a match starts where the one before it ended, or later
    for word in found.needs.finditer(text):
        start = max(end_of_last, word.start() - NEEDS_BEFORE)
        while start <= word.start():
            # the leftmost match holding this word (or one ending before it); a match found in the
            # window is taken again against the whole text, which may let it run further
            near = found.pattern.search(text, start, min(len(text), word.end() + NEEDS_AFTER))
            if near is None or near.start() > word.start():
                break
            whole = found.pattern.match(text, near.start())
            if whole is None or whole.end() == whole.start():
                start = near.start() + 1
                continue
            yield whole
            end_of_last = start = whole.end()


# -- resolver helpers ----------------------------------------------------------------------


def fixed(value: str | None) -> Resolver:
    return lambda context: Resolution(value)


def absolute(point: Point | None) -> Resolver:
    if point is None:
        return fixed(None)
    return lambda context: Resolution(point.value(), False, point)


def relative(compute: Callable[[date, Context], Point | None]) -> Resolver:
    """A value counted from the publication date; None (kept unresolved) where it is unknown."""

    def resolve(context: Context) -> Resolution:
        if context.dct is None:
            return Resolution(None, True)
        point = compute(context.dct, context)
        return Resolution(point.value() if point else None, True, point)

    return resolve


def with_suffix(resolve: Resolver, suffix: str) -> Resolver:
    """A day resolver whose value gets a part of day or a clock time (TMO, T15:30)."""

    def resolved(context: Context) -> Resolution:
        found = resolve(context)
        if found.point is None or found.point.grain != "day":
            return found
        point = Point("day", found.point.day, suffix)
        return Resolution(point.value(), found.anchored, found.point)

    return resolved


def make_date(year: int, month: int, day: int = 1) -> date | None:
    """A calendar date, or None for impossible ones (31 February) and far years."""
    if not plausible_year(year):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def candidate(
    match: re.Match[str], kind: str, resolve: Resolver, name: str, group: int | str = 0
) -> Candidate:
    # An expression never starts or ends with white space, whatever a pattern's optional tail swallowed.
    start, end = match.start(group), match.end(group)
    matched = match.string[start:end]
    start += len(matched) - len(matched.lstrip())
    end -= len(matched) - len(matched.rstrip())
    return Candidate(start, max(end, start), kind, resolve, name)


def preceding_words(text: str, start: int, count: int = 2) -> list[str]:
    return re.findall(r"[\w'.-]+", text[max(0, start - 40) : start].lower())[-count:]


# How far the tense may move a day named without a year from the nearest such day: eight
# months. On TimeBank (with the tense from the parse), 183 days left "was last seen Nov. 3"
# in May and "the year ended March 31" in November on the wrong side; 240 fixes these and
# breaks none; from about 300 days misread tenses start to cost more than they fix.
TENSE_REACH_DAYS = 240


def nearest_month_day(
    dct: date, month: int, day: int, tense: str | None, bounded: bool = True
) -> Point | None:
    """A day given without a year: the one in the year that puts it on the tense's side of the DCT."""
    options = [make_date(dct.year + offset, month, day) for offset in (-1, 0, 1)]
    chosen = nearest_by_tense(dct, [option for option in options if option is not None], tense, bounded)
    return Point("day", chosen) if chosen else None


def nearest_by_tense(dct: date, options: list[date], tense: str | None, bounded: bool = True) -> date | None:
    """Of the same day in neighbouring years, the one on the tense's side of the DCT (else the nearest).

    ``bounded=False`` where a word, not a tense, gives the side ("last Oct. 23", "next Feb. 2").
    """
    if not options:
        return None
    nearest = min(options, key=lambda option: abs((option - dct).days))
    if tense == "past":
        before = [option for option in options if option <= dct]
        chosen = max(before) if before else nearest
    elif tense == "future":
        after = [option for option in options if option >= dct]
        chosen = min(after) if after else nearest
    else:
        chosen = nearest
    # The tense only chooses between dates within TENSE_REACH_DAYS of the DCT: "said on
    # Jan. 14" in an article of 6 January is a misread tense, not a date a year back.
    if bounded and abs((chosen - dct).days) > TENSE_REACH_DAYS:
        chosen = nearest
    return chosen


def month_by_tense(dct: date, month: int, tense: str | None, shift: str | None) -> Point:
    """A month named without a year ("in March", "last March", "next March")."""
    this_year = date(dct.year, month, 1)
    current = date(dct.year, dct.month, 1)
    if shift == "last":
        chosen = this_year if this_year < current else date(dct.year - 1, month, 1)
    elif shift == "next":
        chosen = this_year if this_year > current else date(dct.year + 1, month, 1)
    elif shift == "this":
        chosen = this_year
    elif tense == "past" and this_year > current:
        chosen = date(dct.year - 1, month, 1)
    elif tense == "future" and this_year < current:
        chosen = date(dct.year + 1, month, 1)
    else:
        # No tense to go by: the publication year (on TimeBank this beats the nearest month).
        chosen = this_year
    return Point("month", chosen)


def weekday_by_tense(dct: date, weekday: int, tense: str | None, shift: str | None) -> Point:
    """A weekday: the nearest one on or before the DCT, unless a word or the tense says later."""
    if shift in ("last", "previous", "past"):
        return Point("day", weekday_on_or_before(dct - timedelta(days=1), weekday))
    if shift in ("next", "coming", "following"):
        return Point("day", weekday_after(dct, weekday))
    if tense == "future":
        on_or_after = weekday_after(dct, weekday) if dct.weekday() != weekday else dct
        return Point("day", on_or_after)
    return Point("day", weekday_on_or_before(dct, weekday))


def quarter_by_tense(dct: date, quarter: int, tense: str | None) -> Point:
    """A quarter named without a year: this year's if it has begun, else by tense."""
    current = (dct.month - 1) // 3 + 1
    year = dct.year
    if quarter > current and tense != "future":
        year -= 1
    return Point("quarter", date(year, 3 * quarter - 2, 1))


def season_by_tense(dct: date, season: str, tense: str | None, shift: str | None) -> Point:
    current = Point("season", dct)
    candidates = [season_point(dct.year + offset, season) for offset in (-1, 0, 1)]
    started = [c for c in candidates if c.day <= dct]
    upcoming = [c for c in candidates if c.day > dct]
    latest_started = max(started, key=lambda c: c.day)
    if shift == "last":
        before = [c for c in started if c.value() != current.value()]
        return max(before, key=lambda c: c.day)
    if shift == "next":
        return min(upcoming, key=lambda c: c.day)
    if shift == "this":  # the season of the DCT's year ("this winter" in December is the coming one)
        return season_point(dct.year + (1 if season == "WI" and dct.month == 12 else 0), season)
    if tense == "future" and latest_started.value() != current.value():
        return min(upcoming, key=lambda c: c.day)
    return latest_started


SHIFT_WORDS = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}
