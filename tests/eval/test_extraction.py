"""The body-extraction measure and `wiretrace eval extraction` on real files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from wiretrace.eval.extraction import score_page, shingles, summarise

GOLD_BODY = "one two three four five six seven eight"


def test_shingles_are_four_word_runs_counted():
    found = shingles("a b c d a b c d")
    assert found[("a", "b", "c", "d")] == 2
    assert sum(found.values()) == 5


def test_a_short_text_is_one_shingle():
    assert list(shingles("two words")) == [("two", "words")]


def test_page_shares_sum_to_one_and_extra_text_costs_precision():
    exact = score_page("p", GOLD_BODY, GOLD_BODY)
    assert (exact.tp, exact.fp, exact.fn) == (1.0, 0.0, 0.0)
    padded = score_page("p", GOLD_BODY, "menu home news " + GOLD_BODY)
    assert padded.recall == 1.0
    assert padded.precision == pytest.approx(5 / 8)
    assert padded.tp + padded.fp + padded.fn == pytest.approx(1.0)


def test_summary_averages_precision_and_recall_over_pages_then_takes_f1():
    pages = [
        score_page("full", GOLD_BODY, GOLD_BODY),
        score_page("half", GOLD_BODY, "one two three four five"),  # 2 of 5 gold shingles
        score_page("empty", GOLD_BODY, ""),  # no precision, recall 0
    ]
    summary = summarise(pages)
    assert summary.precision == pytest.approx(1.0)  # the empty page has no precision
    assert summary.recall == pytest.approx((1 + 2 / 5 + 0) / 3)
    assert summary.f1 == pytest.approx(
        2 * summary.precision * summary.recall / (summary.precision + summary.recall)
    )


def test_eval_extraction_command_scores_a_folder(tmp_path):
    article = (
        "The harbour authority said on Monday that the new pier would open in June, after two years of work. "
        "Fishing crews, who have waited since the storm destroyed the old one, welcomed the date."
    )
    second = (
        "Traders expect the market to move back to the quay once the work is finished and the road reopens."
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "pier.txt").write_text(
        "Home\nNews\nSport\nWeather\n\nPier to open in June\n\n"
        + article
        + "\n\n"
        + second
        + "\n\n© 2024 Harbour Post\n",
        encoding="utf-8",
    )
    gold = {
        "pier": {"articleBody": article + "\n\n" + second},
        "absent": {"articleBody": "nothing here at all"},
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = run_cli(
        "eval",
        "extraction",
        str(tmp_path / "pages"),
        "--gold",
        str(tmp_path / "gold.json"),
        "--json",
        "--per-page",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["pages"] == 2
    assert figures["per_page"]["pier"] > 0.9
    assert figures["per_page"]["absent"] == 0.0
    assert "1 gold pages have no file" in result.stderr
