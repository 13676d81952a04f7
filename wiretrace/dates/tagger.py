"""The temporal tagger: find expressions with the rules, choose among overlaps, resolve in text order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from wiretrace.dates import named, patterns, periods  # noqa: F401  (registers the rules)
from wiretrace.dates.calendar import Point
from wiretrace.dates.rules import RULES, Candidate, Context, Resolution, Resolver, matches, with_suffix
from wiretrace.dates.tense import FUTURE, PAST, PRESENT, ClauseTense, parsed_tenses_of_texts, window_tense

# Modifiers that belong to a date's span and leave its value as it is (TimeML puts
# them in the mod attribute): "early next year", "the end of 1990", "mid-March".
DATE_PREFIX = re.compile(
    r"(?:\b(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle)\s+of|the\s+turn\s+of)[\s-]+|\bmid-)$",
    re.I,
)
# Rules whose value other expressions may count from ("a year earlier").
REFERENCE_RULES = {
    "iso_date",
    "numeric_date",
    "month_day_year",
    "month_day",
    "month_year",
    "month_only",
    "year",
    "quarter",
    "named_quarter",
    "half",
    "holiday",
    "relative_day",
    "weekday",
    "relative_period",
    "merged_time",
}
# Words right before a date that point forward whatever the verb: "by May", "as early as Tuesday".
FUTURE_LEAD = re.compile(
    r"\b(?:by|until|till|through|as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than)\s+$", re.I
)


@dataclass(frozen=True)
class Tagged:
    """A temporal expression in the tagged text, with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchored: bool
    rule: str


def tag(text: str, dct: date | None) -> list[Tagged]:
    """Every temporal expression in ``text``, resolved against the publication date ``dct``.

    With no ``dct``, expressions that need one keep their text and get no value.
    Spans are offsets into ``text``, in order, never overlapping.
    """
    return tag_many([(text, dct)])[0]


def tag_many(texts: Sequence[tuple[str, date | None]]) -> list[list[Tagged]]:
    """``tag`` for many texts; the sentences whose tense matters are parsed in one batch."""
    found = [_find(text) for text, _ in texts]
    wanted = [
        (text, [(c.start, c.end) for c in chosen if _needs_parse(text, c)] if dct else [])
        for (text, dct), chosen in zip(texts, found, strict=True)
    ]
    tenses = parsed_tenses_of_texts(wanted)
    return [
        _resolve(text, dct, chosen, parsed)
        for (text, dct), chosen, parsed in zip(texts, found, tenses, strict=True)
    ]


def _find(text: str) -> list[Candidate]:
    """The expressions of a text, chosen among overlaps, with prefixes and times merged."""
    chosen = _choose(_candidates(text))
    chosen = [_with_prefix(text, found, chosen) for found in chosen]
    chosen = [_with_day_around(text, found) for found in chosen]
    return _merge_times(text, chosen)


def _candidates(text: str) -> list[tuple[int, Candidate]]:
    found = []
    for index, rule in enumerate(RULES):
        for match in matches(rule, text):
            built = rule.build(match, text)
            if built is not None and built.end > built.start:
                found.append((index, built))
    return found


