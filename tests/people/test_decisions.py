"""People across hand-made articles through the real command: spelling variants,
roles with first and last seen, merges and splits that survive `wiretrace reprocess`
and apply to articles added later, and echo ranking."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.people.corpus import ARTICLES, ECHOES, LATER, RELATIONS, jsonl
from wiretrace.ingest.readers import read_path
from wiretrace.people import PeopleStage
from wiretrace.people.tables import tables as people_tables
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store import Batch
from wiretrace.store.sqlite import SQLiteStore

PEOPLE_TABLES = (
    "people",
    "people_keys",
    "entity_links",
    "entity_aliases",
    "entity_roles",
    "statement_speakers",
    "people_rules",
)


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def shown(db: Path, name: str) -> dict:
    return json.loads(ok("entity", name, "--db", str(db), "--format", "json"))


def person_of(db: Path, name: str) -> tuple[str, str]:
    """(id, name) of the person a name finds, read from the store (the CLI reads the same)."""
    with SQLiteStore(db, readonly=True) as store:
        person = people_tables(store).find_people(name)[0]
    return person.id, person.name


def said(db: Path, name: str) -> list[str]:
    with SQLiteStore(db, readonly=True) as store:
        person = people_tables(store).find_people(name)[0]
        return [entry.statement.text for entry in people_tables(store).spoken_statements(person.id)]


def ingested(articles: dict, folder: Path, db: Path) -> Path:
    """The articles ingested into ``db`` by the real command."""
    feed = folder / "articles.jsonl"
    feed.write_text(jsonl(articles), encoding="utf-8")
    ok("ingest", str(feed), "--db", str(db), "--workers", "1")
    return db


@pytest.fixture
def feed_db(tmp_path, db_path) -> Path:
    return ingested(ARTICLES, tmp_path, db_path)


def test_spelling_variants_are_one_person_with_dated_roles(feed_db):
    person = shown(feed_db, "Ilse Brandvold")
    assert person_of(feed_db, "Ilse Brandvoldt")[0] == person["id"]
    assert person["articles"] == 2 and person["statements"] == 3
    roles = {role["text"]: (role["first_seen"], role["last_seen"]) for role in person["roles"]}
    assert roles == {"Mayor": ("2021-03-01", "2021-03-01"), "Former mayor": ("2023-06-10", "2023-06-10")}
    assert {"Ilse Brandvold", "Ilse Brandvoldt", "Brandvold"} <= {a["text"] for a in person["aliases"]}
    assert [o["outlet"] for o in person["outlets"]] == ["Harbour Post", "Daily Courier"]


def test_merge_and_split_survive_reprocessing_and_apply_to_new_articles(feed_db, tmp_path):
    db = str(feed_db)
    # the linker keeps Kees and Cornelis apart (no nickname it knows); the user knows better
    assert person_of(feed_db, "Kees Hanley") != person_of(feed_db, "Cornelis Hanley")
    ok("entity", "merge", "Kees Hanley", "Cornelis Hanley", "--db", db)
    # "Tessen" alone was linked to Mark Tessen; the user says that one is someone else
    assert len(said(feed_db, "Mark Tessen")) == 2
    ok("entity", "split", "Mark Tessen", "Tessen", "--as", "Anna Tessen", "--db", db)

    def check() -> None:
        assert person_of(feed_db, "Cornelis Hanley") == person_of(feed_db, "Kees Hanley")
        assert person_of(feed_db, "Cornelis Hanley")[1] == "Kees Hanley"
        assert len(said(feed_db, "Kees Hanley")) == 3
        assert [text for text in said(feed_db, "Mark Tessen") if "teachers" in text] == []
        assert any("teachers" in text for text in said(feed_db, "Anna Tessen"))

    check()
    ok("reprocess", "--db", db, "--workers", "1")
    check()
    decisions = shown(feed_db, "Kees Hanley")["decisions"]
    assert [d["action"] for d in decisions] == ["merge"]

    later = tmp_path / "later.jsonl"
    later.write_text(jsonl(LATER), encoding="utf-8")
    ok("ingest", str(later), "--db", db, "--workers", "1")
    assert any("cranes" in text for text in said(feed_db, "Kees Hanley"))
    assert any("classrooms" in text for text in said(feed_db, "Anna Tessen"))
    assert not any("classrooms" in text for text in said(feed_db, "Mark Tessen"))


def test_decisions_refuse_what_cannot_be_done(feed_db):
    same = run_cli("entity", "merge", "Ilse Brandvold", "Ilse Brandvoldt", "--db", str(feed_db))
    assert same.returncode == 1 and "already one" in same.stderr
    never = run_cli("entity", "split", "Mark Tessen", "Brandvold", "--db", str(feed_db))
    assert never.returncode == 1 and "never called 'Brandvold'" in never.stderr


def test_adding_an_article_reads_people_only_by_indexed_keys(feed_db, tmp_path):
    """Linking a new article must not scan the people tables (cost independent of the store)."""
    later = tmp_path / "later.jsonl"
    later.write_text(jsonl(LATER), encoding="utf-8")
    items = [entry for entry in read_path(later) if isinstance(entry, RawItem)]
    with SQLiteStore(feed_db) as store:
        analyses, failures = Pipeline.full(store).analyse(items)
        assert analyses and not failures
        store.write(Batch(items=items, analyses=analyses))
        executed: list[str] = []
        store.db.set_trace_callback(executed.append)
        with store.transaction():
            PeopleStage().update(store, analyses)
        store.db.set_trace_callback(None)
        plans = []
        for sql in executed:
            if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                plans += [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plans, "no lookups traced"
    scans = [plan for plan in plans if plan.startswith("SCAN") and plan.split()[1] in PEOPLE_TABLES]
    assert not scans, scans


def test_the_paraphrase_is_the_top_echo_and_only_earlier_statements_count(tmp_path, db_path):
    feed = tmp_path / "echoes.jsonl"
    feed.write_text(jsonl(ECHOES), encoding="utf-8")
    ok("ingest", str(feed), "--db", str(db_path), "--workers", "1")
    with sqlite3.connect(db_path) as db:
        ((query,),) = db.execute("SELECT id FROM statements WHERE text LIKE '%abandon our right%'").fetchall()
    rows = [
        json.loads(line) for line in ok("echoes", query, "--db", str(db_path), "-f", "jsonl").splitlines()
    ]
    assert "never give up our claim" in rows[0]["text"]
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    assert all(row["date"] < "2024-04-08" for row in rows)  # never the later restatement (2025)
    assert len(rows) == 3  # the other speaker's identical words are not this speaker's echo
    assert {"id", "article_id", "text", "date", "score"} <= set(rows[0])


@pytest.fixture
def relations_db(tmp_path, db_path) -> Path:
    return ingested(RELATIONS, tmp_path, db_path)


def test_who_speaks_for_a_person_is_linked_by_the_relation_not_as_the_person(relations_db):
    own = said(relations_db, "Ilona Vasquez")
    assert any("bicycles" in text for text in own) and any("first ferry" in text for text in own)
    assert any("timetable" in text for text in own)  # the lone surname, before any full name
    for theirs in ("contract", "volunteers", "budget", "complaint"):
        assert not any(theirs in text for text in own), f"{theirs!r} shown as her own words"
    person = shown(relations_db, "Ilona Vasquez")
    spoken_for = {seen["text"] for seen in person["spoken_for"]}
    assert {"A spokesman for Ilona Vasquez", "The Vasquez campaign"} <= spoken_for
    assert {"The Vasquez administration", "An attorney for Ilona Vasquez"} <= spoken_for
    aliases = {seen["text"] for seen in person["aliases"]}
    assert {"Ilona Vasquez", "Vasquez"} <= aliases
    assert not aliases & spoken_for and "Teodor Vasquez" not in aliases


def test_a_namesake_a_group_and_a_treaty_are_not_the_person(relations_db):
    brother = person_of(relations_db, "Teodor Vasquez")
    assert brother[1] == "Teodor Vasquez" and brother != person_of(relations_db, "Ilona Vasquez")
    assert any("always used the ferry" in text for text in said(relations_db, "Teodor Vasquez"))
    with SQLiteStore(relations_db, readonly=True) as store:
        persons = {p.person.name for p in people_tables(store).people(kind="PERSON")}
    assert {"Ilona Vasquez", "Teodor Vasquez"} <= persons
    assert not {name for name in persons if "Liberals" in name or "Agreement" in name}, persons
