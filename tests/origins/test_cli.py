"""`wiretrace articles`, `origins`, `quotes` and `eval origins` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EVAL, needs_shared, run_cli
from tests.origins.texts import HARBOUR, page_with_furniture, trimmed_retitled


def jsonl(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run_cli("ingest", str(seeds_dir), "--db", str(db), "-q")
    assert result.returncode == 0, result.stderr
    return db


def test_seed_articles_carry_their_origin(seeds_db, gold):
    rows = {
        Path(row["source_path"]).name: row
        for row in jsonl(run_cli("articles", "--db", str(seeds_db), "-f", "jsonl"))
    }
    for doc in gold["documents"]:
        row = rows[doc["file"]]
        assert row["original_publisher"] == doc["original_publisher"], doc["file"]
        # a credit is given exactly where a page names someone else as its publisher
        if doc["original_publisher"] and doc["original_publisher"] != doc["outlet"]:
            assert row["credit"], doc["file"]
    # the gold names no two seeds as copies: each is the canonical of a family of its own
    assert all(row["is_canonical"] is True for row in rows.values())
    assert len({row["family_id"] for row in rows.values()}) == 5


def test_seeds_000_and_004_are_not_copies(seeds_db):
    """One interview reported in different words: not a family."""
    rows = {
        Path(r["source_path"]).name[:3]: r
        for r in jsonl(run_cli("articles", "--db", str(seeds_db), "-f", "jsonl"))
    }
    assert rows["000"]["family_id"] != rows["004"]["family_id"]
    shown = run_cli("origins", "--db", str(seeds_db))
    assert shown.returncode == 0 and "No families of copies" in shown.stdout


@pytest.fixture(scope="module")
def copies_db(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("copies")
    pages = {
        "original.txt": HARBOUR,
        "aggregator.txt": page_with_furniture(HARBOUR, 3),
        "trimmed.txt": trimmed_retitled(HARBOUR),
    }
    for name, text in pages.items():
        (folder / name).write_text(text, "utf-8")
    db = folder / "copies.db"
    result = run_cli("ingest", str(folder), "--db", str(db), "-q")
    assert result.returncode == 0, result.stderr
    rows = jsonl(run_cli("articles", "--db", str(db), "-f", "jsonl"))
    return db, {Path(row["source_path"]).name: row for row in rows}


def test_hand_made_copies_form_one_family_with_one_canonical(copies_db):
    _, rows = copies_db
    assert len({row["family_id"] for row in rows.values()}) == 1
    assert sorted(row["is_canonical"] for row in rows.values()) == [False, False, True]


def test_origins_prints_the_family_as_a_tree(copies_db):
    db, rows = copies_db
    shown = run_cli("origins", rows["trimmed.txt"]["id"], "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "3 articles" in shown.stdout and "canonical" in shown.stdout and "trimmed" in shown.stdout
    assert "└──" in shown.stdout
    family = jsonl(run_cli("origins", "--db", str(db), "-f", "jsonl"))
    assert len(family) == 1 and len(family[0]["members"]) == 3


def test_origins_names_an_unknown_id(copies_db):
    db, _ = copies_db
    shown = run_cli("origins", "nosuchid", "--db", str(db))
    assert shown.returncode == 1 and "nosuchid" in shown.stderr


def test_a_quote_carried_by_three_copies_is_shown_once(copies_db):
    db, rows = copies_db
    found = jsonl(run_cli("quotes", "--db", str(db), "-f", "jsonl", "--speaker", "Mara Quill"))
    spawning = [row for row in found if "spawning months" in row["text"]]
    assert len(spawning) == 1
    carriers = {c["article_id"] for c in spawning[0]["carried_by"]}
    assert carriers == {row["id"] for row in rows.values()}


def test_registry_error_names_the_line(tmp_path, seeds_dir):
    bad = tmp_path / "outlets.yaml"
    bad.write_text(
        "- name: Harbour Post\n  kind: publisher\n- name: Valley Wire\n  kind: newswire\n", "utf-8"
    )
    result = run_cli("ingest", str(seeds_dir), "--db", str(tmp_path / "x.db"), "--outlets", str(bad))
    assert result.returncode == 1
    assert "line 3" in result.stderr and "newswire" in result.stderr


def write_polnear(folder: Path, rows: list[tuple[str, str, str]]) -> None:
    (folder / "train" / "text").mkdir(parents=True)
    lines = [
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
        "trump_count\tclinton_count\tcredit\twire"
    ]
    for name, text, wire in rows:
        (folder / "train" / "text" / f"{name}.txt").write_text(text, "utf-8")
        lines.append(f"train\t{name}\t1\tx\tpub\t2016-01-01\ta\tt\t0\t0\tNone\t{wire}")
    (folder / "metadata.tsv").write_text("\n".join(lines) + "\n", "utf-8")


def test_eval_origins_scores_wire_credits(tmp_path):
    write_polnear(
        tmp_path,
        [
            ("a", "Title one.\n\nBOSTON (AP) — The city voted on Tuesday to expand its bus network.\n", "AP"),
            ("b", "Title two.\n\nLONDON (Reuters) - Shares fell on Monday as oil prices rose.\n", "AFP"),
            ("c", "Title three.\n\nThe mayor opened a park on Sunday with a speech about trees.\n", "None"),
            ("d", "Title four.\n\nPARIS (AFP) - The museum reopened after repairs to its roof.\n", "NA"),
        ],
    )
    result = run_cli("eval", "origins", "--polnear", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["articles"] == 3  # NA left out
    assert scores["overall"] == {"gold": 2, "predicted": 2, "correct": 1, "precision": 0.5, "recall": 0.5}
    assert scores["per_wire"]["Reuters"]["predicted"] == 1 and scores["per_wire"]["Reuters"]["correct"] == 0


def test_eval_origins_names_a_bad_metadata_line(tmp_path):
    write_polnear(tmp_path, [("a", "Title.\n\nSome text here for the article body.\n", "Bloomberg")])
    result = run_cli("eval", "origins", "--polnear", str(tmp_path))
    assert result.returncode == 1 and "line 2" in result.stderr and "Bloomberg" in result.stderr


@needs_shared(EVAL / "polnear")
def test_eval_origins_reads_polnear_train_and_dev():
    """The figures themselves are the benchmark's (benchmarks/origins_credits.py)."""
    result = run_cli("eval", "origins", "--polnear", str(EVAL / "polnear"), "--json")
    scores = json.loads(result.stdout)
    # 924 articles, 132 with an unknown (NA) wire column; 75 wire stories
    assert scores["articles"] == 792 and scores["overall"]["gold"] == 75
    assert set(scores["per_wire"]) == {
        "Associated Press",
        "Agence France-Presse",
        "United Press International",
        "Reuters",
    }
