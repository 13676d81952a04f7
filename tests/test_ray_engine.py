"""`ingest --engine ray` on a local Ray instance, then `wiretrace load`, against a plain ingest."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset
import pytest

from tests.conftest import run_cli
from wiretrace import parquet
from wiretrace.registry import Registry

ray = pytest.importorskip("ray", reason="the ray extra is not installed (make setup installs it)")

from wiretrace import ray_engine  # noqa: E402  (after the check that Ray is there)

MAX_BYTES = 50_000_000


@pytest.fixture(scope="session")
def local_ray():
    """One local Ray for the whole run, on two CPUs."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def seeds_on_ray(local_ray, seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("ray") / "out"
    run = ray_engine.run([str(seeds_dir)], out, registry=Registry.load(), workers=2, max_bytes=MAX_BYTES)
    return run, out


@pytest.fixture(scope="module")
def plain_db(seeds_dir, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("plain") / "plain.db"
    result = run_cli("ingest", str(seeds_dir), "--db", str(db), "--workers", "1", "-q")
    assert result.returncode == 0, result.stderr
    return db


def snapshot(db: Path) -> dict[str, list]:
    """Everything the stages derive, without the times the store stamps."""
    queries = {
        "items": "SELECT id, source_path, media_type, url, hints, content FROM items",
        "articles": "SELECT id, source_path, url, title, published, outlet, original_publisher, author, "
        "body, words, body_map, removed, provenance FROM articles",
        "statements": "SELECT id, article_id, kind, start, end, text, speaker, date, data FROM statements",
        "entities": "SELECT article_id, name, kind, roles, mentions FROM article_entities",
        "times": "SELECT article_id, start, end, text, type, value, anchored FROM time_expressions",
        "events": "SELECT article_id, event_id FROM story_members",
    }
    with sqlite3.connect(db) as connection:
        rows = {name: sorted(connection.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}
        content = {row[0]: row[5] for row in rows["items"]}
    rows["items"] = [row[:5] + (len(content[row[0]]),) for row in rows["items"]]
    return rows


def test_seeds_through_ray_then_load_store_what_a_plain_ingest_stores(seeds_on_ray, plain_db, tmp_path):
    run, out = seeds_on_ray
    assert run.summary.ingested == 5 and run.summary.failed == 0
    loaded_db = tmp_path / "loaded.db"
    result = run_cli("load", str(out), "--db", str(loaded_db))
    assert result.returncode == 0, result.stderr
    assert "5 loaded, 0 duplicates skipped, 0 failed" in result.stderr
    ours, theirs = snapshot(loaded_db), snapshot(plain_db)
    assert len(theirs["statements"]) > 30  # the seeds hold dozens of statements
    for table in theirs:
        assert ours[table] == theirs[table], table


def test_parquet_has_one_row_per_article_and_per_statement(seeds_on_ray, plain_db):
    _, out = seeds_on_ray
    articles = pyarrow.dataset.dataset(out / "articles").to_table()
    statements = pyarrow.dataset.dataset(out / "statements").to_table()
    with sqlite3.connect(plain_db) as connection:
        stored = connection.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    assert articles.num_rows == 5
    assert statements.num_rows == stored
    assert set(statements.column("article_id").to_pylist()) <= set(articles.column("id").to_pylist())


def test_load_again_skips_what_is_stored(seeds_on_ray, tmp_path):
    _, out = seeds_on_ray
    db = tmp_path / "twice.db"
    assert run_cli("load", str(out), "--db", str(db)).returncode == 0
    again = run_cli("load", str(out), "--db", str(db))
    assert again.returncode == 0
    assert "0 loaded, 5 duplicates skipped, 0 failed" in again.stderr


def test_bad_items_are_recorded_and_do_not_stop_the_run(local_ray, seeds_dir, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (inputs / "furniture.txt").write_text("Share on Facebook\nSubscribe to our newsletter\n")
    good = {"text": (seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0]).read_text("utf-8")}
    (inputs / "feed.jsonl").write_text("{not json\n" + json.dumps(good) + "\n")
    out = tmp_path / "out"
    run = ray_engine.run([str(inputs), str(tmp_path / "missing.txt")], out, workers=2, max_bytes=MAX_BYTES)
    reasons = {(Path(f.source_path).name, f.stage) for f in run.summary.failures}
    assert run.summary.ingested == 1
    assert ("broken.txt", "read") in reasons
    assert ("missing.txt", "read") in reasons
    assert any(name.startswith("feed.jsonl") and stage == "read" for name, stage in reasons)
    assert ("furniture.txt", "article") in reasons
    written = pyarrow.dataset.dataset(out / "failures").to_table().to_pylist()
    assert len(written) == run.summary.failed == 4

    db = tmp_path / "bad.db"
    result = run_cli("load", str(out), "--db", str(db))
    assert result.returncode == 2
    assert "1 loaded, 0 duplicates skipped, 4 failed" in result.stderr
    failures = run_cli("failures", "--db", str(db), "--format", "jsonl")
    assert len(failures.stdout.splitlines()) == 4
    with sqlite3.connect(db) as connection:
        # The item whose article failed is kept, so `reprocess --failed` can retry it.
        assert connection.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 2


def test_stage_counts_on_ray_are_those_of_a_plain_ingest(local_ray, seeds_dir, tmp_path):
    from tests.test_stage_contract import FRENCH
    from wiretrace.ingest import read_inputs
    from wiretrace.pipeline import Pipeline
    from wiretrace.store.sqlite import SQLiteStore

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "french.txt").write_text(FRENCH)
    (inputs / "seed.txt").write_text((seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0]).read_text())
    run = ray_engine.run([str(inputs)], tmp_path / "out", workers=2, batch_size=1, max_bytes=MAX_BYTES)
    with SQLiteStore(tmp_path / "plain.db") as store:
        plain = Pipeline.full(store, batch_size=1).ingest(read_inputs([str(inputs)]))
    assert run.summary.stage_counts == plain.stage_counts
    assert run.summary.stage_counts["statements"]["not English text"] == 1


