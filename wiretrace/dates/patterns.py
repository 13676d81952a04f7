"""The forms of temporal expression wiretrace recognises, one rule each (registered in order).

Spans follow the TimeML conventions: determiners and modifiers belong to the
expression ("the third quarter", "last week", "nearly two years"),
prepositions do not ("on Friday" is "Friday").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wiretrace.dates import lexicon as lx
from wiretrace.dates.calendar import Point, plausible_year, season_point
from wiretrace.dates.rules import (
    SHIFT_WORDS,
    Candidate,
    Context,
    Resolution,
    absolute,
    candidate,
    fixed,
    make_date,
    month_by_tense,
    nearest_month_day,
    preceding_words,
    quarter_by_tense,
    relative,
    rule,
    season_by_tense,
    weekday_by_tense,
    with_suffix,
)

MONTH, WEEKDAY, YEAR, DAY = lx.MONTH, lx.WEEKDAY, lx.YEAR, lx.DAY_NUMBER
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

# Words after a four-digit number that show it counts things ("3000 troops").
COUNTED = re.compile(
    r"\s*(?!(?:is|was|has|as|its|this|thus|plus|us|his|hers|ours|yours|theirs|less|unless|whereas|always|perhaps|besides|across)\b)"
    r"(?:[a-z]+s\b|percent|%|people|men|women|children|staff|km|miles|tons|metres|meters|feet)"
)
# Nouns that a year may qualify ("the 2020 elections", "1990 levels").
YEAR_NOUNS = {
    "elections",
    "levels",
    "prices",
    "figures",
    "results",
    "sales",
    "earnings",
    "olympics",
    "games",
    "talks",
    "accords",
    "agreements",
    "protests",
    "riots",
    "events",
    "sanctions",
    "budgets",
    "numbers",
    "terms",
    "dollars",
    "rates",
}
# Words before a four-digit number that make it a count or a label.
NOT_YEAR_BEFORE = {
    "about",
    "some",
    "nearly",
    "almost",
    "than",
    "over",
    "under",
    "only",
    "just",
    "least",
    "roughly",
    "approximately",
    "around",
    "another",
    "top",
    "no.",
    "number",
    "page",
    "room",
    "flight",
    "route",
    "highway",
    "model",
    "windows",
    "to",
    "of",
}
MONTH_CONTEXT = {
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "of",
    "during",
    "through",
    "throughout",
    "between",
    "and",
    "to",
    "before",
    "after",
    "on",
    "for",
    "early",
    "late",
    "mid",
    "mid-",
    "last",
    "next",
    "this",
    "or",
    "end",
    "beginning",
    "start",
    "middle",
    "each",
    "every",
    "late-",
    "early-",
}
SEASON_CONTEXT = MONTH_CONTEXT | {"the", "past", "coming", "over", "that"}


def _day(match_day: str) -> int:
    return int(re.match(r"\d+", match_day).group(0))


# -- absolute dates --------------------------------------------------------------------------


@rule(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?)?(?![\d-])", anywhere=True)
def iso_date(match: re.Match[str], text: str) -> Candidate | None:
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    found = make_date(year, month, day)
    if match.group(4):
        hour, minute = int(match.group(4)), int(match.group(5))
        if found is None or hour > 24 or minute > 59:
            return candidate(match, "TIME", fixed(None), "iso_date")
        value = f"{found.isoformat()}T{hour:02d}:{minute:02d}"
        return candidate(match, "TIME", lambda c: Resolution(value, False, Point("day", found)), "iso_date")
    return candidate(match, "DATE", absolute(Point("day", found) if found else None), "iso_date")


@rule(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])", anywhere=True)
def numeric_date(match: re.Match[str], text: str) -> Candidate | None:
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if len(match.group(3)) == 2:
        year += 1900 if year >= 50 else 2000
    month, day = (first, second) if first <= 12 else (second, first)
    found = make_date(year, month, day)  # None for 31/02/2024: the span is taken, with no value
    return candidate(match, "DATE", absolute(Point("day", found) if found else None), "numeric_date")


_WEEKDAY_LEAD = rf"(?:{WEEKDAY},?\s+)?"


@rule(
    rf"{_WEEKDAY_LEAD}(?:(?:the\s+)?({DAY})(?:\s+of)?\s+({MONTH})|({MONTH})\s+(?:the\s+)?({DAY}))(?:,\s*|\s+)({YEAR})",
    needs=MONTH,
)
def month_day_year(match: re.Match[str], text: str) -> Candidate | None:
    day_text = match.group(1) or match.group(4)
    month = lx.month_number(match.group(2) or match.group(3))
    found = make_date(int(match.group(5)), month, _day(day_text))
    return candidate(match, "DATE", absolute(Point("day", found) if found else None), "month_day_year")


@rule(
    rf"(?:(last|next|this\s+coming|this\s+past)\s+)?{_WEEKDAY_LEAD}(?:(?:the\s+)?({DAY})(?:\s+of)?\s+({MONTH})|({MONTH})\s+(?:the\s+)?({DAY}))(?!,?\d)",
    needs=MONTH,
)
def month_day(match: re.Match[str], text: str) -> Candidate | None:
    day = _day(match.group(2) or match.group(5))
    month = lx.month_number(match.group(3) or match.group(4))
    if make_date(2000, month, day) is None:  # 2000 is a leap year: 29 February exists
        return candidate(match, "DATE", fixed(None), "month_day")
    # "last Oct. 23" is the one before publication, "next May 1" the one after, whatever the tense.
    forced = _DAY_SHIFT_TENSE.get(" ".join((match.group(1) or "").lower().split()))
    return candidate(
        match,
        "DATE",
        relative(
            lambda dct, context: nearest_month_day(dct, month, day, forced or context.tense, not forced)
        ),
        "month_day",
    )


_DAY_SHIFT_TENSE = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}


@rule(rf"({MONTH}),?\s+(?:of\s+)?({YEAR}|{lx.SPOKEN_YEAR})")
def month_year(match: re.Match[str], text: str) -> Candidate | None:
    found = make_date(lx.year_number(match.group(2)) or 0, lx.month_number(match.group(1)))
    return candidate(match, "DATE", absolute(Point("month", found) if found else None), "month_year")


@rule(rf"(?:(last|next|this|that)\s+)?({MONTH})(?!\.?\s*\d)")
def month_only(match: re.Match[str], text: str) -> Candidate | None:
    shift = (match.group(1) or "").lower() or None
    before = preceding_words(text, match.start(), 1)
    after = text[match.end() : match.end() + 30]
    if re.fullmatch(r"[A-Z][a-z]{2,3}", match.group(2)) and re.match(r"\s+[A-Z]", after):
        return None  # "Jan Kavan": an abbreviation without its point before a name is a name
    premodifier = bool(before) and before[-1] in ("the", "a", "an") and _PREMODIFIED.match(after)
    if shift is None and not (before and before[-1] in MONTH_CONTEXT) and not premodifier:
        return None
    month = lx.month_number(match.group(2))
    if match.group(2) == "May" and shift is None and before and before[-1] in ("and", "or", "to"):
        return None
    return candidate(
        match,
        "DATE",
        relative(lambda dct, context: month_by_tense(dct, month, context.tense, shift)),
        "month_only",
    )


# "the October slaying", "a June agreement": a month before the noun it dates.
_PREMODIFIED = re.compile(r"\s+(?!of\b|and\b|or\b)[a-z]{3,}\b")


@rule(rf"(?:(fiscal|calendar|the\s+year)\s+)?({YEAR})", anywhere=True)
def year(match: re.Match[str], text: str) -> Candidate | None:
    number = int(match.group(2))
    if not plausible_year(number):
        return None
    start = match.start(2)
    lead = text[max(0, start - 5) : start].lower()
    around = re.search(r"\b(?:post|pre)-$", lead)  # "post-1959 politics": the year is the date
    if re.search(r"\w-$", lead) and not lead.endswith("mid-") and not around:
        return None
    before = preceding_words(text, match.start(), 1)
    after = text[match.end() : match.end() + 20]
    qualifier = match.group(1)
    if not qualifier and not around:
        if before and before[-1] in NOT_YEAR_BEFORE and before[-1] not in ("of", "to"):
            return None
        counted = COUNTED.match(after)
        if counted and counted.group(0).strip().lower() not in YEAR_NOUNS:
            return None
        if number < 1700 and not (before and before[-1] in ("in", "since", "of", "by", "until", "year")):
            return None
    point = Point("year", date(number, 1, 1))
    if around:
        return Candidate(start - len(around.group(0)), match.end(), "DATE", absolute(point), "year")
    return candidate(match, "DATE", absolute(point), "year")


@rule(
    r"(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:((?:1[0-9]|20)\d0)'?s|'(\d0)s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    anywhere=True,
    needs=r"\d0'?s|ties",
)
def decade(match: re.Match[str], text: str) -> Candidate | None:
    if match.group(1):
        value = match.group(1)[:3]
        return candidate(match, "DATE", fixed(value), "decade")
    tens = int(match.group(2)[0]) if match.group(2) else _DECADE_WORDS[match.group(3).lower()]

    def latest(dct: date, context: Context) -> Point | None:
        year = dct.year // 100 * 100 + tens * 10
        if year > dct.year:
            year -= 100
        return Point("decade", date(year, 1, 1))

    return candidate(match, "DATE", relative(latest), "decade")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
_CENTURY_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
}


@rule(
    r"(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_CENTURY_WORDS) + r"))\s+century",
    needs="century",
)
def century(match: re.Match[str], text: str) -> Candidate | None:
    number = int(match.group(1)) if match.group(1) else _CENTURY_WORDS[match.group(2).lower()]
    if not 1 <= number <= 22:
        return None
    return candidate(match, "DATE", fixed(f"{number - 1:02d}"), "century")


# -- quarters, halves, seasons ------------------------------------------------------------------


@rule(
    rf"(?:the\s+)?(?:fiscal[- ])?({ORDINAL})[- ](?:fiscal[- ])?quarter(?!ly)(?:\s+(?:of\s+)?(?:fiscal\s+)?({YEAR}))?"
)
def ordinal_quarter(match: re.Match[str], text: str) -> Candidate | None:
    quarter = lx.ORDINALS[match.group(1).lower()]
    if match.group(2):
        found = make_date(int(match.group(2)), 3 * quarter - 2)
        return candidate(match, "DATE", absolute(Point("quarter", found) if found else None), "quarter")
    return candidate(
        match,
        "DATE",
        relative(lambda dct, context: quarter_by_tense(dct, quarter, context.tense)),
        "quarter",
    )


@rule(rf"(?-i:\bQ([1-4]))(?:(?:\s*|[-/])({YEAR}))?\b")
def short_quarter(match: re.Match[str], text: str) -> Candidate | None:
    quarter = int(match.group(1))
    if match.group(2):
        found = make_date(int(match.group(2)), 3 * quarter - 2)
        return candidate(match, "DATE", absolute(Point("quarter", found) if found else None), "quarter")
    return candidate(
        match,
        "DATE",
        relative(lambda dct, context: quarter_by_tense(dct, quarter, context.tense)),
        "quarter",
    )


@rule(
    r"(this|last|next|that|the\s+(?:latest|current|most\s+recent|recent|previous|past|last|next|coming|same|comparable|year-earlier|year-ago|fiscal|latest\s+fiscal)|the)\s+(quarter|period)\b(?!-)"
)
def named_quarter(match: re.Match[str], text: str) -> Candidate | None:
    words = " ".join(match.group(1).lower().split())
    period = match.group(2).lower() == "period"
    if period and words not in (
        "the latest",
        "the year-earlier",
        "the year-ago",
        "the comparable",
        "the same",
    ):
        return None

    def resolve(context: Context) -> Resolution:
        if context.dct is None:
            return Resolution(None, True)
        reference = context.reference if context.reference and context.reference.grain == "quarter" else None
        if reference is not None and reference.day > context.dct:
            reference = None  # a quarter still to come is no period under report
        current = Point("quarter", context.dct)
        if words in ("this", "the current"):
            point = current
        elif words in ("next", "the next", "the coming"):
            point = current.shift(1)
        elif words in ("the year-earlier", "the year-ago", "the comparable"):
            point = (reference or current.shift(-1)).shift(-4)
        elif period and reference is None and words != "the latest":
            return Resolution(None, True)
        elif words in ("last", "the previous", "the past", "the last"):
            point = current.shift(-1)
        elif words == "that":
            point = reference
            if point is None:
                return Resolution(None, True)
        else:
            point = reference or current.shift(-1)
        return Resolution(point.value() if point else None, True, point)

    shifted = words in ("the year-earlier", "the year-ago", "the comparable")
    return candidate(match, "DATE", resolve, "year_ago_quarter" if shifted else "named_quarter")


@rule(
    rf"(?:the\s+)?(first|second|1st|2nd|last|latter)\s+half(?:\s+of\s+(?:(?:the|this)\s+(year)|(?:fiscal\s+)?({YEAR})))?"
)
def half(match: re.Match[str], text: str) -> Candidate | None:
    number = 1 if match.group(1).lower() in ("first", "1st") else 2
    if match.group(1).lower() in ("last", "latter") and not (match.group(2) or match.group(3)):
        return None  # "the last half" alone may count back from now; only "of 1989" makes it H2
    if match.group(3):
        found = make_date(int(match.group(3)), 6 * number - 5)
        return candidate(match, "DATE", absolute(Point("half", found) if found else None), "half")
    if not match.group(2) and not match.group(0).lower().startswith("the"):
        return None

    def compute(dct: date, context: Context) -> Point | None:
        year = dct.year
        if number == 2 and dct.month <= 6 and context.tense == "past":
            year -= 1
        return Point("half", date(year, 6 * number - 5, 1))

    return candidate(match, "DATE", relative(compute), "half")


@rule(
    rf"(?:(this|last|next|the\s+past|the\s+coming)\s+)?({lx.SEASON})(?:\s+(?:of\s+)?({YEAR}|{lx.SPOKEN_YEAR}))?\b"
)
def season(match: re.Match[str], text: str) -> Candidate | None:
    shift_word = (match.group(1) or "").lower().split()
    shift = shift_word[-1] if shift_word else None
    code = lx.SEASONS[match.group(2).lower()]
    if match.group(3):
        year_number = lx.year_number(match.group(3)) or 0
        if not plausible_year(year_number):
            return None
        the = re.search(r"\bthe\s+$", text[max(0, match.start() - 8) : match.start()], re.I)
        start = match.start() - (len(the.group(0)) if the and not match.group(1) else 0)
        return Candidate(start, match.end(), "DATE", absolute(season_point(year_number, code)), "season")
    before = preceding_words(text, match.start(), 1)
    if shift is None and not (before and before[-1] in SEASON_CONTEXT):
        return None
    if shift is None and before[-1] in _VERB_LEADS and code in ("FA", "SP"):
        return None  # "began to fall apart", "prices could fall", "to spring up"
    if re.match(r"\s+of\b", text[match.end() :]):
        return None
    start = match.start()
    if shift is None and before and before[-1] == "the":
        start = text.rfind("the", 0, match.start())
    mapped = {"past": "last", "coming": "next"}.get(shift, shift)
    return Candidate(
        start,
        match.end(),
        "DATE",
        relative(lambda dct, context: season_by_tense(dct, code, context.tense, mapped)),
        "season",
    )


# Words before "fall" or "spring" that make it a verb.
_VERB_LEADS = {"to", "will", "would", "could", "may", "might", "can", "should", "must", "not", "also", "n't"}


# -- days relative to the publication date --------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@rule(
    r"\b(today|yesterday|tomorrow|tonight)\b(?:\s+(morning|afternoon|evening|night)\b)?|\b(last|this)\s+(morning|afternoon|evening|night)\b|\bthe\s+day\s+(before\s+yesterday|after\s+tomorrow)\b"
    r"|\b(?:(?:early|late|mid)[- ]?)?(morning|afternoon|evening|night)\s+(yesterday|today|tomorrow)\b"
)
def relative_day(match: re.Match[str], text: str) -> Candidate | None:
    if match.group(6):  # "mid-afternoon yesterday"
        offset, part = _DAY_OFFSETS[match.group(7).lower()], match.group(6).lower()
    elif match.group(5):
        offset = -2 if match.group(5).lower().startswith("before") else 2
        part = None
    elif match.group(3):
        word, part = match.group(3).lower(), match.group(4).lower()
        offset = -1 if word == "last" else 0
        if word == "last" and part != "night":
            return None
    else:
        word = match.group(1).lower()
        offset = _DAY_OFFSETS[word]
        part = "night" if word == "tonight" else (match.group(2) or "").lower() or None
    resolve = relative(lambda dct, context: Point("day", dct + timedelta(days=offset)))
    if part:
        return candidate(match, "TIME", with_suffix(resolve, "T" + lx.PARTS_OF_DAY[part]), "relative_day")
    return candidate(match, "DATE", resolve, "relative_day")


@rule(rf"({MONTH})\s+({DAY})(?:\s+(?:and|or)\s+|\s*[-–]\s*)({DAY})\b(?!\s*(?:%|[a-z]))")
def second_day(match: re.Match[str], text: str) -> Candidate | None:
    """The second day of "April 24 and 25" (the first is a date of its own), in the first's year."""
    month, day = lx.month_number(match.group(1)), _day(match.group(3))
    if make_date(2000, month, day) is None or day <= _day(match.group(2)):
        return None

    def resolve(context: Context) -> Resolution:
        first = context.reference
        if first is not None and first.grain == "day" and first.day.month == month:
            point = Point("day", date(first.day.year, month, day))
            return Resolution(point.value(), True, point)
        if context.dct is None:
            return Resolution(None, True)
        point = nearest_month_day(context.dct, month, day, context.tense)
        return Resolution(point.value() if point else None, True, point)

    return candidate(match, "DATE", resolve, "month_day", 3)


