"""HTML pages: trafilatura's text, mapped back onto the page's characters."""

from __future__ import annotations

import html

import pytest

from wiretrace.article import ArticleStage
from wiretrace.article.html import visible_text
from wiretrace.records import RawItem, content_id

PARAGRAPHS = [
    "The regional parliament approved a new water-sharing agreement on Thursday after two years of "
    "negotiations between upstream and downstream provinces.",
    "“This is a fair deal for farmers & for cities,” said Elena Marsh, the parliament’s speaker, "
    "adding that the first transfers would start in the autumn.",
    "Critics said the agreement leaves too little water for wetlands, and an environmental group "
    "announced it would challenge the law in court.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Parliament approves water deal | Valley Courier</title>
<meta property="og:title" content="Parliament approves water deal">
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2023-06-15T10:30:00+02:00">
<script>var tracking = "<p>not text</p>";</script>
<style>p {{ color: red; }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li>Subscribe</li></ul></nav>
<header><h1>Parliament approves water deal</h1></header>
<article>
{"".join(f"<p>{html.escape(p, quote=False)}</p>" + chr(10) for p in PARAGRAPHS)}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm closes mountain pass</a></li></ul></aside>
<footer><p>© 2023 Valley Courier. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def article(registry):
    item = RawItem(id=content_id(PAGE), source_path="page.html", media_type="text/html", content=PAGE)
    return ArticleStage(registry)(item)


def test_body_is_the_article_text(article):
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "Storm closes" not in article.body
    assert "All rights reserved" not in article.body
    assert "not text" not in article.body


def test_metadata_from_the_page(article):
    assert article.value("title") == "Parliament approves water deal"
    assert article.value("published") == "2023-06-15"
    assert article.value("outlet") == "Valley Courier"


def test_every_body_character_maps_to_its_place_in_the_html(article):
    for run in article.body_map.runs:
        body_part = article.body[run.body_start : run.body_start + run.length]
        source_part = PAGE[run.source_start : run.source_start + run.length]
        if body_part != source_part:
            # a character decoded from an entity maps to the entity
            assert (
                run.length == 1
                and html.unescape(PAGE[run.source_start :].split(";", 1)[0] + ";") == body_part
            )
    quote_start = article.body.index("This is a fair deal")
    source_start, source_end = article.body_map.span_to_source(quote_start, quote_start + 19)
    assert PAGE[source_start:source_end] == "This is a fair deal"


def test_text_left_out_is_recorded(article):
    reasons = {removed.reason for removed in article.removed}
    assert "outside the main text" in reasons
    assert any("Storm closes mountain pass" in removed.text for removed in article.removed)


def test_visible_text_skips_scripts_decodes_entities_and_breaks_blocks():
    page = "<p>A &amp; <b>B</b>old</p><script>x = '<b>'</script><p>C  d</p>"
    visible = visible_text(page)
    assert visible.text == "A & Bold\nC d"
    for char, expected in (("&", "&amp;"), ("B", "B</b>"), ("o", "old"), ("C", "C  d")):
        html_at = visible.html_offset(visible.text.index(char))
        assert page[html_at : html_at + len(expected)] == expected
    for run in visible.runs(0, len(visible.text), 0):
        text_part = visible.text[run.body_start : run.body_start + run.length]
        html_part = page[run.source_start : run.source_start + run.length]
        assert text_part == html_part or run.length == 1


def test_page_lxml_cannot_build_falls_back_to_visible_text(registry):
    paragraph = "<p>The council approved the budget on Monday after a long debate, officials said.</p>"
    page = "<html><body>" + "<div>" * 10000 + paragraph * 3 + "</div>" * 10000 + "</body></html>"
    item = RawItem(id=content_id(page), source_path="deep.html", media_type="text/html", content=page)
    article = ArticleStage(registry)(item)
    assert article.body.count("The council approved the budget") == 3
    start = article.body.index("council")
    source_start, source_end = article.body_map.span_to_source(start, start + 7)
    assert page[source_start:source_end] == "council"