def test_cli_joins_a_running_cluster(local_ray, seeds_dir, tmp_path):
    address = local_ray.get_runtime_context().gcs_address
    out = tmp_path / "out"
    result = run_cli(
        "ingest", str(seeds_dir), "--engine", "ray", "--address", address, "--out", str(out), "-w", "2", "-q"
    )
    assert result.returncode == 0, result.stderr
    assert "5 analysed, 0 duplicates skipped, 0 failed" in result.stderr
    assert f"wiretrace load {out}" in result.stderr
    assert pyarrow.dataset.dataset(out / "articles").to_table().num_rows == 5
    assert parquet.part_names(out)


def test_ray_engine_needs_out(tmp_path, seeds_dir):
    result = run_cli("ingest", str(seeds_dir), "--engine", "ray", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "--out DIR" in result.stderr


def test_load_refuses_a_directory_that_is_not_an_output(tmp_path):
    result = run_cli("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "not an output of `wiretrace ingest --engine ray`" in result.stderr


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_without_ray_the_engine_says_how_to_install_it(tmp_path, seeds_dir):
    # sys.modules[name] = None makes `import ray` fail as it does where Ray is not installed.
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "from wiretrace.cli import main\n"
        f"main(['ingest', {str(seeds_dir)!r}, '--engine', 'ray', '--out', {str(tmp_path / 'o')!r}])\n"
    )
    result = _python(code)
    assert result.returncode == 1
    assert "pip install 'wiretrace[ray]'" in result.stderr


def test_nothing_but_the_engine_imports_ray():
    code = (
        "import importlib, pkgutil, sys, wiretrace\n"
        "for module in pkgutil.walk_packages(wiretrace.__path__, 'wiretrace.'):\n"
        "    if module.name not in ('wiretrace.ray_engine', 'wiretrace.__main__'):\n"
        "        importlib.import_module(module.name)\n"
        "print(sorted(name for name in sys.modules if name == 'ray' or name.startswith('ray.')))\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
