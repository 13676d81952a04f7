"""HTML pages: trafilatura's text, mapped back onto the page's characters."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.fixture(scope="module", params=["html model", "trafilatura and rules"])
def article(registry, request):
    """The page through the shipped HTML model, and through trafilatura's article with the rules."""
    item = RawItem(id=content_id(PAGE), source_path="page.html", media_type="text/html", content=PAGE)
    html_model = None if request.param == "trafilatura and rules" else "shipped"
    return ArticleStage(registry, html_model=html_model)(item)


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
    assert any("Storm closes mountain pass" in removed.text for removed in article.removed)
    assert any("All rights reserved" in removed.text for removed in article.removed)
    assert all(removed.reason for removed in article.removed)


def test_visible_text_skips_scripts_decodes_entities_and_breaks_blocks():
    page = "<p>A &amp; <b>B</b>old</p><script>x = '<b>'</script><p>C  d</p>"
    visible = visible_text(page)
    assert visible.text == "A & Bold\n\nC d"  # paragraphs apart, as whole-page dumps set them
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


def test_visible_text_leaves_out_what_no_reader_sees():
    page = (
        '<p>Shown.</p><p hidden>Hidden attribute.</p><div style="display: none"><p>Hidden style.</p></div>'
        '<p>Icon <span aria-hidden="true">&#9733;</span>after.</p>'
    )
    assert visible_text(page).text == "Shown.\n\nIcon after."


def test_a_quoted_attribute_holding_a_tag_end_is_not_text():
    page = """<div data-video='{"title": "a > b", "size": 41019}'>Caption</div><p>Body</p>"""
    assert visible_text(page).text == "Caption\n\nBody"


def test_visible_text_marks_the_elements_around_each_stretch():
    page = (
        '<div class="site-menu"><a href="/">Home</a> <a href="/news">News</a></div>'
        '<article class="post"><h1>A headline</h1><p>First paragraph with a <a href="/x">link</a>.</p>'
        "<ul><li>Item one</li><li>Item two</li></ul></article>"
        "<footer>Contact</footer>"
    )
    visible = visible_text(page)

    def marked(kind):
        return [visible.text[start:end].strip() for start, end in visible.marks[kind]]

    assert marked("link") == ["Home", "News", "link"]
    assert marked("negative") == ["Home News"]
    assert "A headline" in marked("heading")
    assert any("First paragraph" in text for text in marked("positive"))
    assert marked("list item") == ["Item one", "Item two"]
    assert marked("aside") == ["Contact"]
    assert any("Item two" in text for text in marked("landmark"))


ARTICLE_PARAGRAPHS = [
    f"The harbour authority said on {day} that the new breakwater had cut storm damage along the "
    f"eastern quay by more than half, and that work on the western arm would begin next spring."
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
]
TEASERS = ["Ferry fares to rise in May", "Lighthouse keeper retires after 40 years", "New fish market opens"]
BUSY_PAGE = f"""<html><head><title>Breakwater halves storm damage | Harbour Daily</title></head><body>
<header><nav class="main-nav"><ul>{"".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("News", "Sport", "Weather", "Opinion"))}</ul></nav></header>
<div id="content"><article class="story"><h1>Breakwater halves storm damage</h1>
{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
</article>
<aside class="related"><h2>Related stories</h2><ul>{"".join(f'<li><a href="/s{i}">{t}</a></li>' for i, t in enumerate(TEASERS))}</ul></aside>
<section class="comments"><h3>3 comments</h3><p>Great news!</p><p>About time.</p></section></div>
<footer class="site-footer"><p>© 2024 Harbour Daily. All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize("html_model", ["shipped", None])
def test_a_busy_page_gives_its_article_and_none_of_its_furniture(registry, html_model):
    item = RawItem(
        id=content_id(BUSY_PAGE), source_path="busy.html", media_type="text/html", content=BUSY_PAGE
    )
    article = ArticleStage(registry, html_model=html_model)(item)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.body
    for furniture in (*TEASERS, "Sport", "Great news!", "All rights reserved"):
        assert furniture not in article.body
    assert article.value("title") == "Breakwater halves storm damage"


TAG_SOUP = st.lists(
    st.sampled_from(
        [
            "<p>", "</p>", "<div class='sidebar'>", "</div>", "<a href='x'>", "</a>", "<li>", "<ul>", "</ul>",
            "<span hidden>", "</span>", "<nav>", "</nav>", "<h2>", "</h2>", "<br>", "&amp;", "&#9733;",
            "<td>", "<script>x<p>y</script>", "<!-- c -->", "<b>", "</b>", "<div style='display:none'>",
            "<img src='a>b'>", " ", "  ", "\n", "word", "Other words.", "<", ">", "'", '"',
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(TAG_SOUP)
def test_visible_text_of_any_tag_soup_maps_back_onto_the_page(page):
    visible = visible_text(page)
    for run in visible.runs(0, len(visible.text), 0):
        text_part = visible.text[run.body_start : run.body_start + run.length]
        assert text_part == page[run.source_start : run.source_start + run.length] or run.length == 1
    for stretches in visible.marks.values():
        assert all(0 <= start < end <= len(visible.text) for start, end in stretches)
