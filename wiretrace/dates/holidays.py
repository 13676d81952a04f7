"""Named days of the year: their dates in a given year (TimeML gives a holiday its day as value).

Fixed holidays fall on the same day every year; movable ones are counted
(the fourth Thursday of November) or follow Easter (``dateutil.easter``).
Where a holiday differs by country, the US date is taken (Thanksgiving, Labor
Day, Election Day); days that many countries hold on different dates
("Independence Day") are left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-based; -1 for the last) ``weekday`` (Monday 0) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _nth(month: int, weekday: int, nth: int) -> Callable[[int], date]:
    return lambda year: nth_weekday(year, month, weekday, nth)


def _after_easter(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


def _election_day(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    return nth_weekday(year, 11, 0, 1) + timedelta(days=1)


MONDAY, TUESDAY, THURSDAY, SUNDAY = 0, 1, 3, 6

# Names (lower case, blanks single) and the day each names in a year.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "new year's": _fixed(1, 1),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "christmas": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
    "valentine's day": _fixed(2, 14),
    "st. patrick's day": _fixed(3, 17),
    "saint patrick's day": _fixed(3, 17),
    "the fourth of july": _fixed(7, 4),
    "bastille day": _fixed(7, 14),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "martin luther king day": _nth(1, MONDAY, 3),
    "martin luther king jr. day": _nth(1, MONDAY, 3),
    "presidents' day": _nth(2, MONDAY, 3),
    "presidents day": _nth(2, MONDAY, 3),
    "mother's day": _nth(5, SUNDAY, 2),
    "memorial day": _nth(5, MONDAY, -1),
    "father's day": _nth(6, SUNDAY, 3),
    "labor day": _nth(9, MONDAY, 1),
    "columbus day": _nth(10, MONDAY, 2),
    "thanksgiving day": _nth(11, THURSDAY, 4),
    "thanksgiving": _nth(11, THURSDAY, 4),
    "election day": _election_day,
    "easter sunday": _after_easter(0),
    "easter": _after_easter(0),
    "easter monday": _after_easter(1),
    "good friday": _after_easter(-2),
    "palm sunday": _after_easter(-7),
    "ash wednesday": _after_easter(-46),
}
# Weeks named by a holiday: the ISO week that holds the day ("Easter week" ends on Easter Sunday).
HOLIDAY_WEEKS: dict[str, Callable[[int], date]] = {
    "easter week": _after_easter(0),
    "holy week": _after_easter(0),
    "thanksgiving week": _nth(11, THURSDAY, 4),
    "christmas week": _fixed(12, 25),
}


def _pattern(names: list[str]) -> str:
    words = sorted(names, key=len, reverse=True)
    return "|".join(
        r"\s+".join(word.replace(".", r"\.").replace("'", "['’]?") for word in name.split()) for name in words
    )


# Capitalised as names ("Easter", "Labor Day"); "the fourth of July" keeps its small words.
HOLIDAY = _pattern(list(HOLIDAYS))
HOLIDAY_WEEK = _pattern(list(HOLIDAY_WEEKS))


def holiday_day(name: str, year: int) -> date:
    key = " ".join(name.lower().replace("’", "'").split())
    if key not in HOLIDAYS and key.replace("s day", "'s day") in HOLIDAYS:
        key = key.replace("s day", "'s day")  # "Valentines Day"
    return HOLIDAYS[key](year)


def holiday_week_day(name: str, year: int) -> date:
    return HOLIDAY_WEEKS[" ".join(name.lower().split())](year)