@rule(
    rf"(?:(last|next|this|this\s+coming|this\s+past|the\s+previous|the\s+following|the\s+next|coming|past)\s+)?({WEEKDAY})(?:,?\s+({lx.PART_OF_DAY})\b)?",
    needs=WEEKDAY,
)
def weekday(match: re.Match[str], text: str) -> Candidate | None:
    number = lx.weekday_number(match.group(2))
    if number is None:
        return None
    if re.fullmatch(r"[a-z]+days", match.group(2), re.I):  # "on Mondays"
        return candidate(match, "SET", fixed(f"XXXX-WXX-{number + 1}"), "weekday")
    shift_words = (match.group(1) or "").lower().split()
    shift = shift_words[-1] if shift_words else None
    relative_to_reference = shift in ("previous", "following") and shift_words[0] == "the"

    def compute(dct: date, context: Context) -> Point | None:
        base = dct
        if relative_to_reference and context.reference and context.reference.grain in ("day", "time", "part"):
            base = context.reference.day
        return weekday_by_tense(base, number, context.tense, shift)

    resolve = relative(compute)
    if match.group(3):
        part = lx.PARTS_OF_DAY[match.group(3).lower()]
        return candidate(match, "TIME", with_suffix(resolve, "T" + part), "weekday")
    return candidate(match, "DATE", resolve, "weekday")


