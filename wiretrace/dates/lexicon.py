"""Words for times: months, weekdays, numbers, units, and the regular-expression pieces built from them."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Counts that TimeML writes as X ("several years" is PXY); "a couple of" counts two.
VAGUE_COUNTS = (
    "a few",
    "few",
    "several",
    "many",
    "some",
    "a number of",
    "numerous",
    "a couple of",
    "couple of",
)

# TIMEX3 duration letters by unit; hours and smaller go after the T.
UNIT_CODES = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "millennium": "L",
}
CLOCK_UNITS = {"second", "minute", "hour"}
UNIT_FORMS = {
    "seconds": "second",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "nights": "night",
    "weeks": "week",
    "fortnights": "fortnight",
    "months": "month",
    "quarters": "quarter",
    "years": "year",
    "decades": "decade",
    "centuries": "century",
    "millennia": "millennium",
    "millenniums": "millennium",
}

# -- regular-expression pieces (case-insensitive unless marked) --------------------------

_month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
_month_short = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
# Month names must be capitalised ("may" and "march" are verbs too).
MONTH = rf"(?-i:(?:{_month_names.title()}|{_month_names.upper()})\b|(?:{_month_short.title()})\.?(?![a-z]))"
_weekday_names = "|".join(WEEKDAYS)
_weekday_short = "|".join(sorted(WEEKDAY_ABBREVIATIONS, key=len, reverse=True))
WEEKDAY = rf"(?-i:(?:{_weekday_names.title()}|{_weekday_names.upper()})s?\b|(?:{_weekday_short.title()})\.)"
YEAR = r"(?<![\d,.$£€#])(?:1[0-9]|20|21)\d\d(?![\d%])(?![,.]\d)"
DAY_NUMBER = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_small = "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
_tens = "|".join(TENS)
WORD_NUMBER = (
    rf"(?:(?:{_tens})(?:[- ](?:{_small}))?|(?:(?:a|{_small}) )?hundred|(?:(?:a|{_small}) )?thousand|{_small})"
)
_vague = "|".join(VAGUE_COUNTS)
COUNT = rf"(?:(?<![\d,.])\d{{1,3}}(?:\.\d+)?(?: 1/2)?|{WORD_NUMBER}(?: and a half)?|an?(?: half)?|{_vague})"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a|ums))"
APPROX = r"(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|fewer than|at least|at most|over|under|up to|just|only|within|another|barely|close to|upwards of)"
APPROX_MODS = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
}


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def weekday_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    if key.endswith("s") and key[:-1] in WEEKDAYS:
        key = key[:-1]
    return WEEKDAYS.get(key, WEEKDAY_ABBREVIATIONS.get(key))


def parse_count(text: str) -> float | None:
    """The number a count phrase names; None for vague counts ("several")."""
    words = text.lower().strip()
    half = 0.5 if words.endswith((" and a half", " 1/2")) else 0.0
    words = words.removesuffix(" and a half").removesuffix(" 1/2")
    if words in ("a couple of", "couple of"):
        return 2.0 + half
    if words in VAGUE_COUNTS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) + half
    if words in ("a", "an"):
        return 1.0 + half
    if words in ("a half", "an half"):
        return 0.5
    total = 0
    for word in re.split(r"[- ]+", words):
        if word in ("a", "one") and "hundred" in words or word in ("a", "one") and "thousand" in words:
            total = max(total, 1)
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word in TENS:
            total += TENS[word]
        elif word in SMALL_NUMBERS:
            total += SMALL_NUMBERS[word]
        else:
            return None
    return float(total) + half


def unit_name(word: str) -> str:
    key = word.lower()
    return UNIT_FORMS.get(key, key)


def duration_value(count: float | None, unit: str) -> str:
    """A TIMEX3 duration: P2Y, PT4H; X for a vague count; a fraction in the next smaller unit
    where it comes out whole (P2Y6M, PT5H30M), else as a decimal (P1.5W).

    Decades and counted centuries are written in years, the unit ISO 8601 has ("two decades"
    P20Y, "several decades" PXY); uncounted centuries keep TimeML's C ("for centuries" PXC).
    """
    if unit == "decade":
        unit, count = "year", None if count is None else count * 10  # "two decades": P20Y
    elif unit in IN_YEARS and count is not None:
        count, unit = count * IN_YEARS[unit], "year"  # "a century": P100Y
    code = UNIT_CODES[unit]
    if unit == "fortnight" and count is not None:
        count *= 2
    if count is None:
        return f"PTX{code}" if unit in CLOCK_UNITS else f"PX{code}"
    whole = int(count)
    parts = [(whole, unit)] if whole else []
    if count != whole:
        smaller = SMALLER_UNIT.get(unit)
        rest = (count - whole) * smaller[1] if smaller else None
        if rest is None or rest != int(rest):
            parts = [(count, unit)]
        else:
            parts.append((int(rest), smaller[0]))
    dated = "".join(f"{amount:g}{UNIT_CODES[name]}" for amount, name in parts if name not in CLOCK_UNITS)
    timed = "".join(f"{amount:g}{UNIT_CODES[name]}" for amount, name in parts if name in CLOCK_UNITS)
    return "P" + dated + (f"T{timed}" if timed else "")


# Larger units written as years when counted.
IN_YEARS = {"century": 100, "millennium": 1000}
# The unit a fraction is written in, and how many of it make the larger one.
SMALLER_UNIT = {
    "year": ("month", 12),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


# -- years said in words, as broadcast transcripts write them ---------------------------------

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_unit_words = "|".join(_UNITS)
_teen_words = "|".join(word for word, number in SMALL_NUMBERS.items() if number >= 10)
_tens_words = "|".join(TENS)
_two_digits = rf"(?:(?:{_tens_words})(?:[- ](?:{_unit_words}))?|{_teen_words}|oh[- ](?:{_unit_words}))"
# "nineteen ninety-six", "eighteen hundred", "twenty twenty-one", "two thousand (and) one".
SPOKEN_YEAR = (
    rf"(?:(?:eighteen|nineteen|twenty)[- ](?:hundred|{_two_digits})\b"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_unit_words}|{_teen_words}|twenty(?:[- ](?:{_unit_words}))?))?\b)"
)


def spoken_year(text: str) -> int | None:
    """The year a spoken form names ("nineteen ninety-six" is 1996); None if it names none."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[:2] == ["two", "thousand"]:
        rest = [word for word in words[2:] if word != "and"]
        return 2000 + (_two_digit_number(rest) if rest else 0)
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}.get(words[0])
    if century is None or len(words) < 2:
        return None
    if words[1:] == ["hundred"]:
        return century
    if words[1] == "oh":
        return century + SMALL_NUMBERS.get(words[2], 0) if len(words) == 3 else None
    return century + _two_digit_number(words[1:])


def _two_digit_number(words: list[str]) -> int:
    total = 0
    for word in words:
        total += TENS.get(word, SMALL_NUMBERS.get(word, 0))
    return total


def year_number(text: str) -> int | None:
    """A year written in digits or in words."""
    text = text.strip()
    return int(text) if text.isdigit() else spoken_year(text)
