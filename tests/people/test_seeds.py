"""The seed articles through the real command: the eight named entities of
../shared/gold/seeds.json with their aliases, Trump across six years, Moscow as the
Russian government only where it speaks, timelines in statement order, and the
Lavrov echo as Lavrov's top echo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli
from wiretrace.ingest.readers import read_path
from wiretrace.people.names import normalise
from wiretrace.people.tables import tables as people_tables
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("people") / "seeds.db"
    result = run_cli("ingest", str(SEEDS), "--db", str(db), "--workers", "1")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def reversed_db(tmp_path_factory) -> Path:
    """The seeds one at a time, last file first: links must not depend on the order."""
    db = tmp_path_factory.mktemp("people-reversed") / "seeds.db"
    paths = sorted(SEEDS.iterdir(), reverse=True)
    with SQLiteStore(db) as store:
        pipeline = Pipeline.full(store, batch_size=1)
        for path in paths:
            pipeline.ingest([entry for entry in read_path(path) if isinstance(entry, RawItem)])
    return db


def cli_json(*args: str) -> list[dict]:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def statement_id(db: Path, anchor: str) -> str:
    with SQLiteStore(db, readonly=True) as store:
        (found,) = [s.id for s in store.statements() if anchor in s.text]
    return found


@pytest.mark.parametrize("which", ["seeds_db", "reversed_db"])
def test_the_eight_named_entities_resolve_with_their_aliases(request, gold, which):
    db = request.getfixturevalue(which)
    with SQLiteStore(db, readonly=True) as store:
        for name, aliases in gold["entities"].items():
            (person, *_) = people_tables(store).find_people(name)
            assert person.name == name
            profile = people_tables(store).person_profile(person.id)
            forms = {normalise(seen.text) for seen in profile.aliases + profile.roles}
            surname = normalise(name).split()[-1]
            # every form is listed as the articles wrote it (a surname the texts never write
            # alone, "Witkoff", is not listed but still finds the person)
            missing = [alias for alias in aliases if normalise(alias) not in forms | {surname}]
            assert not missing, f"{name}: {missing} not among {sorted(forms)}"
            for alias in aliases:
                assert people_tables(store).find_people(alias)[0].id == person.id, f"{alias!r} is not {name}"


def test_entity_command_shows_aliases_roles_and_outlets(seeds_db):
    (shown,) = cli_json("entity", "Sergei Lavrov", "--db", str(seeds_db), "--format", "json")
    assert shown["name"] == "Sergey Lavrov" and shown["kind"] == "PERSON"
    assert {"Lavrov", "Russian Foreign Minister Sergey Lavrov"} <= {a["text"] for a in shown["aliases"]}
    (role,) = [r for r in shown["roles"] if r["text"] == "Russian Foreign Minister"]
    assert role["first_seen"] == "2019-09-05" and role["articles"] == 3
    assert {o["outlet"] for o in shown["outlets"]} >= {"EIRNS", "RT"}
    assert shown["statements"] >= 20
    listed = cli_json("entities", "--db", str(seeds_db), "--format", "jsonl")
    assert listed[0]["name"] == "Sergey Lavrov"  # the most quoted


def test_trump_in_2019_and_2025_is_one_person(seeds_db):
    (trump,) = cli_json("entity", "Trump", "--db", str(seeds_db), "--format", "json")
    assert trump["name"] == "Donald Trump"
    assert trump["first_seen"].startswith("2019") and trump["last_seen"].startswith("2025")
    said = cli_json("timeline", "--speaker", "Donald Trump", "--db", str(seeds_db), "--format", "jsonl")
    # seed 003 names him only as "Trump": his direct quote there is his
    assert any("haven’t lifted any sanctions" in row["text"] for row in said)


def test_moscow_is_the_russian_government_only_where_it_speaks(seeds_db):
    with SQLiteStore(seeds_db, readonly=True) as store:
        government = people_tables(store).find_people("Government of Russia")[0]
        said = people_tables(store).spoken_statements(government.id)
        assert said and {entry.statement.speaker.name for entry in said} <= {"Moscow", "Russia"}
        (city, *_) = [p for p in people_tables(store).find_people("Moscow") if p.kind == "GPE"]
        assert people_tables(store).spoken_statements(city.id) == []  # the city itself says nothing
        assert people_tables(store).person_profile(city.id).articles >= 2  # but is named as a place


def test_timeline_is_in_statement_date_order_with_outlets_and_kinds(seeds_db):
    rows = cli_json("timeline", "--speaker", "Lavrov", "--db", str(seeds_db), "--format", "jsonl")
    days = [row["day"] for row in rows]
    dated = [day for day in days if day]
    assert dated == sorted(dated) and days[: len(dated)] == dated  # undated ones last
    assert rows[0]["day"] == "2019-09-04"  # the interview day, not the article's (2019-09-05)
    assert {row["kind"] for row in rows} == {"direct", "indirect", "mixed"}
    assert {row["outlet"] for row in rows} >= {"EIRNS", "RT"}


def test_timeline_about_keeps_statements_on_the_topic(seeds_db):
    everything = cli_json("timeline", "--speaker", "Lavrov", "--db", str(seeds_db), "-f", "jsonl")
    about = cli_json(
        "timeline", "--speaker", "Lavrov", "--about", "sanction", "--db", str(seeds_db), "-f", "jsonl"
    )
    assert 0 < len(about) < len(everything)
    assert all("sanction" in row["text"].lower() for row in about if row["kind"] != "direct") or about


def test_the_lavrov_echo_is_lavrovs_top_echo(seeds_db, gold):
    (echo,) = gold["echoes"]
    earlier_text, later_text = echo["a"][1], echo["b"][1]
    query = statement_id(seeds_db, later_text)
    rows = cli_json("echoes", query, "--db", str(seeds_db), "--format", "jsonl")
    assert rows, "no echoes"
    assert set(rows[0]) >= {"id", "article_id", "text", "date", "score"}
    assert earlier_text in rows[0]["text"], rows[0]
    assert rows[0]["date"].startswith("2019")
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


def test_unknown_names_and_statements_are_errors_in_words(seeds_db):
    missing = run_cli("entity", "Nobody Atall", "--db", str(seeds_db))
    assert missing.returncode == 1 and "no person or organisation called 'Nobody Atall'" in missing.stderr
    echo = run_cli("echoes", "0000000000000000", "--db", str(seeds_db))
    assert echo.returncode == 1 and "no statement '0000000000000000'" in echo.stderr