_GRAIN_OF = {
    "week": "week",
    "weekend": "weekend",
    "month": "month",
    "year": "year",
    "quarter": "quarter",
    "decade": "decade",
    "century": "century",
    "fiscal year": "year",
    "day": "day",
}


@rule(
    r"(last|this|next|past|previous|coming|current|following|the\s+previous|the\s+following|the\s+current|the\s+coming|the\s+next|the\s+past|the\s+last|that|the\s+same)\s+(week|weekend|month|year|quarter|decade|century|fiscal\s+year|day)\b"
)
def relative_period(match: re.Match[str], text: str) -> Candidate | None:
    words = " ".join(match.group(1).lower().split())
    unit = " ".join(match.group(2).lower().split())
    grain = _GRAIN_OF[unit]
    if match.group(2)[0].isupper():
        return None  # "This Week", "Next Year": the name of a programme or a title
    if unit == "quarter" and words in ("this", "last", "next", "the previous", "the current"):
        return None  # named_quarter handles these
    if words in ("the past", "the last", "the next", "the coming", "past") and unit not in ("weekend", "day"):
        code = lx.duration_value(1, "year" if unit == "fiscal year" else unit)
        return candidate(match, "DURATION", fixed(code), "relative_period")
    if unit == "day" and words not in ("that", "the same", "the previous", "the following", "the next"):
        return None
    if words in ("that", "the same", "the previous", "the following", "the next"):
        offset = {"the previous": -1, "the following": 1, "the next": 1}.get(words, 0)

        def from_reference(context: Context) -> Resolution:
            base = context.reference
            if base is None or base.grain not in ("day", "time", "part", "week", "month", "quarter", "year"):
                return Resolution(None, True)
            if _finer(grain, base.grain):
                return Resolution(None, True)
            point = Point(grain, base.day).shift(offset) if offset else Point(grain, base.day)
            return Resolution(point.value() if point else None, True, point)

        return candidate(match, "DATE", from_reference, "relative_period")
    offset = SHIFT_WORDS.get(words.split()[-1], 0)

    def compute(dct: date, context: Context) -> Point | None:
        if grain == "weekend":
            return _weekend(dct, offset, context.tense)
        return Point(grain, dct).shift(offset)

    return candidate(match, "DATE", relative(compute), "relative_period")


