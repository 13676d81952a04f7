"""The article stage on the five seed articles, checked against ../shared/gold/seeds.json."""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS
from wiretrace.article import ArticleStage
from wiretrace.ingest import read_inputs
from wiretrace.records import RawItem

DOCUMENTS = json.loads(GOLD.read_text("utf-8"))["documents"]


@pytest.fixture(scope="module")
def articles(registry):
    stage = ArticleStage(registry)
    found = {}
    for item in read_inputs([str(SEEDS)]):
        assert isinstance(item, RawItem), item
        found[item.source_path.rsplit("/", 1)[-1]] = (item, stage(item))
    return found


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d["file"][:3] for d in DOCUMENTS])
def test_body_starts_and_ends_as_gold_says(articles, doc):
    _, article = articles[doc["file"]]
    assert article.body.startswith(doc["body_starts"])
    assert article.body.endswith(doc["body_ends"])


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d["file"][:3] for d in DOCUMENTS])
def test_no_furniture_left_in_body(articles, doc):
    _, article = articles[doc["file"]]
    for furniture in doc["boilerplate"]:
        assert furniture not in article.body
        assert any(furniture in removed.text for removed in article.removed), furniture


@pytest.mark.parametrize("field", ["title", "published", "original_publisher", "outlet"])
@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d["file"][:3] for d in DOCUMENTS])
def test_metadata_as_gold_says(articles, doc, field):
    _, article = articles[doc["file"]]
    assert article.value(field) == doc[field]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d["file"][:3] for d in DOCUMENTS])
def test_body_maps_back_onto_the_input(articles, doc):
    item, article = articles[doc["file"]]
    for run in article.body_map.runs:
        body_part = article.body[run.body_start : run.body_start + run.length]
        assert body_part == item.content[run.source_start : run.source_start + run.length]
    # every removed span is what the input holds there
    for removed in article.removed:
        assert item.content[removed.start : removed.end] == removed.text
