"""Line splitting of dumps (hard-wrapped ones included) and the line features the model reads."""

from __future__ import annotations

import textwrap

import numpy as np

from wiretrace.article.furniture_model import best_run, viterbi
from wiretrace.article.lines import FEATURE_NAMES, features
from wiretrace.article.text import split_lines, wrap_width

PARAGRAPHS = [
    "The river authority opened its new flood barrier on Thursday, three years after the storm that "
    "flooded the lower town, and engineers said it would hold back a surge twice as high as that one.",
    "Residents who lost their homes in the storm were invited to the opening. Many said they would sleep "
    "better now, though some asked why the barrier had taken so long to build and cost so much more.",
    "The authority said the final bill, due next month, would be published in full with the accounts.",
]


def wrapped_page(width: int) -> str:
    menu = "Home\nNews\nSport\n"
    return menu + "\n" + "\n\n".join(textwrap.fill(p, width) for p in PARAGRAPHS) + "\n"


def test_a_page_wrapped_at_a_terminal_width_is_recognised():
    lengths = [len(line) for line in wrapped_page(60).splitlines() if line.strip()]
    assert 50 <= wrap_width(lengths) <= 60


def test_unwrapped_dumps_are_not_taken_for_wrapped_ones():
    page = "Home\nNews\n" + "\n".join(PARAGRAPHS)
    assert wrap_width([len(line) for line in page.splitlines()]) is None


def test_wrapped_paragraphs_become_one_line_each_whatever_their_last_word():
    lines = split_lines(wrapped_page(60))
    texts = [" ".join(line.text.split()) for line in lines]
    assert texts[:3] == ["Home", "News", "Sport"]
    assert texts[3:] == PARAGRAPHS


def test_offsets_of_joined_lines_point_into_the_input():
    content = wrapped_page(60)
    for line in split_lines(content):
        assert content[line.start : line.end] == line.text


def test_features_are_one_row_per_line_and_finite_in_any_script():
    texts = [
        "ニュース",
        "東京都は月曜日、新しい防災計画を発表した。計画は来年から実施される。",
        "Home",
        PARAGRAPHS[0],
    ]
    rows = features(texts, [0, 2, 0, 0], [0, 1, 2, 1], ["label", "prose", "label", "prose"])
    assert rows.shape == (4, len(FEATURE_NAMES))
    assert np.isfinite(rows).all()
    words = rows[:, FEATURE_NAMES.index("log_words")]
    assert words[1] > words[0]  # a Japanese sentence is longer than a one-word label, without spaces


def test_an_empty_page_has_no_rows():
    assert features([], [], [], []).shape == (0, len(FEATURE_NAMES))


def test_smoothing_keeps_a_run_through_one_doubtful_line():
    scores = [0.05, 0.05, 0.9, 0.95, 0.4, 0.9, 0.92, 0.05, 0.02]
    assert viterbi(scores, 0.3, (0.97, 0.92)) == [False, False, True, True, True, True, True, False, False]


def test_smoothing_drops_an_isolated_confident_looking_line_in_a_menu():
    scores = [0.05] * 10 + [0.6] + [0.05] * 10
    assert not any(viterbi(scores, 0.3, (0.99, 0.9)))


def test_best_run_finds_the_one_article_paragraph():
    scores = [0.05, 0.1, 0.35, 0.3, 0.05, 0.02]
    assert best_run(scores) == [False, False, True, True, False, False]


def test_a_page_without_line_breaks_is_read_sentence_by_sentence():
    content = "Home   News   Sport   " + " ".join(PARAGRAPHS * 8)
    lines = split_lines(content)
    assert [line.text for line in lines[:3]] == ["Home", "News", "Sport"]
    assert lines[3].text.startswith("The river authority") and lines[3].text.endswith("that one.")
    assert all(content[line.start : line.end] == line.text for line in lines)
