"""Quotation marks found before any parsing: pairs, paragraphs, nesting, what is skipped."""

from __future__ import annotations

from collections import Counter

import pytest

from wiretrace.statements.marks import MAX_QUOTE_CHARS, SKIP_TOO_LONG, SKIP_UNBALANCED, find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win," and left.', ['"we will win,"']),
        ("He said “we will win,” and left.", ["“we will win,”"]),
        ("She called it «une farce» twice.", ["«une farce»"]),
        ('"First," she said, "second."', ['"First,"', '"second."']),
        ("“It was what he calls “hell” for us,” she said.", ["“It was what he calls “hell” for us,”"]),
        ("The mayor’s plan isn’t new.", []),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_a_quote_over_paragraphs_opens_each_and_closes_on_the_last() -> None:
    text = "He went on:\n\n“First paragraph of the speech.\n\n“Second paragraph, and the end.”\n\nAfter it."
    [quote] = find_quotes(text)
    assert text[quote.start : quote.end].startswith("“First paragraph")
    assert text[quote.start : quote.end].endswith("the end.”")


def test_a_closing_mark_at_a_paragraph_start_opens_the_quote() -> None:
    assert quoted("Intro line.\n”Fear is what I feel.” ― A. Reader") == ["”Fear is what I feel.”"]


def test_unbalanced_marks_are_skipped_and_counted() -> None:
    skipped: Counter[str] = Counter()
    text = "He said “this never closes.\n\nA new paragraph without a mark. Then ” a stray closer."
    assert find_quotes(text, skipped) == []
    assert skipped[SKIP_UNBALANCED] == 2


def test_an_oversized_quote_is_skipped_and_counted() -> None:
    skipped: Counter[str] = Counter()
    text = "“" + "word " * (MAX_QUOTE_CHARS // 5 + 10) + "”"
    assert find_quotes(text, skipped) == []
    assert skipped[SKIP_TOO_LONG] == 1
