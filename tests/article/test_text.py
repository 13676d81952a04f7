"""The plain-text article stage on hand-made pages of each furniture kind.

None of these pages borrows the seeds' wording: they are other sites' forms
of the same furniture.
"""

from __future__ import annotations

import pytest

from wiretrace.article import ArticleStage
from wiretrace.article.credits import SELF_REFERENCE_WORD, self_reference
from wiretrace.article.furniture import SELF_REFERENCES
from wiretrace.errors import NotAnArticle
from wiretrace.records import RawItem, content_id


def make_item(text: str, **hints) -> RawItem:
    return RawItem(
        id=content_id(text), source_path="test.txt", media_type="text/plain", content=text, hints=hints
    )


@pytest.fixture(scope="module")
def stage(registry):
    return ArticleStage(registry)


PARAGRAPH_1 = (
    "The city council voted on Wednesday to expand the bus network, a decision officials said "
    "would cut commuting times for thousands of residents."
)
PARAGRAPH_2 = (
    "“We have waited a decade for this,” said Maria Lopez, who chairs the transport committee. "
    "The plan still needs approval from the regional authority."
)
PARAGRAPH_3 = "Construction is expected to begin next spring, according to the council's published schedule."


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_navigation_title_and_trailer_are_cut(stage):
    text = page(
        "Skip to main content",
        "Home > News > Local",
        "Council backs bigger bus network",
        PARAGRAPH_1,
        PARAGRAPH_2,
        PARAGRAPH_3,
        "Share this article",
        "Tags: transport, council",
        "© 2024 Riverside Herald. All rights reserved.",
    )
    article = stage(make_item(text))
    assert article.body.startswith("The city council voted")
    assert article.body.endswith("published schedule.")
    assert article.value("title") == "Council backs bigger bus network"
    reasons = {r.reason for r in article.removed}
    assert {"navigation", "title", "sharing prompt", "category or tags", "copyright notice"} <= reasons


def test_copyright_line_names_the_outlet(stage):
    text = page(
        "Council backs bigger bus network",
        PARAGRAPH_1,
        PARAGRAPH_2,
        "© 2024 Riverside Herald. All rights reserved.",
    )
    assert stage(make_item(text)).value("outlet") == "Riverside Herald"


def test_teaser_inside_the_article_is_cut_but_the_paragraphs_around_it_stay(stage):
    text = page(PARAGRAPH_1, "See also: Ten cities that rebuilt their tram lines", PARAGRAPH_2, PARAGRAPH_3)
    article = stage(make_item(text))
    assert "Ten cities" not in article.body
    assert PARAGRAPH_1 in article.body and PARAGRAPH_3 in article.body


def test_list_of_truncated_teasers_after_the_article_is_cut(stage):
    teasers = [
        "BERLIN, Germany: Rail workers began a three-day strike on Monday that halted most regional...",
        "PARIS - The national museum said it will extend its opening hours during the summer season to...",
        "A small bakery in Lyon has won the country's top prize for the second year in a row, beating…",
    ]
    text = page(PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3, *teasers)
    article = stage(make_item(text))
    assert article.body.endswith("published schedule.")
    assert all(t not in article.body for t in teasers)


def test_closing_credit_line_ends_the_article_and_names_the_original(stage):
    text = page(
        PARAGRAPH_1,
        PARAGRAPH_2,
        "(Reuters)",
        "Sign up for our free morning briefing and get the day's top stories in your inbox.",
        "Readers who want to advertise local events can contact the newsroom by email any weekday.",
    )
    article = stage(make_item(text))
    assert article.body.endswith("regional authority.")
    assert article.value("original_publisher") == "Reuters"
    assert article.original_publisher.method == "credit line"


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("This article first appeared on The Guardian", "The Guardian"),
        ("Republished with permission from ProPublica.", "ProPublica"),
        ("Source: bbc.co.uk", "BBC"),
        ("h/t: The Hill", "The Hill"),
    ],
)
def test_credit_forms_resolve_through_the_registry(stage, credit, expected):
    text = page("Council backs bigger bus network", credit, PARAGRAPH_1, PARAGRAPH_2)
    assert stage(make_item(text)).value("original_publisher") == expected


def test_wire_dateline_credits_the_wire(stage):
    text = page("NEW YORK (AP) — " + PARAGRAPH_1, PARAGRAPH_2)
    article = stage(make_item(text, outlet="Yahoo News"))
    assert article.value("original_publisher") == "Associated Press"
    assert article.value("outlet") == "Yahoo News"