def _finer(grain: str, than: str) -> bool:
    order = ["time", "part", "day", "weekend", "week", "month", "quarter", "year"]
    return order.index(grain) < order.index(than) if grain in order and than in order else True


def _weekend(dct: date, offset: int, tense: str | None) -> Point:
    """The weekend before the DCT (past), the coming one (future), shifted by whole weeks."""
    saturday = dct - timedelta(days=(dct.weekday() - 5) % 7)
    if tense == "future" or offset > 0:
        saturday = dct + timedelta(days=(5 - dct.weekday()) % 7)
        offset = max(offset - 1, 0)
    return Point("weekend", saturday + timedelta(weeks=offset if offset >= 0 else 0))


@rule(r"\bthe\s+weekend\b")
def the_weekend(match: re.Match[str], text: str) -> Candidate | None:
    return candidate(
        match, "DATE", relative(lambda dct, context: _weekend(dct, 0, context.tense)), "the_weekend"
    )


@rule(r"\bthe\s+(end|beginning|start|middle)\s+of\s+(?:the|this)\s+(year|month|week|decade|quarter)\b")
def end_of_period(match: re.Match[str], text: str) -> Candidate | None:
    grain = match.group(2).lower()
    return candidate(match, "DATE", relative(lambda dct, context: Point(grain, dct)), "end_of_period")