def _choose(found: list[tuple[int, Candidate]]) -> list[Candidate]:
    """The longest candidates that do not overlap (earlier rules win ties)."""
    ordered = sorted(found, key=lambda pair: (-(pair[1].end - pair[1].start), pair[0], pair[1].start))
    taken: list[Candidate] = []
    for _, candidate in ordered:
        if all(candidate.end <= other.start or other.end <= candidate.start for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _with_prefix(text: str, found: Candidate, chosen: list[Candidate]) -> Candidate:
    if found.type not in ("DATE", "TIME") or found.rule in ("reference_word", "reference_adjective"):
        return found
    prefix = DATE_PREFIX.search(text, max(0, found.start - 30), found.start)
    if prefix is None:
        return found
    start = prefix.start()
    if any(other is not found and other.start < found.start and other.end > start for other in chosen):
        return found
    return replace(found, start=start)


# Rules naming one day, which "the day before"/"the day after" may move.
DAY_RULES = {"weekday", "month_day", "month_day_year", "numeric_date", "iso_date", "holiday"}
AROUND_DAY = re.compile(r"\bthe\s+day\s+(before|after)\s+$", re.I)


def _with_day_around(text: str, found: Candidate) -> Candidate:
    """ "the day before last Tuesday": one day off the day named."""
    around = (
        AROUND_DAY.search(text, max(0, found.start - 20), found.start) if found.rule in DAY_RULES else None
    )
    if around is None:
        return found
    days = -1 if around.group(1).lower() == "before" else 1
    day_of = found.resolve

    def resolve(context: Context) -> Resolution:
        resolution = day_of(context)
        point = resolution.point
        if point is None or point.grain != "day":
            return Resolution(None, resolution.anchored)
        moved = Point("day", point.day + timedelta(days=days))
        return Resolution(moved.value(), resolution.anchored, moved)

    return replace(found, start=around.start(), resolve=resolve)


# What may stand between a clock time and its day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9",
# "10:35 a.m. (0735 GMT) Friday".
TIME_TO_DAY = re.compile(r",?\s*(?:\([^()]{1,20}\)\s*)?(?:on\s+)?")


def _merge_times(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A clock time and the day after it are one expression: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9"."""
    merged: list[Candidate] = []
    index = 0
    while index < len(chosen):
        current = chosen[index]
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        if (
            following is not None
            and current.rule in ("clock_time", "named_time")
            and following.type == "DATE"
            and following.rule in ("weekday", "month_day", "month_day_year", "relative_day", "iso_date")
            and TIME_TO_DAY.fullmatch(text[current.end : following.start])
        ):
            resolve = _clock_on_day(current.resolve, following.resolve)
            if "(" in text[current.end : following.start]:
                # "10:35 a.m. (0735 GMT) Friday": the time takes the day; both stay expressions
                merged.append(Candidate(current.start, current.end, "TIME", resolve, "merged_time"))
                index += 1
                continue
            merged.append(Candidate(current.start, following.end, "TIME", resolve, "merged_time"))
            index += 2
            continue
        merged.append(current)
        index += 1
    return merged


def _clock_on_day(suffix_of: Resolver, day_of: Resolver) -> Resolver:
    """The clock time of one resolver on the day of another."""

    def resolve(context: Context) -> Resolution:
        clock = suffix_of(Context(date(2000, 1, 1), None, None)).value or ""
        suffix = clock[10:] if clock.startswith("2000-01-01") else ""
        return with_suffix(day_of, suffix)(context)

    return resolve


def _resolve(
    text: str, dct: date | None, chosen: list[Candidate], tenses: dict[tuple[int, int], ClauseTense]
) -> list[Tagged]:
    tagged: list[Tagged] = []
    reference: Point | None = None
    previous: tuple[Candidate, Resolution] | None = None
    for found in chosen:
        anchor_day = dct
        if found.rule in CLOCK_RULES and previous is not None and _day_before_at(text, previous, found):
            anchor_day = previous[1].point.day  # "next Monday at 10 a.m.": the time is on that day
        parsed = tenses.get((found.start, found.end))
        context = Context(anchor_day, tense_of(text, found, parsed), reference)
        try:
            resolution = found.resolve(context)
        except (ValueError, OverflowError):  # counted off the calendar (a DCT in year 89, "ten years ago")
            resolution = Resolution(None, True)
        if resolution.point is not None and found.rule in REFERENCE_RULES:
            reference = resolution.point
        previous = (found, resolution)
        tagged.append(
            Tagged(
                found.start,
                found.end,
                text[found.start : found.end],
                found.type,
                resolution.value,
                resolution.anchored,
                found.rule,
            )
        )
    return tagged


CLOCK_RULES = {"clock_time", "named_time"}
# Rules whose value turns on the tense of their clause (the rest do not need the parse).
TENSED_RULES = {
    "weekday",
    "month_only",
    "month_day",
    "quarter",
    "half",
    "season",
    "the_weekend",
    "merged_time",
}
# Rules naming a day whose present tense tells of a plan: "Congress reconvenes Jan. 24",
# "the rights expire Nov. 21" (weekdays in the present are as often a past: "which fell on Friday").
SCHEDULED_RULES = {"month_day"}


# Words that fix a weekday's or a month's side of the publication date whatever the tense.
SIDE_WORDS = re.compile(
    r"(?:last|next|this|coming|past|previous|following|the\s+previous|the\s+following)\b", re.I
)


def _needs_parse(text: str, found: Candidate) -> bool:
    """Only expressions whose value turns on the tense, and that no word already places."""
    if found.rule not in TENSED_RULES or SIDE_WORDS.match(text, found.start):
        return False
    return not re.match(r"'s\b", text[found.end : found.end + 2])


def tense_of(text: str, found: Candidate, parsed: ClauseTense | None) -> str | None:
    """PAST or FUTURE for the expression's clause, or None where nothing says."""
    if re.match(r"'s\b", text[found.end : found.end + 2]):
        return PAST  # "Wednesday's ruling": something that has happened
    if parsed is not None and parsed.pluperfect:
        return PAST  # "had filed reports by Wednesday"
    if FUTURE_LEAD.search(text, max(0, found.start - 20), found.start):
        return FUTURE
    if parsed is not None and parsed.tense in (PAST, FUTURE):
        return parsed.tense
    if parsed is not None and parsed.tense == PRESENT and found.rule in SCHEDULED_RULES:
        return FUTURE
    return window_tense(text, found.start, found.end)


def _day_before_at(text: str, previous: tuple[Candidate, Resolution], found: Candidate) -> bool:
    point = previous[1].point
    return (
        point is not None
        and point.grain == "day"
        and re.fullmatch(r",?\s+at\s+", text[previous[0].end : found.start]) is not None
    )
