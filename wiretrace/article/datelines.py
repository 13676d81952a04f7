"""Publication dates as pages write them: datelines, date labels and ISO stamps.

``match_date(text, pos)`` reads one date (with an optional time and zone) at
``pos``; ``date_line`` and ``date_label_prefix`` use it to recognise a line
that is only a date and a date label in front of the body. Nothing here
knows today's date: a page that states no date has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# Zone abbreviations common in English-language datelines, as UTC offsets in hours.
ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
    "ist": 5.5, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8,
    "pdt": -7, "aest": 10, "aedt": 11, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8,
}  # fmt: skip

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_ZONE = (
    r"(?P<zone>(?:utc|gmt)\s*(?P<zsign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d\d))?"
    r"|(?P<osign>[+-])(?P<oh>\d\d):?(?P<om>\d\d)"
    r"|(?P<abbr>utc|gmt|z|bst|cest|cet|eest|eet|msk|ist|est|edt|cst|cdt|mst|mdt|pst|pdt|aest|aedt|jst|kst|hkt|sgt)\b)"
)
_TIME = (
    r"(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?"
)

_DATE_FORMS = (
    rf"{_YEAR}-(?P<nmonth>[01]\d)-(?P<nday>[0-3]\d)",
    rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
)
_DATE_RE = [
    re.compile(
        rf"(?:{form})(?:(?:T|,?\s+(?:at\s+)?|\s*[|/]\s*){_TIME})?(?:\s*{_ZONE})?(?![\w])",
        re.I,
    )
    for form in _DATE_FORMS
]

# A label in front of a date: "date 2025-02-26", "Published: March 4, 2025".
_LABEL = re.compile(
    r"(?P<label>(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last updated|"
    r"first published|created|released)\s*[:\-–]?\s*)",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    value: str  # ISO 8601: a date, or a date and time with its offset where known
    start: int
    end: int


def match_date(text: str, pos: int = 0) -> DateMatch | None:
    """The date written at ``text[pos:]``, if one starts exactly there."""
    for pattern in _DATE_RE:
        match = pattern.match(text, pos)
        if match:
            value = _iso(match)
            if value:
                return DateMatch(value, match.start(), match.end())
    return None


def date_line(line: str) -> DateMatch | None:
    """A line that is only a date, optionally labelled ('04 Mar 2025, 20:24 GMT+10')."""
    label = _LABEL.match(line)
    start = label.end() if label else 0
    found = match_date(line, start)
    if found and not line[found.end :].strip(" \t.,|"):
        return found
    return None


def date_label_prefix(line: str) -> DateMatch | None:
    """A labelled date in front of body text ('date 2025-02-26 The US ...').

    The returned span covers the label and the date, so it can be cut.
    """
    label = _LABEL.match(line)
    if not label:
        return None
    found = match_date(line, label.end())
    if found is None:
        return None
    end = found.end
    while end < len(line) and line[end] in " \t|-–—:":
        end += 1
    return DateMatch(found.value, 0, end)


_DATELINE_CREDIT = re.compile(r"\s*\((?P<credit>[^()\n]{2,40})\)\s*[—–―-]+|\s*[—–―]")


def body_dateline(line: str) -> tuple[DateMatch, str | None] | None:
    """A dated dateline opening a paragraph: 'Sept. 5, 2019 (EIRNS)—Russian ...'.

    Returns the date and the agency credited in parentheses, if any. The
    dateline stays in the body: it is part of the article as published.
    """
    found = match_date(line)
    if not found:
        return None
    tail = _DATELINE_CREDIT.match(line, found.end)
    if not tail:
        return None
    return found, tail.group("credit")


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    try:
        year = int(parts["year"])
        if parts.get("nmonth"):
            month, day = int(parts["nmonth"]), int(parts["nday"])
        else:
            month, day = MONTHS[parts["month"].lower().rstrip(".")], int(parts["day"])
        day_value = date(year, month, day)
    except (KeyError, ValueError, TypeError):
        return None  # "31 February" and the like are not dates
    if parts.get("hour") is None:
        return day_value.isoformat()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts["second"] or 0)
    ampm = (parts.get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    try:
        stamp = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return day_value.isoformat()
    offset = _offset(parts)
    if offset is not None:
        stamp = stamp.replace(tzinfo=timezone(offset))
    return stamp.isoformat()


def _offset(parts: dict[str, str | None]) -> timedelta | None:
    """The UTC offset a zone says. 'GMT+10' is ten hours ahead of UTC, as people mean it."""
    if parts.get("zsign"):
        sign = 1 if parts["zsign"] == "+" else -1
        return sign * timedelta(hours=int(parts["zh"]), minutes=int(parts["zm"] or 0))
    if parts.get("osign"):
        sign = 1 if parts["osign"] == "+" else -1
        return sign * timedelta(hours=int(parts["oh"]), minutes=int(parts["om"]))
    if parts.get("abbr"):
        return timedelta(hours=ZONES[parts["abbr"].lower()])
    return None


def normalise_published(value: str) -> str | None:
    """An ISO 8601 form of a date given in a JSON field or HTML metadata."""
    value = value.strip()
    found = match_date(value)
    if found:
        return found.value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (
        parsed.isoformat() if (parsed.hour or parsed.minute or parsed.tzinfo) else parsed.date().isoformat()
    )