# -- counted periods: durations and "ten years ago" ---------------------------------------------


# Units that "later"/"earlier" count from an event, not a date: "three days later" is the
# duration "three days" (TimeML leaves "later" out as a signal); so are clock units. Years count from the period
# just reported ("up from a year earlier") and stay dates.
_EVENT_OFFSET_UNITS = {"day", "night", "week", "fortnight", "month"}
# "A decade ago" is a year ten years back; a fortnight is two weeks.
_GRAIN_OF_UNIT = {"night": "day", "fortnight": "week", "decade": "year", "millennium": "century"}
_PERIODS_PER_UNIT = {"fortnight": 2, "decade": 10, "millennium": 10}


@rule(
    rf"\b(?:{lx.APPROX}\s+)?({lx.COUNT})(?:\s+more)?[- ]({lx.UNIT})(?:\s+or\s+so)?\s+(ago|earlier|later|from\s+now|hence|back|before)\b",
    needs=rf"{lx.UNIT}(?:\s+or\s+so)?\s+(?:ago|earlier|later|from\s+now|hence|back|before)\b",
)
def counted_ago(match: re.Match[str], text: str) -> Candidate | None:
    count = lx.parse_count(match.group(1))
    unit = lx.unit_name(match.group(2))
    direction = " ".join(match.group(3).lower().split())
    if direction == "before" and not re.match(r"\s*[,.;:)]", text[match.end() :]):
        return None  # "two days before the vote": counted from an event, not a date
    sign = 1 if direction in ("later", "from now", "hence") else -1
    from_reference = direction in ("earlier", "later", "before")
    if from_reference and (unit in _EVENT_OFFSET_UNITS or unit in lx.CLOCK_UNITS):
        return None  # "three days later", "a few days later": the duration rule takes the count alone
    if count is None:
        return candidate(match, "DATE", fixed("PAST_REF" if sign < 0 else "FUTURE_REF"), "counted_ago")
    if unit in lx.CLOCK_UNITS or count != int(count):
        return None  # "two hours ago", "1.5 years ago": the duration rule takes the count alone
    periods = int(count) * _PERIODS_PER_UNIT.get(unit, 1)
    grain = _GRAIN_OF_UNIT.get(unit, unit)

    def resolve(context: Context) -> Resolution:
        reference = context.reference
        if from_reference and reference is not None:
            base = reference
        elif context.dct is not None:
            base = Point("day", context.dct)
        else:
            return Resolution(None, True)
        if grain == "year" and reference is not None and reference.grain == "quarter":
            point = reference.shift(sign * 4 * periods)
        else:
            point = Point(grain, base.day).shift(sign * periods)
        return Resolution(point.value() if point else None, True, point)

    return candidate(match, "DATE", resolve, "counted_ago")


