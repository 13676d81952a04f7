"""Odd text never stops the stage: no crash, no span outside the text, a count of what was skipped."""

from __future__ import annotations

from wiretrace.statements import SKIP_NOT_ENGLISH
from wiretrace.statements.extract import SKIP_NO_SENTENCES
from wiretrace.statements.marks import SKIP_TOO_LONG, SKIP_UNBALANCED


def assert_spans_inside(analysis) -> None:
    length = len(analysis.item.content)
    for statement in analysis.statements:
        assert 0 <= statement.start <= statement.end <= length
        for span in (statement.cue, statement.speaker):
            if span is not None:
                assert 0 <= span.start <= span.end <= length


def skipped_by(stage, run, text: str):
    before = stage.skipped.copy()
    analysis = run(text)
    after = stage.skipped.copy()
    after.subtract(before)
    return analysis, +after


def test_unbalanced_quotation_marks(stage, analyse) -> None:
    text = (
        "Ferry talks stall\n\n"
        "The ferry dispute entered its third week on Tuesday, with no sign of a deal in the harbour town.\n\n"
        "The captain said “we will sail on Monday, whatever the council decides.\n\n"
        "Nobody answered the captain. The council said it would meet again on Friday.\n"
    )
    analysis, skipped = skipped_by(stage, analyse, text)
    assert skipped[SKIP_UNBALANCED] >= 1
    assert_spans_inside(analysis)
    assert any("meet again on Friday" in s.text for s in analysis.statements)


def test_a_ten_thousand_word_quote(stage, analyse) -> None:
    sentence = "and the people of this state will not forget what was promised to them by the party".split()
    words = " ".join(sentence[index % len(sentence)] for index in range(10_000))
    text = f"A long speech\n\nThe senator said: “{words}.” Then she sat down, aides said.\n"
    analysis, skipped = skipped_by(stage, analyse, text)
    assert skipped[SKIP_TOO_LONG] == 1
    assert_spans_inside(analysis)


def test_text_with_no_sentences(stage, analyse) -> None:
    # a table of numbers: the article stage keeps it, and no sentence is in it
    analysis, skipped = skipped_by(
        stage, analyse, "Scores\n\n12 7 33 18 4 21 9 16 3 14 27 8 19 30 2 11 5 6\n"
    )
    assert analysis.statements == ()
    assert_spans_inside(analysis)
    assert skipped[SKIP_NO_SENTENCES] == 1


def test_non_english_text_is_skipped_and_counted(stage, analyse) -> None:
    text = (
        "Переговоры продолжаются\n\n"
        "Министр иностранных дел заявил, что Москва открыта для переговоров с Вашингтоном, "
        "но санкции должны быть сняты. «Мы никого не просим», — сказал он журналистам во вторник "
        "после встречи с коллегами в столице, где обсуждались вопросы торговли и энергетики.\n"
    )
    analysis, skipped = skipped_by(stage, analyse, text)
    assert analysis.statements == ()
    assert skipped[SKIP_NOT_ENGLISH] == 1


def test_a_very_long_article_is_parsed_up_to_the_budget(stage, analyse) -> None:
    from wiretrace.statements import MAX_PARSED_WORDS, SKIP_TOO_LONG

    paragraph = "The council debated the harbour budget again, the clerk said on Monday.\n\n"
    repeats = MAX_PARSED_WORDS // 12 + 50
    analysis, skipped = skipped_by(stage, analyse, "Budget night\n\n" + paragraph * repeats)
    assert skipped[SKIP_TOO_LONG] == 1
    assert 0 < len(analysis.statements) < repeats
    assert_spans_inside(analysis)
