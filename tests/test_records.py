"""Offset maps: body offsets to input offsets and back, for any runs."""

from __future__ import annotations

import json
from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as st

from wiretrace.records import (
    Cue,
    NameLabel,
    OffsetMap,
    Recognised,
    Run,
    Span,
    Speaker,
    Statement,
    content_id,
    to_dict,
)
from wiretrace.store.codec import row_statement, statement_row


@st.composite
def source_and_kept(draw):
    source = draw(st.text(min_size=1, max_size=300))
    cuts = sorted(draw(st.lists(st.integers(0, len(source)), min_size=2, max_size=10, unique=True)))
    kept = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    return source, kept


def build(source, kept):
    runs, parts, length = [], [], 0
    for start, end in kept:
        if parts:
            parts.append("\n\n")
            length += 2
        runs.append(Run(length, start, end - start))
        parts.append(source[start:end])
        length += end - start
    return "".join(parts), OffsetMap(tuple(runs))


@given(source_and_kept())
def test_every_kept_character_maps_to_itself(case):
    source, kept = case
    body, offsets = build(source, kept)
    for run in offsets.runs:
        for i in range(run.length):
            position = run.body_start + i
            assert source[offsets.to_source(position)] == body[position]
            assert offsets.to_body(offsets.to_source(position)) == position


@given(source_and_kept(), st.data())
def test_spans_map_inside_the_source_and_in_order(case, data):
    source, kept = case
    body, offsets = build(source, kept)
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, len(body)))
    source_start, source_end = offsets.span_to_source(start, end)
    assert 0 <= source_start <= source_end <= len(source)


def test_span_inside_one_run_is_exact():
    offsets = OffsetMap((Run(0, 10, 5), Run(7, 30, 5)))
    assert offsets.span_to_source(1, 4) == (11, 14)
    assert offsets.span_to_source(7, 12) == (30, 35)
    assert offsets.span_to_body(31, 33) == (8, 10)
    assert offsets.span_to_body(0, 5) is None


def test_content_id_ignores_surrounding_whitespace():
    assert content_id("text\n") == content_id("  text") != content_id("text2")


optional_text = st.none() | st.text(max_size=20)
spans = st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6), st.text(max_size=20))
statements = st.builds(
    Statement,
    id=st.text(max_size=12),
    article_id=st.text(max_size=12),
    kind=st.sampled_from(["direct", "indirect", "mixed"]),
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    text=st.text(max_size=60),
    cue=st.none() | st.builds(Cue, st.text(max_size=12), st.integers(0, 999), st.integers(0, 999)),
    speaker=st.none()
    | st.builds(
        Speaker, optional_text, st.text(max_size=20), st.integers(0, 999), st.integers(0, 999), optional_text
    ),
    role=optional_text,
    venue=optional_text,
    relayed_by=st.lists(st.text(max_size=12), max_size=3).map(tuple),
    date=optional_text,
    date_source=optional_text,
    date_span=st.none() | spans,
)
labels = st.builds(NameLabel, st.text(max_size=12), st.text(max_size=6), st.text(max_size=12), st.booleans())
recognised = st.builds(
    Recognised,
    lead=st.lists(st.tuples(st.text(max_size=12), st.text(max_size=6)), max_size=3).map(tuple),
    names=st.lists(labels, max_size=3).map(tuple),
)


@given(statements | recognised)
def test_to_dict_is_asdict_without_the_copy(record):
    assert to_dict(record) == asdict(record)
    assert json.dumps(to_dict(record)) == json.dumps(asdict(record))


@given(statements)
def test_a_statement_comes_back_from_its_row(statement):
    assert row_statement(statement_row(statement)) == statement