@rule(
    rf"\b(?:{lx.APPROX}\s+)?(?:the\s+)?(?:(past|last|next|coming|first|previous|following|latest|final|initial|remaining|last\s+few|past\s+few|next\s+few)\s+)?({lx.COUNT})(?:\s+(?:more|full|straight|consecutive|additional|long|trading|business|working))?[- ]({lx.UNIT})(\s+and\s+a\s+half)?(?:[- ](?:long|old))?\b",
    needs=rf"[- ]{lx.UNIT}\b",
)
def duration(match: re.Match[str], text: str) -> Candidate | None:
    count_text = match.group(2).lower()
    unit_text = match.group(3).lower()
    unit = lx.unit_name(unit_text)
    count = lx.parse_count(count_text)
    if count is not None and match.group(4):
        count += 0.5  # "a minute and a half"
    plural = unit_text.endswith("s") or unit_text in ("millennia", "centuries")
    hyphenated = text[match.start(3) - 1] == "-"  # "a one-day trip", "a one-year term"
    if match.group(3)[0].isupper() and not match.group(2)[0].isalpha():
        return None  # "60 Minutes": a name
    if count_text in ("a", "an") and re.search(r"-long$", match.group(0)):
        return None  # "a day-long hearing": the article belongs to the noun (see while_or_long)
    counted_from = re.match(r"\s+(?:later|earlier|after|before)\b", text[match.end() :])
    if count_text in ("a", "an", "one") and not (
        hyphenated or counted_from or match.group(1) or re.match(rf"{lx.APPROX}\s", match.group(0), re.I)
    ):
        before = preceding_words(text, match.start(), 1)
        if not before or before[-1] not in _DURATION_LEADS:
            return None
    if count_text == "some" and not plural:
        return None
    if re.search(r"[- ]old$", match.group(0), re.I) or re.match(r"\s+old\b", text[match.end() :]):
        return None  # an age ("the 52-year-old", "52 years old") is not a time of the story
    if unit == "quarter" and (hyphenated or re.match(_OF_A_WHOLE, text[match.end() :])):
        return None  # "three-quarters of the vote" is a fraction; "two quarters of losses" is time
    return candidate(match, "DURATION", fixed(lx.duration_value(count, unit)), "duration")


_OF_A_WHOLE = re.compile(r"\s+of\s+(?:the|a|an|its|their|his|her|our|all|those|these|this|that)\b", re.I)
_DURATION_LEADS = {
    "for",
    "in",
    "within",
    "over",
    "after",
    "than",
    "of",
    "about",
    "nearly",
    "almost",
    "least",
    "some",
    "just",
    "only",
    "under",
    "to",
    "another",
    "spent",
    "took",
    "lasted",
    "last",
    "past",
}


@rule(
    r"\b(?:(?:in|for|over|within|after|during|of)\s+)((?:recent\s+|the\s+coming\s+|coming\s+)?(years|months|weeks|decades|centuries|days|hours|minutes))\b"
    r"|\b(the\s+(years|months|weeks|days)\s+ahead)\b"
)
def vague_period(match: re.Match[str], text: str) -> Candidate | None:
    """An uncounted stretch: "for years", "in recent months", "the weeks ahead" (PXY, PXM...)."""
    group = 1 if match.group(1) else 3
    unit = lx.unit_name(match.group(group + 1).lower())
    return candidate(match, "DURATION", fixed(lx.duration_value(None, unit)), "vague_period", group)


@rule(r"\b(?:for|in|after)\s+(a\s+while)\b|\b((?:day|week|month|year|hour|decade)(s?))-long\b")
def while_or_long(match: re.Match[str], text: str) -> Candidate | None:
    """ "for a while" (PXX: no unit to count in), "a day-long meeting" (P1D), "decades-long" (PXE)."""
    if match.group(1):
        return candidate(match, "DURATION", fixed("PXX"), "vague_period", 1)
    unit = lx.unit_name(match.group(2).lower())
    count = None if match.group(3) else 1
    start = match.start(2)
    return Candidate(start, match.end(), "DURATION", fixed(lx.duration_value(count, unit)), "duration")


