"""The Parquet output format: records written as parts read back equal, without Ray."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.dataset
import pyarrow.parquet

from wiretrace import parquet
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Analyser, default_stages
from wiretrace.records import Failure


def test_a_part_reads_back_as_the_records_written(seeds_dir, registry, tmp_path):
    items = [entry for entry in read_inputs([str(seeds_dir)]) if not isinstance(entry, Failure)]
    analyses, failures = Analyser(registry, default_stages()[0])(items)
    failures.append(Failure("feed.jsonl:3", "read", "not JSON"))
    parquet.write_part(tmp_path, "part-000000-a", items, analyses, failures)

    assert parquet.is_output(tmp_path)
    assert parquet.part_names(tmp_path) == ["part-000000-a"]
    read_items, read_analyses, read_failures = parquet.read_part(tmp_path, "part-000000-a")
    assert read_items == items
    assert read_analyses == analyses
    assert read_failures == failures
    assert sum(len(a.statements) for a in analyses) > 30  # the records compared hold statements
    assert all(a.recognised is not None and a.recognised.lead for a in analyses)  # and labels


def test_an_output_written_before_the_recogniser_labels_loads_without_them(seeds_dir, registry, tmp_path):
    items = [entry for entry in read_inputs([str(seeds_dir)]) if not isinstance(entry, Failure)]
    analyses, _ = Analyser(registry, default_stages()[0])(items)
    parquet.write_part(tmp_path, "part-000000-a", items, analyses, [])
    articles = Path(tmp_path, "articles", "part-000000-a.parquet")
    pyarrow.parquet.write_table(pyarrow.parquet.read_table(articles).drop_columns(["recognised"]), articles)

    _, read_analyses, _ = parquet.read_part(tmp_path, "part-000000-a")
    assert [a.recognised for a in read_analyses] == [None] * len(analyses)
    assert [replace(a, recognised=None) for a in analyses] == read_analyses


def test_parts_are_read_in_name_order_and_half_written_parts_are_skipped(tmp_path: Path):
    for name in ("part-000002-b", "part-000001-a"):
        parquet.write_part(tmp_path, name, [], [], [Failure(name, "read", "unreadable")])
    (tmp_path / "articles" / "part-000003-c.parquet").write_bytes(b"")  # only one table: not a part
    parts = list(parquet.read_parts(tmp_path))
    assert [part[2][0].source_path for part in parts] == ["part-000001-a", "part-000002-b"]
    failures = pyarrow.dataset.dataset(tmp_path / "failures").to_table()
    assert failures.num_rows == 2
