"""Acts are not speech: hand-made sentences over many verbs, acts beside reported speech in the
same shapes (subject, verb, what follows), none of them the seeds' wording.

Whether a verb reports speech is the cue model's decision, learned from PolNeAR, whose
notion of attribution is wide (plans, votes, "called for"): a threshold low enough for its
recall lets some acts through. ``ACTS_TAKEN_AT_MOST`` is the count measured when the model
was last trained (docs/evaluation.md); the test fails when a change lets more acts through,
and the bound comes down as the model gets better.
"""

from __future__ import annotations

import pytest

HEAD = "Council report\n\n"

ACTS = (
    "The committee approved the budget on Thursday.",
    "Police arrested three protesters outside the embassy on Friday.",
    "The company closed two factories in Ohio last year.",
    "The governor signed the bill into law on Monday.",
    "The central bank raised interest rates by half a point.",
    "The army withdrew its troops from the border region.",
    "The ministry imposed new tariffs on steel imports.",
    "The mayor opened a new hospital wing in the city.",
    "Regulators fined the bank $2 million for late filings.",
    "The council adopted new rules for street vendors.",
    "The agency introduced a new visa program for students.",
    "The coalition placed restrictions on fishing in the bay.",
    "The union organized a march through the capital.",
    "The prime minister visited the flooded towns on Sunday.",
    "The board hired a new chief executive in March.",
    "The court blocked the merger of the two airlines.",
    "The minister cancelled her trip to the summit.",
)
ACTS_TAKEN_AT_MOST = 4  # measured 2026-12-07: approved, signed, withdrew, imposed

SPEECH = (
    ("The committee said the budget would pass on Thursday.", "The committee"),
    ("Police said three protesters were arrested outside the embassy.", "Police"),
    ("The company announced that it would close two factories in Ohio.", "The company"),
    ("The governor told reporters the bill would become law on Monday.", "The governor"),
    ("The central bank warned that interest rates would rise again.", "The central bank"),
    ("The army claimed its troops had left the border region.", "The army"),
    ("The ministry stated that new tariffs on steel imports were needed.", "The ministry"),
    ("The mayor insisted the city needed a new hospital wing.", "The mayor"),
    ("Regulators said the bank had filed its reports late.", "Regulators"),
    ("The council confirmed that new rules for street vendors would apply.", "The council"),
    ("The agency explained that the visa program was meant for students.", "The agency"),
    ("The coalition noted that fishing in the bay had fallen.", "The coalition"),
    ("The prime minister said the flooded towns would get help.", "The prime minister"),
    ("The board revealed that a new chief executive had been hired.", "The board"),
    ("The court ruled that the merger of the two airlines was unlawful.", "The court"),
    ("The minister denied that her trip to the summit was cancelled.", "The minister"),
)


@pytest.mark.parametrize(("sentence", "speaker"), SPEECH)
def test_reported_speech_gives_a_statement(analyse, sentence, speaker) -> None:
    analysis = analyse(HEAD + sentence + "\n")
    assert len(analysis.statements) == 1, sentence
    statement = analysis.statements[0]
    assert statement.speaker.mention == speaker
    assert statement.text.rstrip(".") in sentence


def test_acts_give_no_statement_beyond_the_measured_few(analyse) -> None:
    taken = [sentence for sentence in ACTS if analyse(HEAD + sentence + "\n").statements]
    assert len(taken) <= ACTS_TAKEN_AT_MOST, f"acts taken for speech: {taken}"