def test_standalone_dateline_gives_date_time_and_zone(stage):
    text = page("riverside-herald.com", "Tuesday, 12 March 2024 09:15 EST", PARAGRAPH_1, PARAGRAPH_2)
    article = stage(make_item(text))
    assert article.value("published") == "2024-03-12T09:15:00-05:00"
    assert article.value("title") is None  # a title stands above the dateline, not below it


def test_short_title_above_a_dateline(stage):
    text = page("Harbour reopens", "12 March 2024", PARAGRAPH_1, PARAGRAPH_2)
    article = stage(make_item(text))
    assert article.value("title") == "Harbour reopens"
    assert article.value("published") == "2024-03-12"


def test_body_dateline_stays_in_the_body(stage):
    text = page("March 3, 2021 (Herald)—" + PARAGRAPH_1, PARAGRAPH_2)
    article = stage(make_item(text))
    assert article.body.startswith("March 3, 2021 (Herald)—The city council")
    assert article.value("published") == "2021-03-03"


def test_published_label_in_front_of_the_body_is_cut(stage):
    text = "Published: 2023-07-09 " + PARAGRAPH_1 + "\n\n" + PARAGRAPH_2
    article = stage(make_item(text))
    assert article.body.startswith("The city council")
    assert article.value("published") == "2023-07-09"


def test_no_date_means_none_never_today(stage):
    article = stage(make_item(page(PARAGRAPH_1, PARAGRAPH_2)))
    assert article.value("published") is None


def test_given_metadata_wins(stage):
    text = page("Council backs bigger bus network", PARAGRAPH_1, PARAGRAPH_2)
    article = stage(
        make_item(text, title="Council backs bigger bus network", published="2024-05-01", outlet="bbc.co.uk")
    )
    assert article.value("title") == "Council backs bigger bus network"
    assert article.value("published") == "2024-05-01"
    assert article.value("outlet") == "BBC"
    assert article.body.startswith("The city council")


def test_byline_is_cut_and_kept_as_author(stage):
    text = page("Council backs bigger bus network", "By Jane Whitaker", PARAGRAPH_1, PARAGRAPH_2)
    article = stage(make_item(text))
    assert article.value("author") == "Jane Whitaker"
    assert "Jane Whitaker" not in article.body


def test_short_reporting_lines_inside_a_quote_sequence_are_kept(stage):
    text = page(PARAGRAPH_1, "“It is a good day,” the mayor said,", "“and a long time coming.”", PARAGRAPH_3)
    article = stage(make_item(text))
    assert "the mayor said," in article.body and "long time coming" in article.body


def test_page_of_only_furniture_is_not_an_article(stage):
    with pytest.raises(NotAnArticle):
        stage(make_item(page("Home", "Subscribe now", "Leave a comment", "Back to top")))


def test_hard_wrapped_paragraph_keeps_single_newlines(stage):
    text = (
        "A first line of a wrapped paragraph that goes on\nand continues on the next line here.\n\n"
        "The second paragraph, a full sentence of its own, says what the council decided next.\n"
    )
    article = stage(make_item(text))
    assert "goes on\nand continues" in article.body
    assert "here.\n\nThe second" in article.body


@pytest.mark.parametrize("paragraphs", [[PARAGRAPH_1], [PARAGRAPH_1 + " " + PARAGRAPH_2]])
def test_a_page_of_one_paragraph_is_its_own_article(stage, paragraphs):
    # no neighbours for the line model to read it against: the rules keep it
    article = stage(make_item(page(*paragraphs)))
    assert article.body == page(*paragraphs).strip()


@pytest.mark.parametrize(
    "line",
    [
        "Discover more from Harbour Daily",
        "Get a daily dose of Harbour Daily news",
        "Send your news release to Harbour Daily",
        "Follow Harbour Daily on X",
        "Sign up to the Harbour Daily newsletter",
        "© 2024 Harbour Daily",
        "Harbour Daily. All rights reserved",
    ],
)
def test_every_self_reference_form_names_the_site(line):
    assert any(pattern.search(line) for pattern in SELF_REFERENCES)
    assert SELF_REFERENCE_WORD.search(line)  # the quick test that lets a line be tried
    assert self_reference([line]) == "Harbour Daily"
