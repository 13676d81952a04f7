"""When each statement was made: the expression attached to its cue, its occasion, or the publication day.

A statement's ``date`` is decided in this order:

1. **Its own expression** (``date_source="text"``): a date in the cue's sentence,
   outside the quoted content, near the cue, and not governed by "after",
   "before", "since"... ("stated on Tuesday", "said last week", "a report on
   Monday which claimed", "Speaking to Kommersant on Monday, Lavrov said").
   "Last year, the economy grew 4.1%, as reported by X" is not one: the content
   stands between the expression and the cue, so the date is the growth's.
2. **Its occasion** (``"text"``): statements made in one interview, speech or
   forum carry its date. An occasion is a dated mention of an interview, a
   briefing, a speech... ("in an interview yesterday"); later statements by
   the speaker named there carry its date. A statement introduced by
   "Speaking at/to ..." continues the occasion of the same speaker's statement
   just before it.
3. **The publication day** (``"published"``): the text gives no date of its
   own, so the statement carries the article's local publication day
   (YYYY-MM-DD): it was made on or before that day. ``date_span`` is then None.

An expression that cannot be resolved (a weekday in an undated article) still
attaches: ``date_span`` shows it, ``date`` and ``date_source`` stay None, and no
fallback applies, because the text does date the statement, only not for us.
Vague references (PAST_REF: "recently") and durations never date a statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from wiretrace.dates.tagger import Tagged
from wiretrace.dates.tense import sentence_bounds
from wiretrace.records import OffsetMap, Span, Statement

# The furthest (in characters) an expression may stand from the cue it dates: the
# width of a participial phrase ("Speaking to Kommersant on Monday, Lavrov said").
MAX_CUE_DISTANCE = 120
# Words that make a date the time of something else: "after talks last week".
GOVERNORS = re.compile(
    r"\b(?:after|before|since|until|till|following|prior\s+to|ahead\s+of|by|from|through|during)\b", re.I
)
OCCASION = re.compile(
    r"\b(?:interview|press\s+conference|news\s+conference|press\s+briefing|briefing|speech|address|"
    r"remarks|forum|summit|talk\s+show|television\s+appearance|broadcast|hearing|statement|op-ed|press\s+event)s?\b",
    re.I,
)
# How far an occasion noun may stand from its date ("in an interview published by the
# Kommersant business daily on Tuesday" is the longest form seen).
OCCASION_REACH = 70
SPEAKING = re.compile(r"^\W*(?:while\s+)?speaking\b", re.I)
PRONOUNS = {"he", "she", "they", "him", "her", "i", "we", "it"}
REFERENCE_VALUES = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}


@dataclass(frozen=True)
class _Placed:
    """A statement with its spans as body offsets (None where the body did not keep them)."""

    statement: Statement
    content: tuple[int, int] | None
    cue: tuple[int, int] | None


@dataclass(frozen=True)
class _Occasion:
    time: Tagged
    sentence: tuple[int, int]


def date_statements(
    body: str,
    body_map: OffsetMap,
    times: Sequence[Tagged],
    statements: Sequence[Statement],
    published: date | None,
) -> list[Statement]:
    """The statements with ``date``, ``date_source`` and ``date_span`` set (same order)."""
    placed = [_place(statement, body_map) for statement in statements]
    datable = [time for time in times if _can_date(time)]
    contents = [p.content for p in placed if p.content is not None]
    own = [_own_expression(body, p, datable, contents) for p in placed]
    occasions = _occasions(body, datable)
    chosen: list[Tagged | None] = []
    for index, item in enumerate(placed):
        found = own[index]
        if found is None:
            found = _from_occasion(body, item, placed[:index], occasions)
        if found is None:
            found = _continuing(body, item, placed[:index], chosen)
        chosen.append(found)
    return [
        _with_date(item.statement, found, body_map, published)
        for item, found in zip(placed, chosen, strict=True)
    ]


def _can_date(time: Tagged) -> bool:
    return time.type in ("DATE", "TIME") and time.value not in REFERENCE_VALUES


def _place(statement: Statement, body_map: OffsetMap) -> _Placed:
    content = body_map.span_to_body(statement.start, statement.end)
    cue = body_map.span_to_body(statement.cue.start, statement.cue.end) if statement.cue else None
    return _Placed(statement, content, cue)


def _own_expression(
    body: str, item: _Placed, times: Sequence[Tagged], contents: Sequence[tuple[int, int]]
) -> Tagged | None:
    """The date expression attached to the statement's cue, if any."""
    if item.cue is None:
        return None
    cue_start, cue_end = item.cue
    sentence_start, sentence_end = sentence_bounds(body, cue_start, cue_end)
    best: tuple[int, Tagged] | None = None
    for time in times:
        if time.start < sentence_start or time.end > sentence_end:
            continue
        if any(start <= time.start and time.end <= end for start, end in contents):
            continue  # inside quoted or reported content: the time of what was said
        distance = cue_start - time.end if time.end <= cue_start else time.start - cue_end
        if distance < 0 or distance > MAX_CUE_DISTANCE:
            continue
        if _content_between(item, time) or _governed(body, time, sentence_start, item.cue):
            continue
        if best is None or distance < best[0]:
            best = (distance, time)
    return best[1] if best else None


