"""The recogniser stage: one pass of spaCy's entity recogniser per article, in the analysis,
giving the stories and people stages what they used to read with passes of their own."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from wiretrace.ingest import read_inputs
from wiretrace.nlp import ANALYSIS_COMPONENTS_EXCLUDED, load_english
from wiretrace.pipeline import ANALYSIS_SPECS, Pipeline
from wiretrace.recogniser import lead_text, needs_label, recognise, recognised_of
from wiretrace.records import RawItem
from wiretrace.store.sqlite import SQLiteStore

from .test_pipeline import synthetic_articles, write_jsonl

KINDLESS = (
    "Fellow Republicans criticised the plan on Monday.\n\n"
    "USA Today reported that Teodor Vasquez, who met Lael Brainard in Geneva, said the North "
    "American Free Trade Agreement would survive. “We will see,” Vasquez said.\n"
)


@pytest.fixture
def analyses(seeds_dir, tmp_path) -> list:
    """The seeds and one article of names the statements stage cannot place, analysed."""
    kindless = write_jsonl(
        tmp_path / "kindless.jsonl", [{"text": KINDLESS, "title": "Republicans split on trade"}]
    )
    items = [entry for entry in read_inputs([str(seeds_dir), str(kindless)]) if isinstance(entry, RawItem)]
    found, failures = Pipeline(SQLiteStore(":memory:"), stages=ANALYSIS_SPECS).analyse(items)
    assert not failures and len(found) == 6
    return found


def test_the_stage_labels_each_lead_and_only_the_names_without_a_kind(analyses):
    nlp = load_english(ANALYSIS_COMPONENTS_EXCLUDED)
    for analysis in analyses:
        recognised = analysis.recognised
        assert recognised is not None
        lead = lead_text(analysis.article.value("title"), analysis.article.body)
        alone = nlp(lead, disable=["tok2vec", "tagger", "parser"])
        # in a batch of several articles, each lead reads as it does alone
        assert recognised.lead == tuple((ent.text, ent.label_) for ent in alone.ents)
        asked = {entity.name for entity in analysis.entities if needs_label(entity)}
        assert {label.name for label in recognised.names} <= asked
    kindless = analyses[-1].recognised
    assert kindless.lead, "the headline and lead name people and places"
    labels = {label.name: label.label for label in kindless.names}
    assert labels, "names the statements stage could not place are labelled"


def test_analyses_without_the_stage_get_the_same_labels_where_they_are_read(analyses):
    bare = [replace(analysis, recognised=None) for analysis in analyses]
    assert all(analysis.recognised is None for analysis in bare)
    assert recognised_of(bare) == [analysis.recognised for analysis in analyses]
    assert recognise(bare[:1]) == [analyses[0].recognised]


def stored(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as connection:
        return {
            "people": sorted(connection.execute("SELECT name, kind, merged_into FROM people")),
            "members": sorted(connection.execute("SELECT article_id, event_id FROM story_members")),
            "stories": sorted(connection.execute("SELECT id, level, label, size FROM stories")),
        }


def test_stories_and_people_are_the_same_with_the_stage_or_without_it(seeds_dir, tmp_path):
    """Without the recogniser stage (a custom pipeline, an older Parquet output) the store
    stages read the labels themselves; what they file must not change."""
    databases = {}
    for name, stages in (("with", ANALYSIS_SPECS), ("without", ANALYSIS_SPECS[:-1])):
        databases[name] = tmp_path / f"{name}.db"
        with SQLiteStore(databases[name]) as store:
            full = Pipeline.full(store)
            pipeline = Pipeline(store, stages=stages, store_stages=full.store_stages)
            pipeline.ingest(read_inputs([str(seeds_dir)]))
    assert ANALYSIS_SPECS[-1].path == "wiretrace.recogniser:RecogniserStage"
    with_stage, without = stored(databases["with"]), stored(databases["without"])
    assert with_stage["people"] and with_stage["members"]
    assert with_stage == without


def test_with_workers_the_main_process_loads_no_spacy_model(tmp_path):
    from wiretrace import nlp

    nlp._load.cache_clear()
    corpus = write_jsonl(tmp_path / "in.jsonl", synthetic_articles(12))
    with SQLiteStore(tmp_path / "store.db") as store:
        summary = Pipeline.full(store, batch_size=4, workers=2).ingest(read_inputs([str(corpus)]))
        assert summary.ingested == 12
        people = store.execute("SELECT count(*) FROM people").fetchone()[0]
    assert people > 0, "the people stage ran, on labels read in the workers"
    assert nlp._load.cache_info().currsize == 0, "the stories and people stages loaded a model here"
