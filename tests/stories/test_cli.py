"""`wiretrace stories`, `wiretrace story` and `wiretrace eval stories` as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.stories.corpus import ARTICLES, jsonl

NAMES = ("ferry-a", "vote-a", "ferry-b", "vote-b", "ferry-c", "ferry-inquiry")


def ingested(tmp_path, db_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(jsonl(*NAMES), encoding="utf-8")
    result = run_cli("ingest", str(feed), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    return feed


def test_stories_as_jsonl_give_events_and_storylines(tmp_path, db_path):
    ingested(tmp_path, db_path)
    listed = run_cli("stories", "--db", str(db_path), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert all(
        {"id", "level", "label", "start", "end", "articles", "outlets", "speakers"} <= set(r) for r in rows
    )
    events = [row for row in rows if row["level"] == "event"]
    assert sorted(len(row["articles"]) for row in events) == [1, 2, 3]
    (storyline,) = [row for row in rows if row["level"] == "storyline"]
    assert len(storyline["articles"]) == 4 and (storyline["start"], storyline["end"]) == (
        "2023-04-11",
        "2023-05-02",
    )
    since = run_cli(
        "stories", "--db", str(db_path), "-f", "jsonl", "--since", "2023-04-20", "--level", "event"
    )
    assert [json.loads(line)["start"] for line in since.stdout.splitlines()] == ["2023-05-02"]


def test_story_shows_one_story_and_names_a_missing_one(tmp_path, db_path):
    ingested(tmp_path, db_path)
    rows = [
        json.loads(line)
        for line in run_cli("stories", "--db", str(db_path), "-f", "jsonl").stdout.splitlines()
    ]
    ferry = next(row for row in rows if row["level"] == "event" and len(row["articles"]) == 3)
    shown = run_cli("story", ferry["id"].lower(), "--db", str(db_path))
    assert shown.returncode == 0, shown.stderr
    assert ARTICLES["ferry-c"][3][:30] in shown.stdout and "Evening Ledger" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 100
    missing = run_cli("story", "E999", "--db", str(db_path))
    assert missing.returncode == 1 and "no story with id 'E999'" in missing.stderr


def test_eval_stories_scores_against_gold_by_url(tmp_path, db_path):
    ingested(tmp_path, db_path)
    gold = tmp_path / "gold.jsonl"
    lines = [
        json.dumps({"url": f"https://news.example/{name}", "cluster": ARTICLES[name][0]}) for name in NAMES
    ]
    gold.write_text("\n".join([*lines, json.dumps({"id": "nowhere.txt", "cluster": "x"})]) + "\n")
    result = run_cli("eval", "stories", "--gold", str(gold), "--db", str(db_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["bcubed"]["f1"] == 1.0 and scores["pairwise"]["f1"] == 1.0
    assert scores["matched"] == 6 and scores["missing"] == ["nowhere.txt"]
    storylines = run_cli("eval", "stories", "--gold", str(gold), "--db", str(db_path), "--level", "storyline")
    # The inquiry joins the ferry storyline: (3 x 3/4 + 1/4 + 2 x 1) / 6 = 0.75.
    assert "B-cubed   precision 0.750  recall 1.000" in storylines.stdout


def test_report_has_a_stories_section_within_100_columns(tmp_path, db_path):
    ingested(tmp_path, db_path)
    report = run_cli("report", "--db", str(db_path))
    assert report.returncode == 0
    assert "Stories" in report.stdout and "storyline" in report.stdout
    assert max(len(line) for line in report.stdout.splitlines()) <= 100
