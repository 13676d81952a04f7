"""The pipeline: worker processes, input order, and recovery from a killed run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline, _parts
from wiretrace.store.sqlite import SQLiteStore

CITIES = ["Lisbon", "Oslo", "Quito", "Hanoi", "Accra", "Perth", "Lima", "Riga"]


def synthetic_articles(count: int) -> list[dict]:
    """Distinct short articles with quotes and dates, in plain wording."""
    rows = []
    for n in range(count):
        city = CITIES[n % len(CITIES)]
        text = (
            f"Council in {city} approves plan {n}\n\n"
            f"The council of {city} approved spending plan number {n} on Tuesday, the mayor said.\n\n"
            f"“This plan {n} will fix the roads,” said Maria Silva, the finance chief. "
            f"Opposition members said last week that the plan was rushed.\n"
        )
        rows.append(
            {"text": text, "url": f"https://news.example/{n}", "published": f"2024-03-{n % 28 + 1:02d}"}
        )
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def snapshot(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as connection:
        return {
            "items": sorted(r[0] for r in connection.execute("SELECT id FROM items")),
            "articles": sorted(
                connection.execute("SELECT id, title, published, body FROM articles").fetchall()
            ),
            "statements": sorted(
                connection.execute("SELECT id, article_id, text FROM statements").fetchall()
            ),
            "times": sorted(
                connection.execute("SELECT article_id, start, value FROM time_expressions").fetchall()
            ),
            "failures": sorted(
                connection.execute("SELECT source_path, stage, reason FROM failures").fetchall()
            ),
        }


def stored_items(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
            return connection.execute("SELECT count(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def ingest_killed_at_random(
    command: list[str], env: dict, stored, *, rounds: int, most: int, seed: int
) -> int:
    """Run `command` `rounds` times, each killed (SIGKILL, its whole process group) once the
    store has grown by a random 1..`most` items; returns how many runs were killed."""
    chance = random.Random(seed)
    killed = 0
    for _ in range(rounds):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        target = stored() + chance.randint(1, most)
        while process.poll() is None and stored() < target:
            time.sleep(chance.uniform(0.0, 0.05))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group: workers die too
            killed += 1
        process.wait()
    return killed


def test_workers_store_what_one_process_stores(tmp_path):
    # two pages with nothing to read, in different parts of their batches of 7
    rows = synthetic_articles(40)
    rows[3]["text"] = rows[12]["text"] = "   "
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    stores, counts = {}, {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with SQLiteStore(db) as store:
            summary = Pipeline.full(store, batch_size=7, workers=workers).ingest(read_inputs([str(source)]))
        assert (summary.ingested, summary.failed) == (38, 2)
        stores[workers] = snapshot(db)
        counts[workers] = summary.stage_counts
    assert stores[1] == stores[2]
    assert counts[1] == counts[2]
    assert len(stores[1]["articles"]) == 38


@given(st.lists(st.integers(), max_size=30), st.integers(1, 8))
def test_a_batch_is_cut_into_near_equal_parts_in_order(items, workers):
    parts = _parts(items, workers)
    assert [item for part in parts for item in part] == items
    assert all(parts) and len(parts) == min(workers, len(items))
    assert max(map(len, parts), default=0) - min(map(len, parts), default=0) <= 1


def test_results_are_written_in_input_order(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", synthetic_articles(30))
    with SQLiteStore(tmp_path / "s.db") as store:
        Pipeline.full(store, batch_size=4, workers=2).ingest(read_inputs([str(source)]))
        order = [row[0] for row in store.db.execute("SELECT source_path FROM articles ORDER BY seq")]
    assert order == [f"{source}#L{n}" for n in range(1, 31)]


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_runs_resume_and_store_everything_exactly_once(tmp_path, workers):
    source = write_jsonl(tmp_path / "in.jsonl", synthetic_articles(400))
    reference = tmp_path / "reference.db"
    with SQLiteStore(reference) as store:
        Pipeline.full(store, batch_size=5).ingest(read_inputs([str(source)]))
    db = tmp_path / "killed.db"
    command = [
        sys.executable,
        "-m",
        "wiretrace",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--batch-size",
        "5",
        "--workers",
        str(workers),
        "--quiet",
    ]
    env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_DB"}
    killed = ingest_killed_at_random(command, env, lambda: stored_items(db), rounds=4, most=80, seed=workers)
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    assert killed >= 1, "no run was killed: the corpus is too small for this machine"
    assert snapshot(db) == snapshot(reference)
