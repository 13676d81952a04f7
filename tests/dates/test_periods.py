"""Reporting periods of company results, and durations with fractions or counted from an event."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.dates import tag_text

# Results season: the third quarter has just ended.
AFTER_Q3 = date(2024, 10, 28)


def tagged(text: str, dct: date = AFTER_Q3) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag_text(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The brewer lost money in the year-ago second quarter.",
            ("the year-ago second quarter", "DATE", "2023-Q2"),
        ),
        (
            "The plant may reopen in next year's first quarter.",
            ("next year's first quarter", "DATE", "2025-Q1"),
        ),
        ("Exports for last year's quarter were flat.", ("last year's quarter", "DATE", "2023-Q3")),
        ("Margins widened from the same period last year.", ("the same period last year", "DATE", "2023-Q3")),
        (
            "For the quarter a year earlier, the bank lost $2 million.",
            ("the quarter a year earlier", "DATE", "2023-Q3"),
        ),
        (
            "Demand should recover in the first two quarters of 2025.",
            ("the first two quarters of 2025", "DATE", "2025-H1"),
        ),
        ("Earnings will lag for the last half of 2024.", ("the last half of 2024", "DATE", "2024-H2")),
        # no quarter named yet: the one under report is the last one completed
        ("The insurer earned $3 million in the 2023 quarter.", ("the 2023 quarter", "DATE", "2023-Q3")),
        ("Revenue doubled in the latest period.", ("the latest period", "DATE", "2024-Q3")),
    ],
)
def test_reporting_periods_count_from_the_quarter_under_report(text, expected):
    assert expected in tagged(text)


def test_a_named_quarter_becomes_the_one_under_report():
    text = "Profit fell in the first quarter. Sales for last year's quarter were higher."
    assert ("last year's quarter", "DATE", "2023-Q1") in tagged(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fraction is written in the next smaller unit where it comes out whole
        ("The crossing took 3 1/2 hours.", ("3 1/2 hours", "DURATION", "PT3H30M")),
        ("She spent 1 1/2 years abroad.", ("1 1/2 years", "DURATION", "P1Y6M")),
        ("It took a minute and a half to answer.", ("a minute and a half", "DURATION", "PT1M30S")),
        ("The strike lasted 1.5 weeks.", ("1.5 weeks", "DURATION", "P1.5W")),
        # numbers in words up to thousands; "a couple of" is two
        (
            "Olive groves tended for over three thousand years.",
            ("over three thousand years", "DURATION", "P3000Y"),
        ),
        ("Rates will stay low for a couple of years.", ("a couple of years", "DURATION", "P2Y")),
        # hyphenated forms are durations even with "one"
        ("He began a one-week visit to the region.", ("one-week", "DURATION", "P1W")),
        # "later" counts from an event: the duration alone is the expression
        ("Four days later, the talks collapsed.", ("Four days", "DURATION", "P4D")),
        ("A week earlier, the strike had begun.", ("A week", "DURATION", "P1W")),
        ("A few weeks later, the plant reopened.", ("A few weeks", "DURATION", "PXW")),
    ],
)
def test_durations(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Two-thirds of voters and three-quarters of the seats went to the party.",
        "He appeared on CBS's 60 Minutes to explain.",
        "The index closed at 2081.4 points.",
    ],
)
def test_fractions_names_and_decimals_are_no_times(text):
    assert tagged(text) == []


def test_a_year_earlier_counted_from_a_quarter_stays_a_date():
    assert tagged("Profit rose in the second quarter, up from a year earlier.")[-1] == (
        "a year earlier",
        "DATE",
        "2023-Q2",
    )


def test_a_quarter_still_to_come_is_not_the_one_under_report():
    text = (
        "Analysts see a recovery by the third quarter of 2025. In the year-ago period, the firm lost money."
    )
    assert ("the year-ago period", "DATE", "2023-Q3") in tagged(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rates are at their lowest in two decades.", ("two decades", "DURATION", "P20Y")),
        ("The dispute dragged on for several decades.", ("several decades", "DURATION", "PXY")),
        ("The bridge stood for a century.", ("a century", "DURATION", "P100Y")),
    ],
)
def test_decades_and_counted_centuries_are_written_in_years(text, expected):
    assert expected in tagged(text)
