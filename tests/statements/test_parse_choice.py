"""Which sentences the stage hands to spaCy (the rest is never parsed)."""

from __future__ import annotations

import pytest

from wiretrace.statements import StatementStage, has_trigger, is_case_blind, parse_chunks


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor said the port would reopen.", True),
        ("Said the mayor: nothing.", True),  # first word of a sentence
        ("Trade with the United States grew by a tenth.", False),  # "States" is part of a name
        ("She met the Secretary of State in March.", False),
        ("The figures, she states, are final.", True),
        ("The harbour is deep and the water is cold.", False),
    ],
)
def test_trigger_words_count_as_verbs_are_written(
    stage: StatementStage, sentence: str, expected: bool
) -> None:
    assert has_trigger(sentence, stage.triggers) is expected


def test_case_says_nothing_in_a_title_case_headline(stage: StatementStage) -> None:
    headline = "Mayor Says United States Trade Counters The Harbour Plan"
    assert is_case_blind(headline)
    assert not is_case_blind("The mayor says the United States trade counters the plan.")
    assert has_trigger("Harbour States Counters Plan", stage.triggers, case_blind=True)


def test_parse_chunks_leave_out_sentences_that_name_a_trigger_word(stage: StatementStage) -> None:
    body = (
        "Harbour Chief Says The Cranes Are Late\n\n"
        "The cranes come from the United States. They arrive in May. The mayor said so on Friday.\n"
    )
    chunks = [body[start:end] for start, end in parse_chunks(body, [], stage.triggers)]
    assert chunks == ["Harbour Chief Says The Cranes Are Late", "The mayor said so on Friday."]