# -- reference words: now, recently, the future -----------------------------------------------------

_REFERENCES = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "an earlier date": "PAST_REF",
}


@rule(
    r"\b(right\s+now|now|currently|at\s+present|presently|nowadays|these\s+days|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future"
    r"|the\s+(?:near|short|long)\s+term|a\s+later\s+date|an\s+earlier\s+date)\b(?!-)"
)
def reference_word(match: re.Match[str], text: str) -> Candidate | None:
    words = " ".join(match.group(1).lower().split())
    after = text[match.end() : match.end() + 12].lower()
    if _inside_a_name(match.group(1)):
        return None  # "the Future Technologies Forum"
    if words == "the past" and re.match(
        r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?|\d)", after
    ):
        return None
    return candidate(match, "DATE", fixed(_REFERENCES[words]), "reference_word")


def _inside_a_name(words: str) -> bool:
    """Capitalised words after the first: the phrase is part of a name."""
    return any(word[:1].isupper() for word in words.split()[1:])


@rule(r"\b(recent|current)\b(?!\s+(?:account|affairs|events|account|year|quarter|month|week|situation)s?\b)")
def reference_adjective(match: re.Match[str], text: str) -> Candidate | None:
    before = preceding_words(text, match.start(), 1)
    if not before or before[-1] not in ("the", "its", "their", "his", "her", "in", "a", "our", "this"):
        return None
    value = "PAST_REF" if match.group(1).lower() == "recent" else "PRESENT_REF"
    return candidate(match, "DATE", fixed(value), "reference_adjective")


# -- clock times ---------------------------------------------------------------------------------

ZONES = {
    "est": "-05:00",
    "edt": "-04:00",
    "cst": "-06:00",
    "cdt": "-05:00",
    "mst": "-07:00",
    "mdt": "-06:00",
    "pst": "-08:00",
    "pdt": "-07:00",
    "gmt": "Z",
    "utc": "Z",
    "bst": "+01:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "msk": "+03:00",
    "jst": "+09:00",
    "ist": "+05:30",
    "aest": "+10:00",
    "aedt": "+11:00",
}
ZONE = r"(?-i:(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|MSK|JST|IST|AEST|AEDT)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?)"


def zone_offset(zone: str | None) -> str:
    """ISO offset of a zone name as news writes it: EST, GMT+10, UTC-3:30."""
    if not zone:
        return ""
    name = re.match(r"[A-Za-z]+", zone).group(0).lower()
    shift = re.search(r"([+-])\s?(\d{1,2})(?::?(\d{2}))?", zone)
    if shift and name in ("gmt", "utc"):
        hours, minutes = int(shift.group(2)), int(shift.group(3) or 0)
        if hours > 14 or minutes > 59:
            return ""
        return f"{shift.group(1)}{hours:02d}:{minutes:02d}" if hours or minutes else "Z"
    return ZONES.get(name, "")


@rule(
    rf"(?:(?:about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(\d{{1,2}})(?:[:.](\d{{2}}))?\s*(a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)(?:\s+({ZONE}))?"
)
def clock_time(match: re.Match[str], text: str) -> Candidate | None:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    if match.group(3).lower().startswith("p") and hour != 12:
        hour += 12
    elif match.group(3).lower().startswith("a") and hour == 12:
        hour = 0
    suffix = f"T{hour:02d}:{minute:02d}{zone_offset(match.group(4))}"
    return candidate(match, "TIME", _on_dct_day(suffix), "clock_time")


@rule(
    rf"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?:\s+({ZONE})|\s+(?:hours|hrs|GMT))",
    anywhere=True,
    needs=r"\d:\d",
)
def clock_time_24(match: re.Match[str], text: str) -> Candidate | None:
    hour, minute = int(match.group(1)), int(match.group(2))
    suffix = f"T{hour:02d}:{minute:02d}{zone_offset(match.group(3))}"
    return candidate(match, "TIME", _on_dct_day(suffix), "clock_time")


@rule(r"\b(noon|midnight|midday|mid-day)\b")
def named_time(match: re.Match[str], text: str) -> Candidate | None:
    if preceding_words(text, match.start(), 1) == ["high"] or _capitalised_mid_sentence(text, match.start()):
        return None  # "high noon", "High Noon": a figure of speech or a title
    suffix = "T24:00" if match.group(1).lower() == "midnight" else "T12:00"
    return candidate(match, "TIME", _on_dct_day(suffix), "named_time")


def _capitalised_mid_sentence(text: str, start: int) -> bool:
    """A capital after a word (not after a full stop): part of a name."""
    return text[start].isupper() and bool(re.search(r"[A-Za-z,]\s+$", text[max(0, start - 5) : start]))


def _on_dct_day(suffix: str):
    return with_suffix(relative(lambda dct, context: Point("day", dct)), suffix)


