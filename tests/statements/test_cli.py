"""`wiretrace quotes` and the report over a real store filled by `wiretrace ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, needs_shared, run_cli
from wiretrace.store.sqlite import SQLiteStore

pytestmark = needs_shared(SEEDS)

FIELDS = [
    "id",
    "article_id",
    "source_path",
    "kind",
    "start",
    "end",
    "text",
    "cue",
    "speaker",
    "person",
    "role",
    "venue",
    "relayed_by",
    "date",
    "date_source",
    "date_span",
    "carried_by",
    "relay_chain",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("quotes") / "seeds.db"
    process = run_cli("ingest", str(SEEDS), "--db", str(db), "-q")
    assert process.returncode == 0, process.stderr
    return db


def jsonl(*args: str) -> list[dict]:
    process = run_cli("quotes", "--format", "jsonl", *args)
    assert process.returncode == 0, process.stderr
    return [json.loads(line) for line in process.stdout.splitlines()]


def test_jsonl_fields_and_offsets(seeded: Path) -> None:
    rows = jsonl("--db", str(seeded))
    assert len(rows) >= 40
    sources = {}
    for row in rows:
        assert list(row) == FIELDS
        if row["source_path"] not in sources:
            sources[row["source_path"]] = Path(row["source_path"]).read_text("utf-8")
        source = sources[row["source_path"]]
        assert row["kind"] in ("direct", "indirect", "mixed")
        if row["cue"]:
            assert source[row["cue"]["start"] : row["cue"]["end"]] == row["cue"]["text"]
        if row["speaker"]:
            assert list(row["speaker"]) == ["name", "mention", "start", "end"]
            assert source[row["speaker"]["start"] : row["speaker"]["end"]] == row["speaker"]["mention"]
        assert 0 <= row["start"] < row["end"] <= len(source)


def test_filters_by_speaker_surname_and_kind(seeded: Path) -> None:
    lavrov = jsonl("--db", str(seeded), "--speaker", "Lavrov")
    assert len(lavrov) >= 20
    assert {row["speaker"]["name"] for row in lavrov} == {"Sergey Lavrov"}
    direct = jsonl("--db", str(seeded), "--speaker", "sergey lavrov", "--kind", "direct")
    assert direct and all(row["kind"] == "direct" for row in direct)
    assert len(direct) < len(lavrov)


def test_relay_chain_and_venue_in_the_wire_report(seeded: Path) -> None:
    rows = jsonl("--db", str(seeded), "--speaker", "Lavrov")
    relayed = [row for row in rows if row["relayed_by"]]
    assert any(row["relayed_by"] == ["TASS"] and row["venue"] == "MIC Izvestia" for row in relayed)


def test_table_and_report(seeded: Path) -> None:
    table = run_cli("quotes", "--db", str(seeded), "--speaker", "Peskov")
    assert table.returncode == 0 and "Dmitry Peskov" in table.stdout
    report = run_cli("report", "--db", str(seeded))
    assert report.returncode == 0
    assert "Who said what" in report.stdout
    assert "Sergey Lavrov" in report.stdout
    assert max(len(line) for line in report.stdout.splitlines()) <= 100


def test_entities_are_stored_per_article(seeded: Path) -> None:
    with SQLiteStore(seeded) as store:
        found = {}
        for article in store.articles():
            for entity in store.entities(article.id):
                found.setdefault(entity.name, entity)
    lavrov = found["Sergey Lavrov"]
    assert lavrov.kind == "PERSON"
    assert any("Foreign Minister" in role for role in lavrov.roles)
    assert "Lavrov" in {mention.text for mention in lavrov.mentions}
