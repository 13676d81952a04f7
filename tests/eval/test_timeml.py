"""TimeML reading and the TempEval-3 measures, on small hand-made TimeML files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EVAL, needs_shared, run_cli
from wiretrace.errors import UsageError
from wiretrace.eval.timeml import Timex, count, evaluate, measures, read_corpus, read_timeml

DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>hand-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-04T20:24:00" temporalFunction="false" functionInDocument="CREATION_TIME">March 4</TIMEX3></DCT>
<TEXT>
Peskov <EVENT eid="e1">stated</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2025-03-04">Tuesday</TIMEX3> that AT&amp;T left <TIMEX3 tid="t2" type="DATE" value="2024">last year</TIMEX3>.
Talks lasted <TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3> and resume <TIMEX3 tid="t4" type="DATE" value="FUTURE_REF">in the future</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "one.tml").write_text(DOCUMENT, "utf-8")
    return tmp_path


def test_reading_strips_tags_decodes_entities_and_keeps_gold_offsets(corpus):
    document = read_timeml(corpus / "one.tml")
    assert document.dct == date(2025, 3, 4)
    assert "AT&T" in document.text and "<" not in document.text
    assert [(t.text, t.type, t.value) for t in document.gold] == [
        ("Tuesday", "DATE", "2025-03-04"),
        ("last year", "DATE", "2024"),
        ("two days", "DURATION", "P2D"),
        ("in the future", "DATE", "FUTURE_REF"),
    ]
    for timex in document.gold:
        assert document.text[timex.start : timex.end] == timex.text


def test_strict_relaxed_type_and_value_are_counted_as_tempeval3_does():
    gold = [
        Timex(0, 7, "Tuesday", "DATE", "2025-03-04"),
        Timex(20, 29, "last year", "DATE", "2024"),
        Timex(40, 48, "two days", "DURATION", "P2D"),
    ]
    system = [
        Timex(0, 7, "Tuesday", "DATE", "2025-03-04"),  # strict, right type and value
        Timex(25, 29, "year", "DATE", "2025"),  # relaxed only, wrong value
        Timex(60, 65, "later", "DATE", None),  # spurious
    ]
    counts, _ = count(gold, system)
    result = measures(counts, 1)
    assert (counts.strict, counts.relaxed, counts.type_right, counts.value_right) == (1, 2, 2, 1)
    assert result.strict_precision == pytest.approx(1 / 3) and result.strict_recall == pytest.approx(1 / 3)
    assert result.relaxed_f1 == pytest.approx(2 / 3)
    assert result.type_accuracy == 1.0 and result.value_accuracy == 0.5
    assert result.value_f1 == pytest.approx(1 / 3)


def test_one_system_expression_matches_at_most_one_gold_expression():
    gold = [Timex(0, 3, "two", "DATE", "x"), Timex(4, 8, "days", "DATE", "x")]
    counts, _ = count(gold, [Timex(0, 8, "two days", "DATE", "x")])
    assert counts.relaxed == 1


def test_evaluate_scores_wiretrace_on_the_plain_text(corpus):
    from wiretrace.cli.dates import wiretrace_system

    result = evaluate(read_corpus(corpus), wiretrace_system)
    assert (result.gold, result.relaxed_recall) == (4, 1.0)
    assert result.value_accuracy == 1.0


def test_a_creation_time_that_is_not_a_date_is_a_clear_error(tmp_path):
    (tmp_path / "bad.tml").write_text(DOCUMENT.replace("2025-03-04T20:24:00", "someday"), "utf-8")
    with pytest.raises(UsageError, match="bad.tml: the creation time 'someday' is not a date"):
        read_corpus(tmp_path)


def test_a_folder_without_timeml_is_a_clear_error(tmp_path):
    process = run_cli("eval", "timeml", str(tmp_path))
    assert process.returncode == 1
    assert "no TimeML (*.tml) files" in process.stderr


def test_eval_timeml_command_prints_the_measures(corpus):
    table = run_cli("eval", "timeml", str(corpus))
    assert table.returncode == 0, table.stderr
    assert "relaxed recognition" in table.stdout and "value" in table.stdout
    as_json = run_cli("eval", "timeml", str(corpus), "--json")
    figures = json.loads(as_json.stdout)
    assert figures["documents"] == 1 and figures["gold"] == 4
    assert set(figures) >= {"strict_f1", "relaxed_f1", "type_accuracy", "value_f1"}


@needs_shared(EVAL / "timebank")
def test_the_development_set_reads_whole():
    documents = read_corpus(EVAL / "timebank")
    assert len(documents) == 256
    assert sum(len(d.gold) for d in documents) == 1822
    for document in documents:
        for timex in document.gold:
            assert document.text[timex.start : timex.end] == timex.text
