"""Forms named in words rather than numbers: holidays, years said aloud, "the year", "year-end".

Registered after ``patterns`` (the tagger imports both); the longest match wins
whichever module a rule comes from.
"""

from __future__ import annotations

import re
from datetime import date

from wiretrace.dates import holidays as hd
from wiretrace.dates import lexicon as lx
from wiretrace.dates.calendar import Point, plausible_year
from wiretrace.dates.rules import (
    Candidate,
    Context,
    Resolution,
    absolute,
    candidate,
    fixed,
    make_date,
    nearest_by_tense,
    preceding_words,
    relative,
    rule,
)

# -- holidays ----------------------------------------------------------------------------------

# A holiday must be written as a name: capitalised ("Thanksgiving", not "thanksgiving").
_NAME_START = r"(?-i:(?=[A-Z]|the\s+[Ff]ourth))"


@rule(
    rf"(?:(last|next|this|the\s+next|the\s+last)\s+)?{_NAME_START}({hd.HOLIDAY})\b(?:,?\s+(?:of\s+)?({lx.YEAR}))?"
)
def holiday(match: re.Match[str], text: str) -> Candidate | None:
    name = match.group(2)
    if match.group(3):
        year = int(match.group(3))
        return candidate(match, "DATE", absolute(Point("day", hd.holiday_day(name, year))), "holiday")
    shift = (match.group(1) or "").lower().split()
    return candidate(
        match, "DATE", relative(_holiday_by_tense(hd.holiday_day, name, shift, "day")), "holiday"
    )


@rule(rf"(?:(last|next|this)\s+)?{_NAME_START}({hd.HOLIDAY_WEEK})\b")
def holiday_week(match: re.Match[str], text: str) -> Candidate | None:
    shift = (match.group(1) or "").lower().split()
    resolve = relative(_holiday_by_tense(hd.holiday_week_day, match.group(2), shift, "week"))
    return candidate(match, "DATE", resolve, "holiday")


def _holiday_by_tense(day_of, name: str, shift: list[str], grain: str):
    def compute(dct: date, context: Context) -> Point | None:
        options = [day_of(name, dct.year + offset) for offset in (-1, 0, 1)]
        word = shift[-1] if shift else None
        if word == "last":
            chosen = max(option for option in options if option < dct)
        elif word == "next":
            chosen = min(option for option in options if option > dct)
        elif word == "this":
            chosen = options[1]
        else:
            chosen = nearest_by_tense(dct, options, context.tense)
        return Point(grain, chosen) if chosen else None

    return compute


# -- years said in words ---------------------------------------------------------------------------

# "two thousand" counts things as often as it names a year: only after these words is it a year.
_YEAR_WORD_LEADS = {"in", "by", "since", "until", "till", "of", "from", "before", "after", "year", "to"}


@rule(rf"(?:\bthe\s+year\s+)?\b({lx.SPOKEN_YEAR})", needs=r"(?:eighteen|nineteen|twenty)[- ]|two\s+thousand")
def spoken_year(match: re.Match[str], text: str) -> Candidate | None:
    number = lx.spoken_year(match.group(1))
    if number is None or not plausible_year(number):
        return None
    if match.group(1).lower().startswith("two") and not match.group(0).lower().startswith("the"):
        before = preceding_words(text, match.start(), 1)
        if not before or before[-1] not in _YEAR_WORD_LEADS:
            return None  # "two thousand troops"
    return candidate(match, "DATE", absolute(Point("year", date(number, 1, 1))), "year")


# -- "the year", "the fiscal year", "year-end" ---------------------------------------------------------


@rule(
    r"\b(?:the|this|its)\s+(?:(full|fiscal|current|calendar|whole|entire|latest\s+fiscal)\s+)?year\b(?!['’]s|-|\s+(?:ago|earlier|later|before|after|in|to|that|when|two|nineteen|twenty)\b|\s+of\s+(?![$£€\d]))(\s+(?:ended|ending|that\s+ended|that\s+ends|which\s+ended|to\s+date)\b)?"
)
def the_year(match: re.Match[str], text: str) -> Candidate | None:
    """ "For the year, volume was flat" is this year; "the year ended March 31" is a year-long span."""
    if match.group(2):
        start, end = match.start(), match.end() - len(match.group(2))
        return Candidate(start, end, "DURATION", fixed("P1Y"), "the_year")
    if match.group(0).lower().startswith("its") and not match.group(1):
        return None  # "its year" is seldom a date
    latest = (match.group(1) or "").lower().startswith("latest")

    def compute(dct: date, context: Context) -> Point | None:
        return Point("year", date(dct.year - 1 if latest else dct.year, 1, 1))

    return candidate(match, "DATE", relative(compute), "the_year")


@rule(r"\b(year[- ]end|year['’]s\s+end)\b")
def year_end(match: re.Match[str], text: str) -> Candidate | None:
    """The end of the publication year (TimeML: the year as value, END as its mod); after
    "since" the last one passed."""
    since = preceding_words(text, match.start(), 1) == ["since"]

    def compute(dct: date, context: Context) -> Point | None:
        year = dct.year - 1 if since or (context.tense == "past" and dct.month < 7) else dct.year
        return Point("year", date(year, 1, 1))

    return candidate(match, "DATE", relative(compute), "year_end")


# -- "the week", "the week of March 6" ------------------------------------------


@rule(
    rf"\bthe\s+week\s+of\s+(?:(?:the\s+)?({lx.DAY_NUMBER})(?:\s+of)?\s+({lx.MONTH})|({lx.MONTH})\s+({lx.DAY_NUMBER}))(?:,?\s+({lx.YEAR}))?"
)
def week_of(match: re.Match[str], text: str) -> Candidate | None:
    """ "the week of March 6": the ISO week holding that day."""
    day = int(re.match(r"\d+", match.group(1) or match.group(4)).group(0))
    month = lx.month_number(match.group(2) or match.group(3))
    if match.group(5):
        found = make_date(int(match.group(5)), month, day)
        return candidate(match, "DATE", absolute(Point("week", found) if found else None), "week_of")
    if make_date(2000, month, day) is None:
        return candidate(match, "DATE", fixed(None), "week_of")

    def compute(dct: date, context: Context) -> Point | None:
        options = [make_date(dct.year + offset, month, day) for offset in (-1, 0, 1)]
        chosen = nearest_by_tense(dct, [option for option in options if option], context.tense)
        return Point("week", chosen) if chosen else None

    return candidate(match, "DATE", relative(compute), "week_of")


@rule(r"\bthe\s+week\b(?!\s+(?:of|before|after|ago|earlier|later|ahead|that|when)\b|-)")
def the_week(match: re.Match[str], text: str) -> Candidate | None:
    """ "For the week, the index fell 3%": the week of the day just named, else of publication."""

    def resolve(context: Context) -> Resolution:
        reference = context.reference
        if reference is not None and reference.grain in ("day", "part", "time"):
            point = Point("week", reference.day)
        elif context.dct is not None:
            point = Point("week", context.dct)
        else:
            return Resolution(None, True)
        return Resolution(point.value(), True, point)

    return candidate(match, "DATE", resolve, "the_week")
