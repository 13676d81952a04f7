"""Every quote of the seed gold file is found: span over the anchor, speaker, kind.

The gold file is read, never restated. A speaker resolves to the gold entity
when the statement names it, or, where the article itself never writes the
full name (seed 003 says only "Trump"), when the name it gives is one of the
entity's aliases in the gold file's entities section: linking those across
articles is the stories stage's work.
"""

from __future__ import annotations

import pytest

from tests.conftest import GOLD, SEEDS, needs_shared
from wiretrace.article import ArticleStage
from wiretrace.records import Analysis
from wiretrace.statements import StatementStage

pytestmark = needs_shared(GOLD)


def _seed_quotes() -> list[tuple[str, dict]]:
    import json

    if not GOLD.exists():
        return []
    gold = json.loads(GOLD.read_text("utf-8"))
    return [(document["file"], quote) for document in gold["documents"] for quote in document["quotes"]]


@pytest.fixture(scope="module")
def analysed(gold, stage: StatementStage) -> dict[str, Analysis]:
    from wiretrace.ingest.readers import read_path

    articles = ArticleStage()
    analyses = []
    for document in gold["documents"]:
        [item] = list(read_path(SEEDS / document["file"]))
        analyses.append(Analysis(item=item, article=articles(item)))
    results = stage.pipe(analyses)
    return {result.item.source_path.rsplit("/", 1)[-1]: result for result in results}


def test_the_gold_file_holds_the_seed_quotes() -> None:
    assert len(_seed_quotes()) >= 40


@pytest.mark.parametrize(
    ("file", "quote"), _seed_quotes(), ids=lambda v: v[:40] if isinstance(v, str) else None
)
def test_seed_quote_is_found(analysed: dict[str, Analysis], gold: dict, file: str, quote: dict) -> None:
    analysis = analysed[file]
    content = analysis.item.content
    anchor_start = content.index(quote["anchor"])
    anchor_end = anchor_start + len(quote["anchor"])
    over = [s for s in analysis.statements if s.start < anchor_end and anchor_start < s.end]
    assert over, f"no statement over {quote['anchor']!r}"
    aliases = set(gold["entities"].get(quote["speaker"], ()))

    def speaker_fits(statement) -> bool:
        name = statement.speaker.name if statement.speaker else None
        if name == quote["speaker"]:
            return True
        return name in aliases and quote["speaker"] not in content

    fitting = [s for s in over if speaker_fits(s) and s.kind == quote["kind"]]
    assert fitting, [(s.text[:60], s.kind, s.speaker) for s in over]
