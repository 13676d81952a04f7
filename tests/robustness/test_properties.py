"""Property tests over the text stages: for any input string, spans stay inside the
text and in order, nothing raises but a named item error, and runs are deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.article import ArticleStage
from wiretrace.errors import ItemError
from wiretrace.pipeline import default_stages
from wiretrace.records import Analysis, Failure, RawItem, content_id

# Text that looks like scraped pages: words, punctuation, quotes, dates, furniture, markup.
FRAGMENTS = st.sampled_from(
    [
        "The minister said",
        " on Tuesday",
        "“We will not",
        "”",
        '"',
        "'",
        "‘",
        "’",
        ",",
        ".",
        "\n",
        "\n\n",
        "\r\n",
        "READ MORE: ",
        "Subscribe now",
        "(Reuters)",
        "NEW YORK (AP) — ",
        "Sept. 5, 2019 (EIRNS)—",
        "04 Mar 2025, 20:24 GMT+10",
        "date 2025-02-26 ",
        "31 February 2025",
        "3,000 troops",
        "...",
        "…",
        "<p>",
        "</p>",
        "<div>",
        "&amp;",
        "&#x27;",
        "<script>x</script>",
        "According to Peskov,",
        "\x00",
        "\t",
        "Лавров заявил",
        "last week",
        "yesterday",
        "By Jane Doe",
        "• ",
        "©",
        "Back to top",
    ]
)
PAGES = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=60).map("".join)
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def item(text: str, media_type: str) -> RawItem:
    return RawItem(id=content_id(text), source_path="prop", media_type=media_type, content=text)


def check_article(text: str, media_type: str, stage: ArticleStage) -> None:
    try:
        article = stage(item(text, media_type))
    except ItemError:
        return
    previous_end = 0
    for run in article.body_map.runs:
        assert 0 <= run.source_start and run.source_start + run.length <= len(text)
        assert run.body_start + run.length <= len(article.body)
        assert run.body_start >= previous_end
        previous_end = run.body_start + run.length
    for removed in article.removed:
        assert 0 <= removed.start <= removed.end <= len(text)
    for found in (article.title, article.published, article.outlet, article.original_publisher):
        if found is not None and found.span is not None:
            assert 0 <= found.span.start <= found.span.end <= len(text)
    again = stage(item(text, media_type))
    assert again == article


STAGE = ArticleStage()


@SETTINGS
@given(PAGES)
def test_article_stage_on_any_text(text):
    check_article(text, "text/plain", STAGE)


@SETTINGS
@given(PAGES)
def test_article_stage_on_any_html(text):
    check_article(text, "text/html", STAGE)


ANALYSIS_STAGES, _ = default_stages()


def analyse(text: str, media_type: str = "text/plain") -> tuple[list[Analysis], list[Failure]]:
    """The per-item stages over one text, as the pipeline runs them (no store needed)."""
    try:
        analyses = [Analysis(item(text, media_type), STAGE(item(text, media_type)))]
    except ItemError:
        return [], []
    failures = []
    for stage in ANALYSIS_STAGES:
        results = stage.pipe(analyses)
        failures += [result for result in results if isinstance(result, Failure)]
        analyses = [result for result in results if isinstance(result, Analysis)]
    return analyses, failures


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_every_analysis_stage_keeps_spans_inside_the_text(text):
    analyses, failures = analyse(text)
    assert (analyses, failures) == analyse(text)
    for analysis in analyses:
        for statement in analysis.statements:
            assert 0 <= statement.start <= statement.end <= len(text)
            assert text[statement.start : statement.end] == statement.text
            for part in (statement.cue, statement.speaker):
                if part is not None:
                    assert 0 <= part.start <= part.end <= len(text)
        starts = [time.start for time in analysis.times]
        assert starts == sorted(starts)
        for time in analysis.times:
            assert 0 <= time.start < time.end <= len(text)
            assert text[time.start : time.end] == time.text
    for failure in failures:
        assert failure.reason