# -- sets: daily, every Monday ----------------------------------------------------------------------

_SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
    "semiannually": "P6M",
}
_SET_UNITS = {
    "hour": "PT1H",
    "day": "P1D",
    "night": "P1D",
    "week": "P1W",
    "month": "P1M",
    "quarter": "P1Q",
    "year": "P1Y",
    "annum": "P1Y",
    "decade": "P1E",
}


@rule(
    rf"\b(hourly|daily|nightly|weekly|biweekly|monthly|annually|yearly|semiannually)\b|\b(?:every|each)\s+(?:single\s+)?(?:(other)\s+)?(hour|day|night|week|month|quarter|year|decade|morning|afternoon|evening|{WEEKDAY}|{MONTH}|{lx.SEASON})\b|\b(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per|each|every)\s+(hour|day|week|month|quarter|year|decade)\b|\bper\s+(annum|hour|day|week|month|year)\b"
)
def frequency(match: re.Match[str], text: str) -> Candidate | None:
    if match.group(1):
        word = match.group(1).lower()
        if word in ("daily", "weekly", "monthly") and _names_a_periodical(text, match):
            return None
        return candidate(match, "SET", fixed(_SET_WORDS[word]), "frequency")
    unit = (match.group(3) or match.group(4) or match.group(5) or "").lower()
    if unit in _SET_UNITS:
        value = _SET_UNITS[unit]
        if match.group(2):
            value = re.sub(r"1", "2", value, count=1)
        return candidate(match, "SET", fixed(value), "frequency")
    if unit in lx.PARTS_OF_DAY:
        return candidate(match, "SET", fixed(f"XXXX-XX-XXT{lx.PARTS_OF_DAY[unit]}"), "frequency")
    if lx.weekday_number(unit) is not None:
        return candidate(match, "SET", fixed(f"XXXX-WXX-{lx.weekday_number(unit) + 1}"), "frequency")
    if lx.month_number(unit) is not None:
        return candidate(match, "SET", fixed(f"XXXX-{lx.month_number(unit):02d}"), "frequency")
    if unit in lx.SEASONS:
        return candidate(match, "SET", fixed(f"XXXX-{lx.SEASONS[unit]}"), "frequency")
    return None


def _names_a_periodical(text: str, match: re.Match[str]) -> bool:
    """ "the business daily Kommersant", "a weekly newspaper": the word names a publication."""
    before = preceding_words(text, match.start(), 1)
    after = text[match.end() : match.end() + 30]
    if before and before[-1] in (
        "business",
        "financial",
        "national",
        "local",
        "regional",
        "a",
        "economic",
        "sports",
    ):
        return True
    return bool(re.match(r"\s+(?:[A-Z]|newspaper|paper|magazine|news\b|journal|tabloid|publication)", after))


@rule(rf"\bthe\s+({YEAR})\s+(?:({ORDINAL})\s+)?(quarter|period)\b")
def year_quarter(match: re.Match[str], text: str) -> Candidate | None:
    number = int(match.group(1))
    if not plausible_year(number):
        return None
    ordinal = match.group(2)

    def resolve(context: Context) -> Resolution:
        if ordinal:
            quarter = lx.ORDINALS[ordinal.lower()]
        elif context.reference is not None and context.reference.grain == "quarter":
            quarter = (context.reference.day.month - 1) // 3 + 1
        elif context.dct is not None:  # no quarter named yet: the last one completed is under report
            quarter = (Point("quarter", context.dct).shift(-1).day.month - 1) // 3 + 1
        else:
            return Resolution(None)
        point = Point("quarter", date(number, 3 * quarter - 2, 1))
        return Resolution(point.value(), False, point)

    return candidate(match, "DATE", resolve, "year_quarter")


@rule(r"\b(?:the\s+)?(?:comparable\s+)?year[- ](?:earlier|ago)\b(?!\s+(?:quarter|period))")
def year_earlier(match: re.Match[str], text: str) -> Candidate | None:
    """ "year-earlier results": the reference period a year back (a quarter stays a quarter)."""

    def resolve(context: Context) -> Resolution:
        reference = context.reference
        if reference is not None and reference.grain in ("quarter", "month", "half"):
            point = reference.shift(-{"quarter": 4, "month": 12, "half": 2}[reference.grain])
        elif context.dct is not None:
            point = Point("year", context.dct).shift(-1)
        else:
            return Resolution(None, True)
        return Resolution(point.value() if point else None, True, point)

    return candidate(match, "DATE", resolve, "year_earlier")


@rule(rf"({MONTH})\s+(this|last|next)\s+year\b")
def month_of_relative_year(match: re.Match[str], text: str) -> Candidate | None:
    month = lx.month_number(match.group(1))
    offset = SHIFT_WORDS[match.group(2).lower()]
    return candidate(
        match,
        "DATE",
        relative(lambda dct, context: Point("month", date(dct.year + offset, month, 1))),
        "month_year",
    )
