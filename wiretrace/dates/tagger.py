"""The temporal tagger: find expressions with the rules, choose among overlaps, resolve in text order."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from wiretrace.dates import patterns  # noqa: F401  (registers the rules)
from wiretrace.dates.calendar import Point
from wiretrace.dates.rules import RULES, Candidate, Context, Resolution, with_suffix

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
# How far (in words) to look around an expression for the tense of its clause.
TENSE_WINDOW = 8

FUTURE_MARKERS = {
    "will",
    "'ll",
    "shall",
    "won't",
    "would",
    "scheduled",
    "due",
    "expected",
    "upcoming",
    "next",
    "planned",
    "planning",
    "plans",
    "intends",
    "expects",
}
# "to" marks the future after these words: "is to meet", "plans to visit".
TO_FUTURE = {
    "is",
    "are",
    "going",
    "plans",
    "plan",
    "due",
    "set",
    "expected",
    "scheduled",
    "aims",
    "intends",
    "hopes",
    "wants",
}
PAST_MARKERS = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "came",
    "began",
    "made",
    "took",
    "gave",
    "saw",
    "held",
    "left",
    "spoke",
    "wrote",
    "got",
    "rose",
    "fell",
    "sold",
    "bought",
    "paid",
    "won",
    "lost",
    "ran",
    "became",
    "ago",
    "last",
    "since",
    "earlier",
    "has",
    "have",
    "broke",
    "put",
    "shot",
    "hit",
    "struck",
    "led",
    "sent",
    "found",
    "kept",
    "brought",
    "thought",
    "felt",
    "heard",
    "meant",
    "stood",
    "grew",
    "drew",
    "flew",
    "knew",
    "threw",
    "chose",
    "spent",
    "fought",
    "sought",
    "taught",
    "caught",
    "dropped",
}
NOT_PAST = {
    "need",
    "indeed",
    "speed",
    "red",
    "bed",
    "hundred",
    "feed",
    "seed",
    "proceed",
    "succeed",
    "exceed",
    "shed",
    "breed",
    "greed",
    "weed",
    "deed",
    "bred",
    "fled",
    "sled",
}
# Words right before a date that point forward whatever the verb: "by May", "as early as Tuesday".
FUTURE_LEAD = re.compile(
    r"\b(?:by|until|till|through|as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than)\s+$", re.I
)
SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[\"'“‘(]*[A-Z])|\n")


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
    chosen = _choose(_candidates(text))
    chosen = [_with_prefix(text, found, chosen) for found in chosen]
    chosen = _merge_times(text, chosen)
    return _resolve(text, dct, chosen)


def _candidates(text: str) -> list[tuple[int, Candidate]]:
    found = []
    for index, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
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
            and re.fullmatch(r",?\s*(?:on\s+)?", text[current.end : following.start])
        ):
            suffix_of = current.resolve
            day_of = following.resolve

            def resolve(context: Context, suffix_of=suffix_of, day_of=day_of) -> Resolution:
                clock = suffix_of(Context(date(2000, 1, 1), None, None)).value or ""
                suffix = clock[10:] if clock.startswith("2000-01-01") else ""
                return with_suffix(day_of, suffix)(context)

            merged.append(Candidate(current.start, following.end, "TIME", resolve, "merged_time"))
            index += 2
            continue
        merged.append(current)
        index += 1
    return merged


def _resolve(text: str, dct: date | None, chosen: list[Candidate]) -> list[Tagged]:
    tagged: list[Tagged] = []
    reference: Point | None = None
    previous: tuple[Candidate, Resolution] | None = None
    for found in chosen:
        anchor_day = dct
        if found.rule in CLOCK_RULES and previous is not None and _day_before_at(text, previous, found):
            anchor_day = previous[1].point.day  # "next Monday at 10 a.m.": the time is on that day
        context = Context(anchor_day, tense_around(text, found.start, found.end), reference)
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


def _day_before_at(text: str, previous: tuple[Candidate, Resolution], found: Candidate) -> bool:
    point = previous[1].point
    return (
        point is not None
        and point.grain == "day"
        and re.fullmatch(r",?\s+at\s+", text[previous[0].end : found.start]) is not None
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in SENTENCE_BREAK.finditer(text, max(0, start - 400), start)]
    sentence_start = before[-1] if before else max(0, start - 400)
    after = SENTENCE_BREAK.search(text, end, min(len(text), end + 400))
    return sentence_start, after.start() if after else min(len(text), end + 400)


def tense_around(text: str, start: int, end: int) -> str | None:
    """ "past" or "future" from the nearest tense marker in the expression's sentence, else None."""
    if FUTURE_LEAD.search(text, max(0, start - 20), start):
        return "future"
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    before = re.findall(r"[\w']+", text[sentence_start:start])[-TENSE_WINDOW:]
    after = re.findall(r"[\w']+", text[end:sentence_end])[:TENSE_WINDOW]
    if re.match(r"'s\b", text[end : end + 2]):
        return "past"  # "Wednesday's ruling": something that has happened
    best: tuple[int, str] | None = None
    for distance, word in enumerate(reversed(before)):
        marker = _marker(word, before[len(before) - distance - 2] if distance + 1 < len(before) else "")
        if marker:
            best = (distance, marker)
            break
    for distance, word in enumerate(after):
        if best is not None and distance >= best[0]:
            break
        marker = _marker(word, after[distance - 1] if distance else "")
        if marker:
            best = (distance, marker)
            break
    return best[1] if best else None


def _marker(token: str, previous: str) -> str | None:
    word, previous = token.lower(), previous.lower()
    if word == "to":
        return "future" if previous in TO_FUTURE else None
    if word in FUTURE_MARKERS:
        return "future"
    if word in PAST_MARKERS or word.endswith("'d"):
        return "past"
    if word.endswith("ed") and len(word) > 4 and word not in NOT_PAST and not token[0].isupper():
        return "past"
    return None
