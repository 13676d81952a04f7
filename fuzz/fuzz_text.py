"""Fuzz the text stages: article, then every analysis stage, on any text.

Each run checks the promises the property tests check (spans inside the text
and in order, nothing raised but a named item error). Run: `make fuzz`.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wiretrace.article import ArticleStage
    from wiretrace.errors import ItemError
    from wiretrace.pipeline import default_stages
    from wiretrace.records import Analysis, Failure, RawItem, content_id

ARTICLES = ArticleStage()
STAGES, _ = default_stages()


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    media_type = "text/html" if provider.ConsumeBool() else "text/plain"
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    item = RawItem(id=content_id(text), source_path="fuzz", media_type=media_type, content=text)
    try:
        analyses = [Analysis(item, ARTICLES(item))]
    except ItemError:
        return
    for stage in STAGES:
        results = stage.pipe(analyses)
        assert len(results) == len(analyses)
        analyses = [r for r in results if isinstance(r, Analysis)]
        assert all(isinstance(r, (Analysis, Failure)) for r in results)
    for analysis in analyses:
        for run in analysis.article.body_map.runs:
            assert 0 <= run.source_start <= run.source_start + run.length <= len(text)
        for statement in analysis.statements:
            assert 0 <= statement.start <= statement.end <= len(text)
        for time in analysis.times:
            assert 0 <= time.start < time.end <= len(text)
            assert time.text and time.text == time.text.strip()
            if media_type == "text/plain":  # HTML bodies decode entities and fold whitespace
                assert text[time.start : time.end] == time.text


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
