"""Calendar points at a granularity, shifted and written as TIMEX3 values.

A ``Point`` is a period of the calendar: a day, an ISO week, a month, a
quarter, a season, a year, a decade... It is held as one day inside the
period plus the granularity, so shifting by whole periods is date arithmetic
and the TIMEX3 value is a matter of formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

# Granularities, finest first. "part" is a part of a day (TMO, TAF, TEV, TNI).
GRAINS = (
    "time",
    "part",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)

# TimeML season codes by month. Winter is named by the year its January falls in.
SEASON_OF_MONTH = {
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
    12: "WI",
}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# The last year a date in news can plausibly name. Chosen wide (the next century
# and a half) so that plans ("by 2050", "in 2100") resolve and "in 3025" does not.
LATEST_YEAR = 2199
EARLIEST_YEAR = 1000


def plausible_year(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


@dataclass(frozen=True)
class Point:
    grain: str
    day: date
    suffix: str = ""  # "TMO", "T15:30", "T17:00-05:00": for parts of days and times

    def value(self) -> str:
        day = self.day
        if self.grain == "century":
            return f"{day.year // 100:02d}"
        if self.grain == "decade":
            return f"{day.year // 10:03d}"
        if self.grain == "year":
            return f"{day.year:04d}"
        if self.grain == "half":
            return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
        if self.grain == "quarter":
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        if self.grain == "season":
            season = SEASON_OF_MONTH[day.month]
            year = day.year + 1 if day.month == 12 else day.year
            return f"{year:04d}-{season}"
        if self.grain == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if self.grain in ("week", "weekend"):
            year, week, _ = day.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.grain == "weekend" else "")
        return day.isoformat() + self.suffix

    def shift(self, periods: int) -> Point | None:
        """The same grain ``periods`` periods later (earlier if negative); None off the calendar."""
        try:
            return replace(self, day=shift_day(self.day, self.grain, periods), suffix="")
        except (OverflowError, ValueError):
            return None

    def coarsen(self, grain: str) -> Point:
        return Point(grain, self.day)


def shift_day(day: date, grain: str, periods: int) -> date:
    if grain in ("time", "part", "day"):
        return day + timedelta(days=periods)
    if grain in ("week", "weekend"):
        return day + timedelta(weeks=periods)
    months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    return add_months(day, months[grain] * periods)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month + 1, 1)


def season_point(year: int, season: str) -> Point:
    """The season of a year as TimeML names it (winter of 2025 starts in December 2024)."""
    month = SEASON_START[season]
    return Point("season", date(year - 1 if season == "WI" else year, month, 1))


def weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def parse_dct(value: str | None) -> date | None:
    """The local calendar date of an ISO date or date-time (with or without an offset).

    ``2025-03-04T20:24:00+10:00`` is 4 March where it was published, even though
    it is 3 March in UTC: news counts "yesterday" from the publisher's day.
    Returns None for anything that is not an ISO date.
    """
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


_VALUE_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VALUE_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_VALUE_MONTH = re.compile(r"(\d{4})-(\d{2})")
_VALUE_YEAR = re.compile(r"(\d{4})")


def first_day(value: str | None) -> date | None:
    """The first day a TIMEX3 date value covers: a day, an ISO week, a month or a year.

    For ordering statements by when they were made; other values (durations,
    references like PAST_REF, partly unknown dates) have no first day.
    """
    if not value:
        return None
    try:
        if match := _VALUE_DAY.match(value):
            return date(*map(int, match.groups()))
        if match := _VALUE_WEEK.fullmatch(value):
            return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        if match := _VALUE_MONTH.fullmatch(value):
            return date(int(match.group(1)), int(match.group(2)), 1)
        if match := _VALUE_YEAR.fullmatch(value):
            return date(int(match.group(1)), 1, 1)
    except ValueError:
        return None
    return None
