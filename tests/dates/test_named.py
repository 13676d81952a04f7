"""Forms named in words: holidays, years said aloud, "the year", "year-end", "the week of"."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.dates import tag_text
from wiretrace.dates.holidays import holiday_day, nth_weekday

TUESDAY = date(2025, 3, 4)


def tagged(text: str, dct: date | None = TUESDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag_text(text, dct)]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # a holiday is its day: the last one before the DCT in a past clause...
        (
            "The raft was spotted on Thanksgiving Day off the coast.",
            TUESDAY,
            ("Thanksgiving Day", "2024-11-28"),
        ),
        ("Shops stayed shut over Christmas.", TUESDAY, ("Christmas", "2024-12-25")),
        # ... the coming one in a future clause, and the one a word names
        ("The budget will be ready by Labor Day.", TUESDAY, ("Labor Day", "2025-09-01")),
        ("Crowds gathered last Easter in the square.", date(2025, 4, 30), ("last Easter", "2025-04-20")),
        ("The vote falls on Election Day.", date(2024, 10, 1), ("Election Day", "2024-11-05")),
        ("Turnout rose on Election Day 2020.", TUESDAY, ("Election Day 2020", "2020-11-03")),
        ("The pilgrims arrived on Good Friday.", date(2025, 4, 22), ("Good Friday", "2025-04-18")),
        # a week named by a holiday is the ISO week that holds it
        ("Protesters marched as Easter week began.", date(2000, 4, 17), ("Easter week", "2000-W16")),
    ],
)
def test_holidays_resolve_to_their_day(text, dct, expected):
    found = [(t.text, t.value) for t in tag_text(text, dct)]
    assert expected in found


def test_holidays_are_names_only_when_capitalised():
    assert tagged("We ate a christmas pudding of sorts.") == []


def test_movable_holidays_are_counted_in_the_month():
    assert nth_weekday(2024, 11, 3, 4) == date(2024, 11, 28)  # fourth Thursday of November
    assert nth_weekday(2025, 5, 0, -1) == date(2025, 5, 26)  # last Monday of May
    assert holiday_day("Valentines Day", 2025) == date(2025, 2, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In nineteen eighty-four the plant closed.", ("nineteen eighty-four", "DATE", "1984")),
        ("The approach of the year two thousand worried them.", ("the year two thousand", "DATE", "2000")),
        ("Prices peaked in two thousand and eight.", ("two thousand and eight", "DATE", "2008")),
        ("March nineteen sixty-two was cold.", ("March nineteen sixty-two", "DATE", "1962-03")),
        (
            "Snow fell in the winter of nineteen ninety-one.",
            ("the winter of nineteen ninety-one", "DATE", "1991-WI"),
        ),
    ],
)
def test_years_said_in_words(text, expected):
    assert expected in tagged(text)


def test_two_thousand_counting_things_is_no_year():
    assert tagged("Some two thousand soldiers crossed the river.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the year" alone is the year of publication; "the latest fiscal year" the one before
        ("For the year, shipments were flat.", ("the year", "DATE", "2025")),
        ("Analysts expect gains for the full year.", ("the full year", "DATE", "2025")),
        ("Output fell in the latest fiscal year.", ("the latest fiscal year", "DATE", "2024")),
        # "the year ended June 30" is a year-long span (the day after it is an expression of its own)
        ("Revenue for the year ended June 30 rose.", ("the year", "DURATION", "P1Y")),
        # year-end: the publication year; after "since", the year before
        ("The merger should close by year-end.", ("year-end", "DATE", "2025")),
        ("The index is up 4% since year-end.", ("year-end", "DATE", "2024")),
        ("Staff will be cut by year's end.", ("year's end", "DATE", "2025")),
    ],
)
def test_the_year_and_year_end(text, expected):
    assert expected in tagged(text)


def test_the_year_before_or_ago_is_left_to_the_counting_rules():
    assert ("the year", "DATE", "2025") not in tagged(
        "Sales were $4 billion, down from $5 billion the year before."
    )


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "A hearing is planned for the week of March 17.",
            TUESDAY,
            ("the week of March 17", "DATE", "2025-W12"),
        ),
        (
            "The talks ran the week of 3 February 2020.",
            TUESDAY,
            ("the week of 3 February 2020", "DATE", "2020-W06"),
        ),
    ],
)
def test_the_week_of_a_day_is_its_iso_week(text, dct, expected):
    assert expected in tagged(text, dct)
