"""A statements stage loaded once for the module's tests, and a helper to run it on text."""

from __future__ import annotations

import pytest

from wiretrace.article import ArticleStage
from wiretrace.records import Analysis, RawItem, content_id
from wiretrace.statements import StatementStage


@pytest.fixture(scope="session")
def stage() -> StatementStage:
    return StatementStage()


@pytest.fixture(scope="session")
def analyse(stage: StatementStage):
    articles = ArticleStage()

    def run(text: str, name: str = "test.txt") -> Analysis:
        item = RawItem(content_id(text), name, "text/plain", text)
        [result] = stage.pipe([Analysis(item=item, article=articles(item))])
        assert isinstance(result, Analysis)
        return result

    return run
