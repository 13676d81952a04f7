"""Statement dates: the expression attached to the cue, the occasion, or the publication day.

The statements stage is built in parallel, so these tests give the dates stage
hand-made statements (content span, cue, speaker) over real seed articles and
over hand-made texts in other wording.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import SEEDS, needs_shared
from tests.dates.seedstatements import seed_statements
from wiretrace.article import ArticleStage
from wiretrace.dates import DatesStage
from wiretrace.ingest.readers import read_path
from wiretrace.records import Analysis, Cue, Failure, RawItem, Speaker, Statement, content_id


def _analysis(content: str, published: str | None = None, hints: dict | None = None) -> Analysis:
    item = RawItem(
        content_id(content),
        "hand.jsonl",
        "text/plain",
        content,
        hints={"published": published} if published else {},
    )
    return Analysis(item, ArticleStage(None)(item))


def _statement(analysis: Analysis, content: str, cue: str, speaker: str, *, cue_after: str = "") -> Statement:
    source = analysis.item.content
    start = source.index(content)
    cue_start = source.index(cue, source.index(cue_after) + len(cue_after) if cue_after else 0)
    return Statement(
        id=f"s{start}",
        article_id=analysis.article.id,
        kind="indirect",
        start=start,
        end=start + len(content),
        text=content,
        cue=Cue(cue, cue_start, cue_start + len(cue)),
        speaker=Speaker(speaker, speaker, cue_start, cue_start),
    )


def _dated(analysis: Analysis, statements: list[Statement]) -> list[Statement]:
    result = DatesStage().pipe([replace(analysis, statements=tuple(statements))])[0]
    assert not isinstance(result, Failure), result
    return list(result.statements)


@needs_shared(SEEDS)
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_statements_get_the_gold_dates(prefix, gold):
    document = next(d for d in gold["documents"] if d["file"].startswith(prefix))
    item = next(iter(read_path(SEEDS / document["file"], 10**7)))
    analysis = Analysis(item, ArticleStage(None)(item))
    made = seed_statements(prefix, analysis.article.id, item.content, document["quotes"])
    dated = {statement.text: statement for statement in _dated(analysis, made)}
    for quote in document["quotes"]:
        statement = dated[quote["anchor"]]
        if quote.get("date"):
            assert (statement.date, statement.date_source) == (quote["date"], "text"), quote["anchor"]
            assert (
                item.content[statement.date_span.start : statement.date_span.end] == statement.date_span.text
            )
        if document["published"] is None:
            # undated pages: no value from relative expressions, and no publication day to fall back on
            assert statement.date is None and statement.date_source is None, quote["anchor"]
        elif not quote.get("date") and statement.date_source == "text":
            # where the gold sees no date of its own, wiretrace claims none from the text either
            pytest.fail(f"{quote['anchor']!r} dated {statement.date} from {statement.date_span.text!r}")


NEWS = (
    "Ministers meet amid a row over tariffs.\n\n"
    "The trade minister said on Wednesday that tariffs would stay. "
    "Before talks on Monday, officials had expected a deal, the spokeswoman said. "
    "Last year, exports rose 8%, the statistics office reported. "
    "In an interview with Le Monde yesterday, Anna Berg argued that Europe must respond. "
    "Berg also said the bloc was united. "
    "Tom Hale warned that prices would rise. "
    "Speaking at a forum in Oslo, he added that wages lag."
)


@pytest.fixture
def news() -> Analysis:
    return _analysis(NEWS, "2025-06-13")  # a Friday


def test_an_expression_right_after_the_cue_dates_the_statement(news):
    [statement] = _dated(news, [_statement(news, "tariffs would stay", "said", "Trade minister")])
    assert (statement.date, statement.date_source, statement.date_span.text) == (
        "2025-06-11",
        "text",
        "Wednesday",
    )


def test_a_date_governed_by_before_or_after_is_not_the_statements(news):
    made = _statement(
        news,
        "officials had expected a deal",
        "said",
        "Spokeswoman",
        cue_after="expected a deal, the spokeswoman",
    )
    [statement] = _dated(news, [made])
    assert statement.date_source == "published"


def test_a_date_before_the_content_belongs_to_the_content(news):
    made = _statement(news, "exports rose 8%", "reported", "Statistics office")
    [statement] = _dated(news, [made])
    assert (statement.date, statement.date_source, statement.date_span) == ("2025-06-13", "published", None)


def test_statements_from_one_interview_carry_its_date(news):
    first = _statement(news, "Europe must respond", "argued", "Anna Berg")
    second = _statement(news, "the bloc was united", "said", "Anna Berg", cue_after="Berg also")
    other = _statement(news, "prices would rise", "warned", "Tom Hale")
    dated = _dated(news, [first, second, other])
    assert [s.date for s in dated] == ["2025-06-12", "2025-06-12", "2025-06-13"]
    assert [s.date_source for s in dated] == ["text", "text", "published"]
    assert dated[1].date_span.text == "yesterday"


def test_speaking_continues_the_same_speakers_previous_occasion():
    text = (
        "Talks\n\nThe envoy Jan Roth said last week that the ceasefire held. "
        "Speaking at a summit in Rome, he stated that aid would follow."
    )
    analysis = _analysis(text, "2025-02-26")
    first = _statement(analysis, "the ceasefire held", "said", "Jan Roth")
    second = _statement(analysis, "aid would follow", "stated", "Jan Roth")
    assert [s.date for s in _dated(analysis, [first, second])] == ["2025-W08", "2025-W08"]


def test_published_means_no_date_of_its_own_in_a_dated_article(news):
    [statement] = _dated(news, [_statement(news, "prices would rise", "warned", "Tom Hale")])
    assert (statement.date, statement.date_source, statement.date_span) == ("2025-06-13", "published", None)


def test_the_published_day_is_the_local_day_of_a_date_time_with_an_offset():
    analysis = _analysis("Title\n\nThe mayor said the plan failed.", "2025-03-04T20:24:00+10:00")
    [statement] = _dated(analysis, [_statement(analysis, "the plan failed", "said", "Mayor")])
    assert (statement.date, statement.date_source) == ("2025-03-04", "published")


def test_an_undated_article_keeps_the_span_of_an_unresolvable_date_and_no_value():
    analysis = _analysis("Title\n\nOn Monday, the mayor said the plan failed.")
    [statement] = _dated(analysis, [_statement(analysis, "the plan failed", "said", "Mayor")])
    assert (statement.date, statement.date_source, statement.date_span.text) == (None, None, "Monday")


def test_an_undated_article_still_dates_statements_from_absolute_dates():
    analysis = _analysis("Title\n\nThe mayor said on March 3, 2025 that the plan failed.")
    [statement] = _dated(analysis, [_statement(analysis, "the plan failed", "said", "Mayor")])
    assert (statement.date, statement.date_source) == ("2025-03-03", "text")


def test_recently_is_not_a_date(news):
    analysis = _analysis("Title\n\nThe mayor recently suggested the plan failed.", "2025-06-13")
    [statement] = _dated(analysis, [_statement(analysis, "the plan failed", "suggested", "Mayor")])
    assert statement.date_source == "published"


def test_html_offsets_of_the_date_span_point_into_the_page():
    page = (
        "<html><head><title>Row &amp; tariffs</title></head><body><article>"
        "<p>The trade minister said on Wednesday that tariffs &amp; quotas would stay in place for now.</p>"
        "<p>Exports rose in the spring, the office reported, and officials expect more growth this year.</p>"
        "</article></body></html>"
    )
    item = RawItem(content_id(page), "page.html", "text/html", page, hints={"published": "2025-06-13"})
    analysis = Analysis(item, ArticleStage(None)(item))
    made = _statement(analysis, "tariffs &amp; quotas would stay", "said", "Trade minister")
    [statement] = _dated(analysis, [made])
    span = statement.date_span
    assert page[span.start : span.end] == "Wednesday" == span.text
    assert statement.date == "2025-06-11"
