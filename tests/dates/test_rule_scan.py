"""Rules that scan only near the word they need (``rule(needs=...)``) find exactly what a
scan of the whole text finds: on real text (PolNeAR, TimeBank + AQUAINT, the seeds) and on
made-up text crowded with temporal words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wiretrace.dates.tagger  # noqa: F401  (registers the rules)
from tests.conftest import EVAL, SEEDS, needs_shared
from wiretrace.dates.rules import RULES, Rule, matches
from wiretrace.eval.timeml import read_corpus

GATED = [rule for rule in RULES if rule.needs is not None]


def full_scan(rule: Rule, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in rule.pattern.finditer(text) if match.end() > match.start()]


def gated_scan(rule: Rule, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in matches(rule, text)]


def test_the_slow_rules_are_gated():
    assert {"duration", "counted_ago", "decade", "century", "month_day"} <= {rule.name for rule in GATED}


@needs_shared(EVAL / "polnear")
@pytest.mark.parametrize("corpus", ["polnear", "timebank", "seeds"])
def test_gated_rules_find_what_a_full_scan_finds_in_real_text(corpus):
    if corpus == "polnear":
        texts = [
            path.read_text("utf-8") for path in sorted((EVAL / "polnear" / "dev" / "text").glob("*.txt"))
        ]
    elif corpus == "timebank":
        texts = [document.text for document in read_corpus(EVAL / "timebank")]
    else:
        texts = [path.read_text("utf-8") for path in sorted(Path(SEEDS).iterdir()) if path.is_file()]
    assert len(texts) >= 5
    found = 0
    for rule in GATED:
        for text in texts:
            expected = full_scan(rule, text)
            assert gated_scan(rule, text) == expected, (rule.name, corpus)
            found += len(expected)
    assert found > 10  # the texts hold what the rules look for


WORDS = (
    "about nearly the past last next few three 3 12 1990 1990s '90s twenties mid- early late "
    "years year days day-long weeks months decade century 21st ago earlier later from now before "
    "and a half or so consecutive trading January Jan. May 5 5th of March Tuesday Tues. this coming "
    "two quarters fiscal nineteen ninety-nine two thousand 14:30 GMT hours , . - \n said it"
).split(" ")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "-", "\n", ", "])), max_size=60)
)
def test_gated_rules_find_what_a_full_scan_finds_in_crowded_text(pieces):
    text = "".join(word + gap for word, gap in pieces)
    for rule in GATED:
        assert gated_scan(rule, text) == full_scan(rule, text), rule.name
