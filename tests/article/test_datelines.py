"""Dates as pages write them, read into ISO 8601."""

from __future__ import annotations

import pytest

from wiretrace.article.datelines import (
    body_dateline,
    date_label_prefix,
    date_line,
    match_date,
    normalise_published,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("04 Mar 2025, 20:24 GMT+10", "2025-03-04T20:24:00+10:00"),
        ("4 March 2025 20:24 UTC-3", "2025-03-04T20:24:00-03:00"),
        ("Sept. 5, 2019", "2019-09-05"),
        ("September 5th, 2019", "2019-09-05"),
        ("Tuesday, March 4, 2025 at 8:24 p.m. EST", "2025-03-04T20:24:00-05:00"),
        ("2025-02-26", "2025-02-26"),
        ("2025-02-26T07:05:00Z", "2025-02-26T07:05:00+00:00"),
        ("2025-02-26 07:05+0530", "2025-02-26T07:05:00+05:30"),
        ("12 Dec 2016 12:30 am", "2016-12-12T00:30:00"),
    ],
)
def test_written_dates_become_iso(text, value):
    found = match_date(text)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "text", ["31 February 2025", "2025-13-01", "Feb 30, 2024", "3,000 troops", "in 3025"]
)
def test_impossible_or_non_dates_are_not_read(text):
    assert match_date(text) is None


def test_date_line_must_be_only_a_date():
    assert date_line("Updated: 4 March 2025").value == "2025-03-04"
    assert date_line("4 March 2025 was a day of talks in Riyadh.") is None


def test_date_label_prefix_covers_label_and_date():
    line = "date 2025-02-26 The talks resumed."
    found = date_label_prefix(line)
    assert found.value == "2025-02-26"
    assert line[found.end :] == "The talks resumed."
    assert date_label_prefix("2025-02-26 The talks resumed.") is None  # no label, no cut


def test_body_dateline_returns_agency():
    found, agency = body_dateline("June 1, 2020 (Interfax)—The ministry said ...")
    assert found.value == "2020-06-01" and agency == "Interfax"
    assert body_dateline("June 1, 2020 was hot.") is None


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("2010-07-02", "2010-07-02"),
        ("2016-09-12T10:00:00Z", "2016-09-12T10:00:00+00:00"),
        ("not a date", None),
    ],
)
def test_normalise_published(given, value):
    assert normalise_published(given) == value
