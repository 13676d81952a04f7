"""The dates stage in the full pipeline, into a real SQLite store, and through the CLI."""

from __future__ import annotations

import json

from tests.conftest import SEEDS, needs_shared, run_cli
from wiretrace.dates import DatesStage
from wiretrace.ingest.readers import read_path
from wiretrace.pipeline import Pipeline, default_stages


def test_the_dates_stage_is_a_default_stage():
    analysis, _ = default_stages()
    names = [stage.name for stage in analysis]
    assert "dates" in names
    if "statements" in names:
        assert names.index("statements") < names.index("dates")


@needs_shared(SEEDS)
def test_ingested_seeds_store_their_expressions_with_source_offsets(store):
    pipeline = Pipeline.full(store)
    items = [item for path in sorted(SEEDS.glob("*.txt")) for item in read_path(path, 10**7)]
    summary = pipeline.ingest(items)
    assert summary.failed == 0
    by_file = {item.source_path.rsplit("/", 1)[-1][:3]: item for item in items}
    dated = store.times(by_file["001"].id)
    assert ("Tuesday", "2025-03-04") in [(t.text, t.value) for t in dated]
    assert ("last month", "2025-02") in [(t.text, t.value) for t in dated]
    for item in items:
        for time in store.times(item.id):
            assert item.content[time.start : time.end] == time.text
    undated = store.times(by_file["000"].id)
    assert [t.value for t in undated if t.text in ("Monday", "March", "ten years ago")] == [None, None, None]


def test_the_stage_dates_a_jsonl_item_by_its_given_publication_date(tmp_path, store):
    path = tmp_path / "feed.jsonl"
    text = "Talks\n\nThe envoy said yesterday that talks resume next week. Markets fell last month."
    path.write_text(json.dumps({"text": text, "published": "2025-02-26T08:00:00+01:00"}) + "\n")
    items = list(read_path(path, 10**6))
    Pipeline(store, stages=[DatesStage()]).ingest(items)
    assert [(t.text, t.value) for t in store.times(items[0].id)] == [
        ("yesterday", "2025-02-25"),
        ("next week", "2025-W10"),
        ("last month", "2025-01"),
    ]


def test_dates_command_prints_one_json_line_per_expression(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Peskov stated on Tuesday that 3,000 troops left in 2014, ten years ago.")
    process = run_cli("dates", "--dct", "2025-03-04", str(path), "--format", "jsonl")
    assert process.returncode == 0, process.stderr
    rows = [json.loads(line) for line in process.stdout.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("Tuesday", "DATE", "2025-03-04"),
        ("2014", "DATE", "2014"),
        ("ten years ago", "DATE", "2015"),
    ]
    assert all(set(row) >= {"start", "end", "text", "type", "value"} for row in rows)


def test_dates_command_reads_standard_input_and_prints_a_table():
    process = run_cli("dates", "--dct", "2019-09-05", "-", input=b"in an interview yesterday")
    assert process.returncode == 0, process.stderr
    assert "2019-09-04" in process.stdout and "yesterday" in process.stdout


def test_dates_command_without_a_dct_leaves_relative_values_null():
    process = run_cli("dates", "--format", "jsonl", "-", input=b"He spoke on Monday.")
    assert json.loads(process.stdout)["value"] is None


def test_a_dct_that_is_not_a_date_is_a_clear_error():
    process = run_cli("dates", "--dct", "2025-02-31", "-", input=b"on Monday")
    assert process.returncode == 1
    assert "--dct '2025-02-31' is not a date" in process.stderr
    assert "Traceback" not in process.stderr


def test_a_batch_of_items_is_dated_as_each_item_alone(tmp_path, store):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"text": "Talks\n\nThe envoy will arrive on Friday for talks.", "published": "2025-03-04"},
        {"text": "Talks\n\nThe envoy arrived on Friday for talks.", "published": "2025-03-04"},
        {"text": "Visit\n\nThe minister left on Friday for home.", "published": "not a date"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    items = list(read_path(path, 10**6))
    Pipeline(store, stages=[DatesStage()]).ingest(items)
    values = [[(t.text, t.value) for t in store.times(item.id)] for item in items]
    assert values == [[("Friday", "2025-03-07")], [("Friday", "2025-02-28")], [("Friday", None)]]
