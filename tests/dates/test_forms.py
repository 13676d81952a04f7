"""Smaller forms: days joined to days, months before nouns, parts of days, and words that only look like times."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.dates import tag_text

TUESDAY = date(2025, 3, 4)


def tagged(text: str, dct: date = TUESDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag_text(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second of two days shares the first one's month and year
        (
            "The summit meets on May 12 and 13.",
            [("May 12", "DATE", "2025-05-12"), ("13", "DATE", "2025-05-13")],
        ),
        (
            "Strikes are planned for June 2-3.",
            [("June 2", "DATE", "2025-06-02"), ("3", "DATE", "2025-06-03")],
        ),
        # "the day before" / "the day after" move the day named by one
        (
            "The day before last Friday's vote, he resigned.",
            [("The day before last Friday", "DATE", "2025-02-27")],
        ),
        ("He flew home the day after March 1.", [("the day after March 1", "DATE", "2025-03-02")]),
        # a part of a day before the day: a time of that day
        (
            "Trading halted at mid-afternoon yesterday.",
            [("mid-afternoon yesterday", "TIME", "2025-03-03TAF")],
        ),
        ("She called early morning today.", [("early morning today", "TIME", "2025-03-04TMO")]),
        # "a week or so ago"
        ("The order came a week or so ago.", [("a week or so ago", "DATE", "2025-W09")]),
        # years before or after which something is dated
        ("The post-2008 rules were tightened.", [("post-2008", "DATE", "2008")]),
        # a year followed by a verb is still a year
        ("Demand in 2019 was weaker.", [("2019", "DATE", "2019")]),
        # "now that" is still now
        ("Now that the vote is over, talks resume.", [("Now", "DATE", "PRESENT_REF")]),
    ],
)
def test_forms(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize(
    ("text", "dct", "expression", "value"),
    [
        ("The raid came in the October attack on the port.", date(2025, 11, 20), "October", "2025-10"),
        ("Creditors approved a June agreement with the bank.", date(2025, 11, 20), "June", "2025-06"),
    ],
)
def test_a_month_before_the_noun_it_dates(text, dct, expression, value):
    assert (expression, "DATE", value) in tagged(text, dct)


@pytest.mark.parametrize(
    "text",
    [
        "The ministers, with Jan Novak of Slovakia, signed.",  # an abbreviated month before a name
        "The coalition began to fall apart.",  # "fall" as a verb
        "Prices could fall further.",
        "The film High Noon was shown.",  # titles and figures of speech
        "For Poland, high noon has come.",
        'He told ABC\'s "This Week" the plan was dead.',
        "Proceeds from the March of Dimes grew.",  # a month followed by "of" and a name
    ],
)
def test_words_that_only_look_like_times(text):
    assert tagged(text) == []


def test_seasons_said_with_their_year_keep_the_article():
    assert tagged("Snow fell in the winter of 1994.") == [("the winter of 1994", "DATE", "1994-WI")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # vague references to the time ahead or behind
        ("The shop will stay shut for the near term.", ("the near term", "DATE", "FUTURE_REF")),
        ("The bonds will be sold at a later date.", ("a later date", "DATE", "FUTURE_REF")),
        # uncounted stretches
        ("Traders expect losses in the weeks ahead.", ("the weeks ahead", "DURATION", "PXW")),
        ("The town was without water for a while.", ("a while", "DURATION", "PXX")),
        ("The abbey stood there for centuries.", ("centuries", "DURATION", "PXC")),
        ("After a day-long hearing the judge ruled.", ("day-long", "DURATION", "P1D")),
        ("The feud is decades-long.", ("decades-long", "DURATION", "PXY")),
        ("Settlement takes three business days.", ("three business days", "DURATION", "P3D")),
        # "the week" is the week of the day just named
        ("Shares fell on Friday. For the week, the index lost 2%.", ("the week", "DATE", "2025-W09")),
    ],
)
def test_references_stretches_and_the_week(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "The firm posted its first quarterly loss.",
        "The quarter-to-quarter comparison was flattering.",
        "The insurer moved from a fiscal year to a calendar year.",
        "The long-term outlook is weak.",
    ],
)
def test_words_next_to_periods_that_are_no_times(text):
    assert tagged(text) == []


def test_a_clock_time_takes_the_day_after_a_parenthesis():
    found = tagged("The blast came at 10:35 a.m. (0735 GMT) Friday, officials said.")
    assert found == [("10:35 a.m.", "TIME", "2025-02-28T10:35"), ("Friday", "DATE", "2025-02-28")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was attacked last Oct. 23 at home.", ("last Oct. 23", "DATE", "2024-10-23")),
        ("The court rules next Feb. 2, lawyers said.", ("next Feb. 2", "DATE", "2026-02-02")),
    ],
)
def test_last_and_next_decide_the_year_of_a_day(text, expected):
    assert expected in tagged(text)
