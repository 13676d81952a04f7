"""Resolution against the publication date, form by form, on hand-made sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.dates import tag_text
from wiretrace.dates.calendar import parse_dct

TUESDAY = date(2025, 3, 4)  # a Tuesday, in ISO week 2025-W10


def only(text: str, dct: date | None = TUESDAY):
    found = tag_text(text, dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        # weekdays: the nearest such day on or before the DCT unless a word or the tense says later
        ("The minister stated on Tuesday that talks stalled.", "Tuesday", "DATE", "2025-03-04"),
        ("A report on Monday claimed a plan existed.", "Monday", "DATE", "2025-03-03"),
        ("Officials met on Friday.", "Friday", "DATE", "2025-02-28"),
        ("The delegations will meet on Friday.", "Friday", "DATE", "2025-03-07"),
        ("They are to sign the deal on Thursday.", "Thursday", "DATE", "2025-03-06"),
        ("We meet next Monday.", "next Monday", "DATE", "2025-03-10"),
        ("She left last Tuesday.", "last Tuesday", "DATE", "2025-02-25"),
        ("Sunday's vote changed everything.", "Sunday", "DATE", "2025-03-02"),
        ("The shop closed Friday night.", "Friday night", "TIME", "2025-02-28TNI"),
        # days, weeks, months, years relative to the DCT
        ("He spoke yesterday.", "yesterday", "DATE", "2025-03-03"),
        ("The ruling comes tomorrow.", "tomorrow", "DATE", "2025-03-05"),
        ("It opened today.", "today", "DATE", "2025-03-04"),
        ("They talked last week.", "last week", "DATE", "2025-W09"),
        ("Shares rose this week.", "this week", "DATE", "2025-W10"),
        ("Trump announced last month that he would go.", "last month", "DATE", "2025-02"),
        ("The economy grew last year.", "last year", "DATE", "2024"),
        ("Elections are due early next year.", "early next year", "DATE", "2026"),
        ("Prices fell earlier this month.", "earlier this month", "DATE", "2025-03"),
        ("The peak came ten years ago.", "ten years ago", "DATE", "2015"),
        ("She arrived three days ago.", "three days ago", "DATE", "2025-03-01"),
        ("The plan was drafted six months ago.", "six months ago", "DATE", "2024-09"),
        ("The rules changed two weeks ago.", "two weeks ago", "DATE", "2025-W08"),
        ("The firm was founded a decade ago.", "a decade ago", "DATE", "2015"),
        # months and days without a year
        ("In March, the leader said so.", "March", "DATE", "2025-03"),
        ("The hearing was held in November.", "November", "DATE", "2024-11"),
        ("The deal will close by June.", "June", "DATE", "2025-06"),
        ("The accord lapses on Dec. 31.", "Dec. 31", "DATE", "2024-12-31"),
        ("The accord was signed on 12 February.", "12 February", "DATE", "2025-02-12"),
        ("The vote is on March 20.", "March 20", "DATE", "2025-03-20"),
        # absolute dates
        ("Sanctions run through March 6, 2026.", "March 6, 2026", "DATE", "2026-03-06"),
        ("It began on 24 February 2022.", "24 February 2022", "DATE", "2022-02-24"),
        ("Measures imposed in 2014 remain.", "2014", "DATE", "2014"),
        ("In July 1997 the handover took place.", "July 1997", "DATE", "1997-07"),
        ("The file is dated 2019-09-05.", "2019-09-05", "DATE", "2019-09-05"),
        # quarters, halves, seasons, decades, centuries
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
        ("First-quarter sales fell.", "First-quarter", "DATE", "2025-Q1"),
        ("Output in the fourth quarter of 2023 fell.", "the fourth quarter of 2023", "DATE", "2023-Q4"),
        ("Results for Q2 2024 were weak.", "Q2 2024", "DATE", "2024-Q2"),
        ("Growth slowed in the first half of 2024.", "the first half of 2024", "DATE", "2024-H1"),
        ("The talks resume this summer.", "this summer", "DATE", "2025-SU"),
        ("The offensive stalled last fall.", "last fall", "DATE", "2024-FA"),
        ("Oil boomed in the 1970s.", "the 1970s", "DATE", "197"),
        ("Music of the '90s returned.", "the '90s", "DATE", "199"),
        ("Wars of the 20th century.", "the 20th century", "DATE", "19"),
        # reference words
        ("Russia is now open to talks.", "now", "DATE", "PRESENT_REF"),
        ("Rubio recently suggested a change.", "recently", "DATE", "PAST_REF"),
        ("It may change in the future.", "the future", "DATE", "FUTURE_REF"),
        # durations
        ("Sanctions were extended for 12 months.", "12 months", "DURATION", "P12M"),
        ("He served for nearly two years.", "nearly two years", "DURATION", "P2Y"),
        ("In the past two months prices rose.", "the past two months", "DURATION", "P2M"),
        ("It took several weeks.", "several weeks", "DURATION", "PXW"),
        ("Talks lasted four hours.", "four hours", "DURATION", "PT4H"),
        ("A five-year plan was adopted.", "five-year", "DURATION", "P5Y"),
        # times with zones
        ("The vote closes at 5 p.m. EST.", "5 p.m. EST", "TIME", "2025-03-04T17:00-05:00"),
        ("Trading halts at 14:30 GMT.", "14:30 GMT", "TIME", "2025-03-04T14:30Z"),
        ("The deadline will be noon Thursday.", "noon Thursday", "TIME", "2025-03-06T12:00"),
        ("Published 04 Mar 2025, 20:24 GMT+10.", "20:24 GMT+10", "TIME", "2025-03-04T20:24+10:00"),
        # sets
        ("The paper is printed daily.", "daily", "SET", "P1D"),
        ("The board meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("Inspectors visit twice a year.", "twice a year", "SET", "P1Y"),
    ],
)
def test_resolves_against_the_publication_date(text, expression, kind, value):
    found = [t for t in tag_text(text, TUESDAY) if t.text == expression]
    assert found, tag_text(text, TUESDAY)
    assert (found[0].type, found[0].value) == (kind, value)


def test_offsets_point_into_the_text():
    text = "On Tuesday, Peskov said the talks of last week failed."
    for found in tag_text(text, TUESDAY):
        assert text[found.start : found.end] == found.text


def test_prepositions_stay_out_of_the_span():
    assert only("They met on Friday.").text == "Friday"
    assert only("It happened in 2014.").text == "2014"


def test_anchored_marks_values_that_depend_on_the_publication_date():
    assert only("He spoke yesterday.").anchored is True
    assert only("It began in 2014.").anchored is False


@pytest.mark.parametrize(
    "text",
    [
        "He spoke yesterday.",
        "They met on Monday.",
        "In March, he said so.",
        "It was ten years ago.",
        "last week",
    ],
)
def test_without_a_publication_date_relative_expressions_keep_their_text_and_no_value(text):
    found = only(text, None)
    assert found.value is None and found.anchored is True
    assert found.text in text


def test_without_a_publication_date_absolute_dates_still_resolve():
    found = tag_text("The deal of March 6, 2026 and the war of 2014.", None)
    assert [t.value for t in found] == ["2026-03-06", "2014"]


def test_a_day_named_with_a_time_of_day_takes_that_day():
    found = tag_text("Talks resume next Monday at 10 a.m. EST.", TUESDAY)
    assert [t.value for t in found] == ["2025-03-10", "2025-03-10T10:00-05:00"]


def test_a_year_earlier_counts_from_the_quarter_just_mentioned():
    found = tag_text("Profit rose in the third quarter, up from a year earlier.", date(1989, 10, 26))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    ("published", "day"),
    [
        ("2025-03-04T20:24:00+10:00", date(2025, 3, 4)),  # 10:24 UTC: still 4 March where it was published
        ("2025-03-04T01:00:00-05:00", date(2025, 3, 4)),  # 06:00 UTC on 4 March, 1 a.m. local
        ("2019-09-05", date(2019, 9, 5)),
        ("2025-02-26T08:00:00Z", date(2025, 2, 26)),
        ("Sept. 5, 2019", None),
        ("", None),
        (None, None),
    ],
)
def test_the_dct_is_the_local_calendar_date_of_the_publication(published, day):
    assert parse_dct(published) == day
