"""The stories stage on real stores: events from every outlet's words, look-alikes kept
apart, arrival order, closing windows, storylines, copies, reprocessing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.stories.corpus import ARTICLES, item, items
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store import Store, StoryCandidates
from wiretrace.store.sqlite import SQLiteStore
from wiretrace.stories import StoriesStage
from wiretrace.stories.tables import tables as story_tables


def ingest(store: Store, entries: Sequence[RawItem], batch_size: int = 64, stage=None) -> None:
    pipeline = Pipeline(store, store_stages=[stage or StoriesStage()], batch_size=batch_size)
    summary = pipeline.ingest(entries)
    assert summary.failed == 0, summary.failures


def groups(store: Store, level: str = "event") -> set[frozenset[str]]:
    """The clustering as sets of article names (source file stems)."""
    names = {article.id: Path(article.source_path).stem for article in store.articles()}
    found: dict[str, set[str]] = defaultdict(set)
    for article_id, story_id in story_tables(store).story_assignments(level).items():
        found[story_id].add(names[article_id])
    return {frozenset(members) for members in found.values()}


def together(store: Store, *names: str, level: str = "event") -> bool:
    return any(set(names) <= group for group in groups(store, level))


def test_each_outlets_report_of_one_event_lands_in_one_event(store):
    ingest(store, items("ferry-a", "vote-a", "ferry-b", "vote-b", "ferry-c"))
    assert groups(store) == {
        frozenset({"ferry-a", "ferry-b", "ferry-c"}),
        frozenset({"vote-a", "vote-b"}),
    }


def test_two_singers_entering_the_same_clinic_are_two_events(store):
    ingest(store, items("rehab-lena", "rehab-lena-2", "rehab-dario"))
    assert groups(store) == {frozenset({"rehab-lena", "rehab-lena-2"}), frozenset({"rehab-dario"})}


def test_the_same_earthquake_text_a_year_later_is_another_event_and_storyline(store):
    ingest(store, items("quake-2021", "quake-2022"))
    assert not together(store, "quake-2021", "quake-2022")
    assert not together(store, "quake-2021", "quake-2022", level="storyline")


@pytest.mark.parametrize("batch_size", [64, 1])
def test_arrival_order_does_not_change_the_events(tmp_path, batch_size):
    names = list(ARTICLES)
    found = []
    for number, order in enumerate((names, names[::-1], names[1::2] + names[::2])):
        with SQLiteStore(tmp_path / f"{batch_size}-{number}.db") as store:
            ingest(store, items(*order), batch_size=batch_size)
            found.append(groups(store))
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == len({event for event, *_ in ARTICLES.values()})


def test_arrival_order_does_not_change_the_events_when_some_reports_are_undated(tmp_path):
    undated = {"ferry-b", "vote-b", "renfeld-resigns-b", "renfeld-party-b"}
    names = list(ARTICLES)
    found = []
    for number, order in enumerate((names, names[::-1], names[1::2] + names[::2])):
        with SQLiteStore(tmp_path / f"{number}.db") as store:
            ingest(store, [item(name, undated=name in undated) for name in order])
            found.append(groups(store))
    assert found[0] == found[1] == found[2]
    assert {"ferry-a", "ferry-b", "ferry-c"} in found[0] and {"vote-a", "vote-b"} in found[0]


def test_an_event_closes_after_its_window_and_its_storyline_after_a_month_more(store):
    ingest(store, items("ferry-a", "ferry-b", "ferry-inquiry", "ferry-anniversary"))
    # Three weeks on, the inquiry is a new event, but continues the ferry storyline.
    assert not together(store, "ferry-a", "ferry-inquiry")
    assert together(store, "ferry-a", "ferry-b", "ferry-inquiry", level="storyline")
    # A year on, the anniversary opens a storyline of its own.
    assert not together(store, "ferry-a", "ferry-anniversary", level="storyline")


def test_the_clustering_goes_on_across_processes(tmp_path):
    path = tmp_path / "online.db"
    with SQLiteStore(path) as store:
        ingest(store, items("ferry-a", "vote-a"))
    with SQLiteStore(path) as store:
        ingest(store, items("vote-b", "ferry-c"))
        assert groups(store) == {frozenset({"ferry-a", "ferry-c"}), frozenset({"vote-a", "vote-b"})}
        assert story_tables(store).story_state()["docs"] == "4"


def test_an_undated_report_joins_the_event_whose_actors_it_names(store):
    ingest(store, [item("ferry-a"), item("vote-a"), item("ferry-b", undated=True)])
    assert together(store, "ferry-a", "ferry-b")


def test_stories_show_label_dates_outlets_and_storylines(store):
    ingest(store, items("ferry-a", "ferry-b", "ferry-c", "ferry-inquiry"))
    event_id = story_tables(store).story_assignments("event")[store.articles()[-1].id]
    event = story_tables(store).story(event_id)
    assert event is not None and event.level == "event"
    assert "Stella Maris" in event.label or "Korvane" in event.label
    assert (event.start, event.end) == ("2023-04-11", "2023-04-12")
    assert set(event.outlets) == {"Harbour Post", "Daily Courier", "Evening Ledger"}
    storyline = story_tables(store).story(event.storyline or "")
    assert storyline is not None and event_id in storyline.events and len(storyline.articles) == 4
    assert (storyline.start, storyline.end) == ("2023-04-11", "2023-05-02")


def test_a_syndicated_copy_joins_its_canonicals_event_and_counts_once(store):
    ferry, vote = item("ferry-a"), item("vote-a")

    def families(_store: Store, ids: Sequence[str]) -> dict[str, str]:
        # As the origins stage will say: the vote page is a copy of the ferry report.
        return {vote.id: ferry.id} if vote.id in ids else {}

    ingest(store, [ferry], stage=StoriesStage(families))
    ingest(store, [vote], stage=StoriesStage(families))
    event = story_tables(store).story(story_tables(store).story_assignments("event")[ferry.id])
    assert event is not None
    assert set(event.articles) == {ferry.id, vote.id} and event.copies == (vote.id,)
    assert story_tables(store).story_clusters([event.id])[0].size == 1  # the copy counts once
    assert story_tables(store).story_state()["docs"] == "1"


def test_reprocessing_places_each_article_again_without_doubling(store):
    ingest(store, items("ferry-a", "ferry-b", "vote-a", "vote-b"))
    before, docs = groups(store), story_tables(store).story_state()["docs"]
    Pipeline(store, store_stages=[StoriesStage()]).reprocess()
    assert groups(store) == before
    assert story_tables(store).story_state()["docs"] == docs
    events = set(story_tables(store).story_assignments("event").values())
    assert sum(cluster.size for cluster in story_tables(store).story_clusters(events)) == 4


def test_candidates_come_only_from_the_window_around_the_day(store):
    ingest(store, items("quake-2021", "ferry-a"))
    near = StoryCandidates("event", ("valmora", "serrat", "earthquak"), "2021-09-07", "2021-09-21")
    far = StoryCandidates("event", ("valmora", "serrat", "earthquak"), "2023-04-04", "2023-04-18")
    assert len(story_tables(store).story_candidates(near)) == 1
    assert story_tables(store).story_candidates(far) == []


def test_undated_reports_join_the_event_whose_words_they_quote_and_look_alikes_stay_apart(store):
    ingest(store, items("renfeld-resigns-a", "renfeld-party-a"))
    ingest(store, [item("renfeld-party-b", undated=True), item("renfeld-resigns-b", undated=True)])
    assert together(store, "renfeld-resigns-a", "renfeld-resigns-b")
    assert together(store, "renfeld-party-a", "renfeld-party-b")
    assert not together(store, "renfeld-resigns-a", "renfeld-party-a")


def test_undated_reports_meet_each_other_and_a_later_dated_report(store):
    ingest(store, [item("renfeld-resigns-b", undated=True), item("renfeld-party-b", undated=True)])
    ingest(store, items("ferry-a", "renfeld-resigns-a"))
    assert together(store, "renfeld-resigns-a", "renfeld-resigns-b")
    assert not together(store, "renfeld-resigns-b", "renfeld-party-b")


def test_an_undated_report_finds_its_event_however_long_ago(store):
    ingest(store, items("renfeld-resigns-a", "quake-2021", "ferry-a", "ferry-anniversary"))
    ingest(store, [item("renfeld-resigns-b", undated=True)])
    assert together(store, "renfeld-resigns-a", "renfeld-resigns-b")