def _content_between(item: _Placed, time: Tagged) -> bool:
    """Whether the statement's own content stands between the expression and the cue."""
    if item.content is None or item.cue is None:
        return False
    if item.content[0] < time.start and time.end <= item.cue[0]:
        return True  # "“...coup” in Kiev in 2014, which ..., he added": the date is the content's
    low, high = (time.end, item.cue[0]) if time.end <= item.cue[0] else (item.cue[1], time.start)
    start, end = item.content
    return min(end, high) - max(start, low) > 0


def _governed(body: str, time: Tagged, sentence_start: int, cue: tuple[int, int]) -> bool:
    """Whether a preposition like "after" heads the phrase the expression ends ("after talks last week")."""
    stretch_start = cue[1] if cue[1] <= time.start else sentence_start
    stretch = body[stretch_start : time.start]
    clause = re.split(r"[,;:—–]|\bthat\b", stretch)[-1]
    return bool(GOVERNORS.search(clause))


def _occasions(body: str, times: Sequence[Tagged]) -> list[_Occasion]:
    found = []
    for time in times:
        before = body[max(0, time.start - OCCASION_REACH) : time.start]
        after = body[time.end : time.end + 25]
        near_before = re.split(r"[.;:!?]", before)[-1]
        near_after = re.split(r"[,.;:!?]", after)[0]
        if (
            OCCASION.search(near_before)
            or OCCASION.search(near_after)
            or re.match(r"'s\s+\w*\s*" + OCCASION.pattern, after, re.I)
        ):
            if not GOVERNORS.search(re.split(r"[,;:]", near_before)[-1]):
                found.append(_Occasion(time, sentence_bounds(body, time.start, time.end)))
    return found


def _speaker_key(statement: Statement) -> str | None:
    speaker = statement.speaker
    if speaker is None:
        return None
    name = speaker.name or speaker.mention
    if not name or name.lower() in PRONOUNS:
        return None
    return name.lower()


def _names(statement: Statement) -> list[str]:
    """The words that name the speaker in running text: the full name and the surname."""
    key = _speaker_key(statement)
    if key is None:
        return []
    words = [word for word in re.findall(r"[\w'-]+", key) if len(word) > 2]
    return [key] + words[-1:]


def _from_occasion(
    body: str,
    item: _Placed,
    earlier: Sequence[_Placed],
    occasions: Sequence[_Occasion],
) -> Tagged | None:
    """The date of the last occasion before the statement at which its speaker spoke."""
    anchor = item.cue or item.content
    if anchor is None:
        return None
    names = _names(item.statement)
    key = _speaker_key(item.statement)
    chosen = None
    for occasion in occasions:
        if occasion.time.start > anchor[1]:
            break
        start, end = occasion.sentence
        sentence = body[start:end].lower()
        named_there = any(re.search(rf"\b{re.escape(name)}\b", sentence) for name in names)
        spoke_there = key is not None and any(
            _speaker_key(other.statement) == key and other.cue and start <= other.cue[0] < end
            for other in earlier
        )
        if named_there or spoke_there:
            chosen = occasion.time
    return chosen


def _continuing(
    body: str, item: _Placed, earlier: Sequence[_Placed], earlier_dates: Sequence[Tagged | None]
) -> Tagged | None:
    """ "Speaking at the forum, he stated ...": the date of the same speaker's previous statement."""
    anchor = item.cue or item.content
    if anchor is None or not earlier:
        return None
    sentence_start, _ = sentence_bounds(body, anchor[0], anchor[1])
    if not SPEAKING.match(body[sentence_start : anchor[0]]):
        return None
    key, previous_key = _speaker_key(item.statement), _speaker_key(earlier[-1].statement)
    if key is not None and previous_key is not None and key != previous_key:
        return None
    return earlier_dates[-1]


def _with_date(
    statement: Statement, found: Tagged | None, body_map: OffsetMap, published: date | None
) -> Statement:
    if found is None:
        if published is None:
            return replace(statement, date=None, date_source=None, date_span=None)
        return replace(statement, date=published.isoformat(), date_source="published", date_span=None)
    start, end = body_map.span_to_source(found.start, found.end)
    span = Span(start, end, found.text)
    if found.value is None:
        return replace(statement, date=None, date_source=None, date_span=span)
    return replace(statement, date=found.value, date_source="text", date_span=span)
