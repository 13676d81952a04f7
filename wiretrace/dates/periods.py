"""Reporting periods: quarters and halves named against the year before or the period just reported.

Company results speak of "the year-ago third quarter", "next year's first
quarter", "the corresponding period last year", "the 1988 period": a quarter
fixed by a year and by the quarter under report. The quarter under report is
the last one the text named; where it named none, the last quarter completed
before the publication date (results are published after their quarter ends).
"""

from __future__ import annotations

import re
from datetime import date

from wiretrace.dates import lexicon as lx
from wiretrace.dates.calendar import Point, plausible_year
from wiretrace.dates.rules import Candidate, Context, Resolution, candidate, make_date, rule

ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def reported_quarter(context: Context) -> Point | None:
    """The quarter under report: the last one named that has begun (a forecast for "the third
    quarter of 1990" is not under report), else the last one completed."""
    reference = context.reference
    if reference is not None and reference.grain == "quarter":
        if context.dct is None or reference.day <= context.dct:
            return reference
    if context.dct is None:
        return None
    return Point("quarter", context.dct).shift(-1)


def _quarter_in_year(year: int, quarter: int) -> Point:
    return Point("quarter", date(year, 3 * quarter - 2, 1))


@rule(
    rf"\bthe\s+(?:comparable\s+)?(?:year[- ]ago|year[- ]earlier|prior[- ]year)\s+({ORDINAL})[- ](?:fiscal\s+)?quarter\b"
)
def year_ago_ordinal_quarter(match: re.Match[str], text: str) -> Candidate | None:
    """ "the year-ago third quarter": that quarter of the year before the one under report."""
    quarter = lx.ORDINALS[match.group(1).lower()]

    def resolve(context: Context) -> Resolution:
        reported = reported_quarter(context)
        if reported is None:
            return Resolution(None, True)
        year = reported.day.year if quarter <= (reported.day.month - 1) // 3 + 1 else reported.day.year - 1
        point = _quarter_in_year(year - 1, quarter)
        return Resolution(point.value(), True, point)

    return candidate(match, "DATE", resolve, "year_ago_quarter")


@rule(rf"\b(last|this|next)\s+year['’]s\s+(?:({ORDINAL})[- ](?:fiscal\s+)?)?(quarter|period)\b")
def year_relative_quarter(match: re.Match[str], text: str) -> Candidate | None:
    """ "next year's first quarter", "last year's quarter" (the one under report, a year back)."""
    offset = _YEAR_SHIFT[match.group(1).lower()]
    ordinal = match.group(2)

    def resolve(context: Context) -> Resolution:
        reported = reported_quarter(context)
        if context.dct is None or reported is None:
            return Resolution(None, True)
        quarter = lx.ORDINALS[ordinal.lower()] if ordinal else (reported.day.month - 1) // 3 + 1
        point = _quarter_in_year(context.dct.year + offset, quarter)
        return Resolution(point.value(), True, point)

    return candidate(match, "DATE", resolve, "year_ago_quarter" if offset < 0 else "quarter")


@rule(
    r"\bthe\s+(?:(?:corresponding|same|comparable)\s+(quarter|period)(?:\s+of)?\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))"
    r"|(quarter)\s+a\s+year\s+(?:ago|earlier))\b"
)
def quarter_a_year_back(match: re.Match[str], text: str) -> Candidate | None:
    """ "the corresponding period last year", "the quarter a year ago": the reported quarter, a year back."""

    def resolve(context: Context) -> Resolution:
        reported = reported_quarter(context)
        point = reported.shift(-4) if reported is not None else None
        return Resolution(point.value() if point else None, True, point)

    return candidate(match, "DATE", resolve, "year_ago_quarter")


@rule(
    rf"(?:\b{lx.APPROX}\s+)?\bthe\s+(first|last)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?({lx.YEAR})",
    needs=r"two\s+quarters",
)
def two_quarters(match: re.Match[str], text: str) -> Candidate | None:
    """ "the first two quarters of 1990" is the first half of 1990."""
    number = int(match.group(2))
    if not plausible_year(number):
        return None
    found = make_date(number, 1 if match.group(1).lower() == "first" else 7)
    point = Point("half", found) if found else None
    return candidate(
        match, "DATE", lambda context: Resolution(point.value() if point else None, False, point), "half"
    )
