"""Clustering scores on small hand-made cases whose answers are worked out by hand."""

from __future__ import annotations

import pytest

from wiretrace.errors import UsageError
from wiretrace.eval.stories import bcubed, pairwise, read_gold, score

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_the_gold_itself_scores_one():
    assert bcubed(GOLD, GOLD).f1 == pytest.approx(1.0)
    assert pairwise(GOLD, GOLD).f1 == pytest.approx(1.0)


def test_everything_in_one_cluster():
    one = dict.fromkeys(GOLD, "x")
    # B-cubed precision: a, b, c see 3 of 5 right; d, e see 2 of 5 -> (3*3/5 + 2*2/5) / 5 = 13/25.
    assert bcubed(one, GOLD).precision == pytest.approx(13 / 25)
    assert bcubed(one, GOLD).recall == pytest.approx(1.0)
    # Pairs: 10 predicted, 3 + 1 = 4 of them in gold.
    assert pairwise(one, GOLD).precision == pytest.approx(4 / 10)
    assert pairwise(one, GOLD).recall == pytest.approx(1.0)


def test_every_item_alone():
    alone = {item: item for item in GOLD}
    # Recall: a, b, c find 1 of 3; d, e find 1 of 2 -> (3/3 + 2/2) / 5 = 2/5.
    assert bcubed(alone, GOLD).recall == pytest.approx(2 / 5)
    assert bcubed(alone, GOLD).precision == pytest.approx(1.0)
    assert pairwise(alone, GOLD).recall == pytest.approx(0.0)
    assert pairwise(alone, GOLD).f1 == pytest.approx(0.0)


def test_one_item_in_the_wrong_cluster():
    predicted = {"a": "p", "b": "p", "c": "q", "d": "q", "e": "q"}
    # Precision: a, b 2/2; c 1/3; d, e 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
    # Recall: a, b 2/3; c 1/3; d, e 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
    result = bcubed(predicted, GOLD)
    assert (result.precision, result.recall, result.f1) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # Pairs predicted: ab, cd, ce, de (4); right: ab, de (2). Gold pairs: ab, ac, bc, de (4).
    assert pairwise(predicted, GOLD).precision == pytest.approx(2 / 4)
    assert pairwise(predicted, GOLD).recall == pytest.approx(2 / 4)


def test_only_items_in_both_are_scored_and_splits_and_merges_are_named():
    predicted = {"a": "p", "b": "p", "c": "r", "d": "p", "z": "p"}
    result = score(predicted, GOLD)
    assert result.items == 4  # e has no prediction, z no gold
    assert result.split == [[["a", "b"], ["c"]]]
    assert result.merged == [[["a", "b"], ["d"]]]


def test_gold_files_take_id_or_url_and_name_a_bad_line(tmp_path):
    good = tmp_path / "gold.jsonl"
    good.write_text('{"id": "a.txt", "cluster": 1}\n\n{"url": "https://x.example/b", "cluster": "1"}\n')
    assert read_gold(good) == [("a.txt", "1"), ("https://x.example/b", "1")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a.txt", "cluster": 1}\n{"cluster": 2}\n')
    with pytest.raises(UsageError, match=r"bad.jsonl:2: expected a JSON object"):
        read_gold(bad)
