"""The stage contract: workers build the pipeline's own stages from specs, and every
stage's outcome counts reach the summary, the same with one worker or two."""

from __future__ import annotations

import json
import pickle
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from wiretrace.cli.common import finish
from wiretrace.dates import DatesStage
from wiretrace.ingest import read_inputs
from wiretrace.people import PeopleStage
from wiretrace.pipeline import Pipeline, Summary
from wiretrace.records import Analysis, Failure, TimeExpression
from wiretrace.stage import AnalysisStage, StageSpec
from wiretrace.statements import SKIP_NOT_ENGLISH, StatementStage
from wiretrace.store.sqlite import SQLiteStore

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MIN_WORDS = 12


class YearsStage(AnalysisStage):
    """A stage of this test only (importable, so workers can build it): each year the body
    names becomes a time expression; a body under ``MIN_WORDS`` words fails; both counted."""

    name = "years"
    needs = ("article",)
    adds = ("times",)

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]:
        return [self._one(analysis) for analysis in analyses]

    def _one(self, analysis: Analysis) -> Analysis | Failure:
        body = analysis.article.body
        if len(body.split()) < MIN_WORDS:
            return Failure(analysis.item.source_path, self.name, "too short to date", analysis.item.id)
        years = [_year(body, match, analysis) for match in YEAR.finditer(body)]
        self.count("with a year" if years else "without a year")
        return replace(analysis, times=tuple(years))


def _year(body: str, match: re.Match, analysis: Analysis) -> TimeExpression:
    start, end = analysis.article.body_map.span_to_source(match.start(), match.end())
    return TimeExpression(start, end, match.group(), "DATE", match.group())


def article_rows() -> list[dict]:
    rows = []
    for n in range(14):
        year = f" It was first proposed in {2000 + n}." if n % 3 else ""
        text = (
            f"Harbour plan {n} approved\n\n"
            f"The harbour board approved plan number {n} on Tuesday after a long debate among members.{year}\n"
        )
        rows.append({"text": text, "url": f"https://news.example/{n}"})
    rows.append({"text": "Short note\n\nBoard meets today.\n", "url": "https://news.example/short"})
    return rows


def stored(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as connection:
        return {
            "articles": sorted(connection.execute("SELECT id, body FROM articles")),
            "times": sorted(connection.execute("SELECT article_id, start, text FROM time_expressions")),
            "statements": sorted(connection.execute("SELECT id FROM statements")),
        }


def test_workers_run_the_stages_the_pipeline_was_given(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in article_rows()))
    runs = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with SQLiteStore(db) as store:
            pipeline = Pipeline(store, stages=[YearsStage()], batch_size=4, workers=workers)
            summary = pipeline.ingest(read_inputs([str(source)]))
        runs[workers] = (stored(db), summary.stage_counts, [f.reason for f in summary.failures])
    assert runs[1] == runs[2]
    tables, counts, reasons = runs[1]
    assert len(tables["times"]) == 9 and tables["statements"] == []  # no default stage ran
    assert counts["years"] == Counter({"with a year": 9, "without a year": 5, "failed": 1})
    assert reasons == ["too short to date"]


def test_stage_counts_are_the_same_with_one_worker_or_two(tmp_path, seeds_dir):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "empty.txt").write_text("")
    (extra / "french.txt").write_text(FRENCH)
    counts = {}
    for workers in (1, 2):
        with SQLiteStore(tmp_path / f"w{workers}.db") as store:
            summary = Pipeline.full(store, batch_size=2, workers=workers).ingest(
                read_inputs([str(seeds_dir), str(extra)])
            )
        assert (summary.ingested, summary.failed) == (6, 1)
        counts[workers] = summary.stage_counts
    assert counts[1] == counts[2]
    assert counts[1]["statements"][SKIP_NOT_ENGLISH] == 1
    assert counts[1]["read"] == Counter({"failed": 1})  # the empty file


def test_a_stage_that_needs_what_no_earlier_stage_adds_is_refused(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        with pytest.raises(ValueError, match="'people' needs entities, statements"):
            Pipeline(store, store_stages=[PeopleStage()]).ingest([])
        Pipeline(store, stages=[DatesStage()]).ingest([])  # the article is all dates need


def test_specs_cross_processes_as_data_and_build_their_stage():
    spec = StageSpec.of(YearsStage)
    assert pickle.loads(pickle.dumps(spec)) == spec
    assert isinstance(spec.build(), YearsStage)
    assert StageSpec("wiretrace.statements:StatementStage").stage_class() is StatementStage

    class Local(AnalysisStage):
        name = "local"

    with pytest.raises(ValueError, match="importable"):
        StageSpec.of(Local)


def test_counts_are_taken_once():
    stage = YearsStage()
    stage.count("with a year", 2)
    assert stage.take_counts() == Counter({"with a year": 2})
    assert stage.take_counts() == Counter()


def test_the_closing_lines_name_each_stage_and_its_outcomes(capsys):
    summary = Summary(ingested=5, duplicates=1)
    summary.add_counts({"statements": Counter({SKIP_NOT_ENGLISH: 1, "unbalanced quotation": 3})})
    finish(summary)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "5 ingested, 1 duplicates skipped, 0 failed",
        "  statements: 3 unbalanced quotation, 1 not English text",
    ]


FRENCH = """Le gouvernement annonce un nouveau plan pour les écoles

Le ministre de l'Éducation a présenté mardi un plan de réforme des écoles primaires, qui prévoit une \
augmentation des salaires des enseignants et une réduction du nombre d'élèves par classe. Selon le \
ministre, cette réforme sera mise en œuvre dès la rentrée prochaine dans toutes les régions du pays.

« Nous voulons que chaque enfant ait les mêmes chances de réussir », a déclaré le ministre devant les \
députés. Les syndicats ont salué une avancée mais demandent davantage de moyens pour les écoles.
"""
