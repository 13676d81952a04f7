"""People across articles over the real server: entities, one entity, timelines, echoes,
the speaker page (with who speaks for a person); pages of bounded size and errors as JSON."""

from __future__ import annotations

import httpx

from tests.people.corpus import RELATIONS, jsonl
from tests.web.conftest import Server
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.store.sqlite import SQLiteStore


def get(server, path, **params):
    return httpx.get(server.base + path, params=params, timeout=60)


def test_entities_list_pages_and_filters(server):
    first = get(server, "/api/entities", limit=3).json()
    assert first["limit"] == 3 and len(first["entities"]) == 3
    assert first["entities"][0]["name"] == "Sergey Lavrov"
    second = get(server, "/api/entities", limit=3, offset=3).json()
    assert not {e["id"] for e in first["entities"]} & {e["id"] for e in second["entities"]}
    governments = get(server, "/api/entities", kind="GOV").json()["entities"]
    assert "Government of Russia" in {e["name"] for e in governments}
    too_many = get(server, "/api/entities", limit=10_000)
    assert too_many.status_code == 422 and too_many.json()["error"]


def test_one_entity_by_name_form_or_id(server):
    lavrov = get(server, "/api/entities/Lavrov").json()
    assert lavrov["name"] == "Sergey Lavrov"
    assert get(server, f"/api/entities/{lavrov['id']}").json()["name"] == "Sergey Lavrov"
    assert {"Russian Foreign Minister"} <= {role["text"] for role in lavrov["roles"]}
    assert {"RT", "EIRNS"} <= {outlet["outlet"] for outlet in lavrov["outlets"]}
    missing = get(server, "/api/entities/Nobody%20Atall")
    assert missing.status_code == 404 and "no person" in missing.json()["error"]


def test_timelines_in_statement_order_with_about(server):
    found = get(server, "/api/timelines", speaker="Sergey Lavrov").json()
    days = [row["day"] for row in found["statements"] if row["day"]]
    assert days == sorted(days) and found["speaker"]["name"] == "Sergey Lavrov"
    about = get(server, "/api/timelines", speaker="Lavrov", about="sanctions").json()
    assert 0 < len(about["statements"]) < len(found["statements"])
    unknown = get(server, "/api/timelines", speaker="Nobody Atall")
    assert unknown.status_code == 404 and unknown.json()["status"] == 404


def test_echoes_of_a_statement_best_first(server):
    (query,) = [
        s["id"]
        for s in get(server, "/api/statements", speaker="Sergey Lavrov", q="chasing anyone", limit=50).json()[
            "statements"
        ]
        if "asking for sanctions" in s["text"]
    ]
    echoes = get(server, f"/api/statements/{query}/echoes", limit=3).json()["echoes"]
    assert "We are not begging to be friends" in echoes[0]["text"]
    assert [e["score"] for e in echoes] == sorted((e["score"] for e in echoes), reverse=True)
    missing = get(server, "/api/statements/0000000000000000/echoes")
    assert missing.status_code == 404 and missing.json()["error"]


def test_speaker_page_shows_roles_outlets_and_echoes(server):
    page = get(server, "/speakers/Sergei Lavrov")
    assert page.status_code == 200
    html = page.text
    assert "<h1" in html and "Sergey Lavrov" in html
    assert "Russian Foreign Minister" in html and "Roles" in html
    assert "Quoted by" in html and "EIRNS" in html
    lavrov = get(server, "/api/entities/Sergei Lavrov").json()["id"]
    # echoes on their own page (they take a parse), linked by the person's id
    assert f'href="/speakers/{lavrov}/echoes"' in html
    echoes = get(server, f"/speakers/{lavrov}/echoes")
    assert echoes.status_code == 200
    assert "We are not begging to be friends" in echoes.text
    assert get(server, "/speakers/Nobody At All/echoes").status_code == 404


def test_who_speaks_for_a_person_shows_apart_from_their_own_words(tmp_path):
    feed = tmp_path / "relations.jsonl"
    feed.write_text(jsonl(RELATIONS), encoding="utf-8")
    db = tmp_path / "relations.db"
    with SQLiteStore(db) as store:
        Pipeline.full(store).ingest(read_inputs([str(feed)]))
    with Server(db, token=None) as running:
        person = get(running, "/api/entities/Ilona Vasquez").json()
        assert "A spokesman for Ilona Vasquez" in {seen["text"] for seen in person["spoken_for"]}
        page = get(running, "/speakers/Ilona Vasquez").text
        timeline = page.split('<ol class="timeline">')[1]
    assert "Also speaking for Ilona Vasquez" in page and "A spokesman for Ilona Vasquez" in page
    assert "bicycles" in timeline and "contract with the operator" not in timeline
