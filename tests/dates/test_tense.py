"""The tense of an expression's clause, from the parse, deciding which weekday, month or day it names."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrace.dates import tag_text
from wiretrace.dates.tense import FUTURE, PAST, PRESENT, parsed_tenses

TUESDAY = date(2025, 3, 4)


def value_of(text: str, expression: str, dct: date = TUESDAY) -> str | None:
    found = [t for t in tag_text(text, dct) if t.text == expression]
    assert found, tag_text(text, dct)
    return found[0].value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # the governing verb's tense, however far from the expression
        (
            "On Thursday, the delegations of the two neighbouring countries that had fought a war will sign.",
            "Thursday",
            "2025-03-06",
        ),
        (
            "On Friday the council, after a long and heated session, approved the budget.",
            "Friday",
            "2025-02-28",
        ),
        ("On Thursday, the two delegations will sign the accord.", "Thursday", "2025-03-06"),
        # an infinitive takes the tense of a plan: still to come even when the plan is past
        ("The inspectors planned to leave the capital on Thursday.", "Thursday", "2025-03-06"),
        ("The mayor declined to comment on Sunday.", "Sunday", "2025-03-02"),
        # a participle of planning points forward, unless its noun belongs to a past clause
        ("The prosecutor has scheduled a news conference Thursday.", "Thursday", "2025-03-06"),
        ("A vigil planned for Saturday was called off.", "Saturday", "2025-03-01"),
        # "set" is a plan only with "for": a record set on a day is a past
        ("A recital set for Friday sold out in an hour.", "Friday", "2025-02-28"),
        ("Shares neared a record set on Friday.", "Friday", "2025-02-28"),
        # a plan in the past perfect is over: "had been due to expire Friday"
        ("The offer had been due to expire Friday.", "Friday", "2025-02-28"),
        ("The offer is due to expire Friday.", "Friday", "2025-03-07"),
        # "by" and "until" point forward, except in the past perfect
        ("The agency extended the offer until Friday.", "Friday", "2025-03-07"),
        ("Most members had filed their reports by Monday.", "Monday", "2025-03-03"),
        ("Until Friday, the police had not named a suspect.", "Friday", "2025-02-28"),
        # "could" is as often a past as a possibility: the words around decide
        ("Her lawyers could not be reached Sunday.", "Sunday", "2025-03-02"),
    ],
)
def test_weekdays_follow_the_tense_of_their_clause(text, expression, value):
    assert value_of(text, expression) == value


@pytest.mark.parametrize(
    ("text", "expression", "dct", "value"),
    [
        # a day without a year: a present tense in a dated clause is a schedule
        ("The warrants expire Oct. 20.", "Oct. 20", TUESDAY, "2025-10-20"),
        ("The warrants expired Oct. 20.", "Oct. 20", TUESDAY, "2024-10-20"),
        # the present perfect, progressive too, tells of the past
        ("Police have been hunting him since the Nov. 3 attack.", "Nov. 3", date(2025, 6, 20), "2024-11-03"),
        # the tense reaches up to eight months back: a sighting in November told in June
        ("The suspect was last seen Nov. 3 near the border.", "Nov. 3", date(2025, 6, 20), "2024-11-03"),
        ("The fiscal year ended March 31.", "March 31", date(2025, 11, 1), "2025-03-31"),
        # but no further: a misread tense does not throw a day a year away
        ("Officials said on Jan. 14 the ferry would sail.", "Jan. 14", date(2025, 1, 6), "2025-01-14"),
        # a month: the clause's verb, not the nearest word, decides
        ("Their boat sank off the southern coast of the island in November.", "November", TUESDAY, "2024-11"),
        ("A summit set for April is expected to dominate the agenda.", "April", date(2025, 6, 10), "2026-04"),
        # "this September" is the publication year's, whatever the tense around it
        (
            "With the vote due this September, the figures could not have come at a worse time.",
            "this September",
            date(2025, 10, 1),
            "2025-09",
        ),
    ],
)
def test_days_and_months_without_a_year_follow_the_tense(text, expression, dct, value):
    assert value_of(text, expression, dct) == value


def test_parsed_tenses_read_the_verb_that_governs_each_span():
    text = "The envoy arrived on Monday. The talks will resume on Friday. The market opens on Sunday."
    spans = [(text.index(day), text.index(day) + len(day)) for day in ("Monday", "Friday", "Sunday")]
    tenses = parsed_tenses(text, spans)
    assert [tenses[span].tense for span in spans] == [PAST, FUTURE, PRESENT]
    assert not any(tenses[span].pluperfect for span in spans)


def test_without_a_publication_date_nothing_is_parsed_and_weekdays_stay_unresolved():
    found = tag_text("The envoy will arrive on Friday.", None)
    assert [(t.text, t.value) for t in found] == [("Friday", None)]
