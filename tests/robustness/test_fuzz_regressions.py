"""Inputs the fuzzers found, kept as regression tests (fuzz/fuzz_text.py's checks)."""

from __future__ import annotations

import pytest

from tests.robustness.test_properties import analyse

# (media type, text) of each crash found by `make fuzz`
FOUND = [
    (
        "text/html",
        "\x7f\x7f\x00\x00\x00\x00\x00\x00t.D.\x00\x00\x00Q2\x001~.v Q2.((to.^u...\x00\x00\x00\x00\x00\x00\x00"
        "\x00\x00\x00\x00\x00\x00\x00\x00%..v Q3.v Q2\nb\n\x7f\x7f\x7f\nb\n\x00\x00\x00-\x00(\x00\x01\x00-!\n\x00(",
    ),
]


@pytest.mark.parametrize(("media_type", "text"), FOUND)
def test_fuzz_finds_stay_fixed(media_type, text):
    analyses, _ = analyse(text, media_type)
    assert analyses and analyses[0].times  # the case still reaches the dates stage
    for time in analyses[0].times:
        assert time.text == time.text.strip() and 0 <= time.start < time.end <= len(text)
