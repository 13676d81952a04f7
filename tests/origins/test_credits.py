"""Wire credits the article stage finds for the origins evaluation: hand-made pages."""

from __future__ import annotations

import pytest

from wiretrace.article import ArticleStage
from wiretrace.records import RawItem, content_id

BODY = (
    "The county board voted on Tuesday to close two rural libraries, citing a budget gap of four million "
    "dollars, and promised a mobile service for the villages affected.\n\n"
    "Residents who packed the meeting said the decision would leave children without a quiet place to study."
)


def publisher(text: str, registry) -> tuple[str | None, str | None]:
    article = ArticleStage(registry)(RawItem(content_id(text), "page.txt", "text/plain", text))
    found = article.original_publisher
    return (found.value, found.method) if found else (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title the layout keeps in the body ("… ‘stupid.’") does not hide the dateline under it
        (
            f"County closes libraries, calls protest ‘noise.’\n\nMILLBROOK, Ore., June 10 (UPI) — {BODY}\n",
            ("United Press International", "wire dateline"),
        ),
        (f"Libraries to close.\n\nMILLBROOK, Ore. (AP) — {BODY}\n", ("Associated Press", "wire dateline")),
        # Reuters' closing line names no agency; its form does
        (
            f"Libraries to close.\n\n{BODY}\n\n(Reporting by Dana Reyes; Editing by Tom Hale.)\n",
            ("Reuters", "wire format"),
        ),
    ],
)
def test_wire_credits(text, expected, registry):
    assert publisher(text, registry) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a reporting note without the editing part is any newsroom's
        f"Libraries to close.\n\n{BODY}\n\n(Reporting by Dana Reyes.)\n",
        # a wire named in parentheses deep in the article is a mention, not a dateline
        f"Libraries to close.\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\nLONDON (Reuters) - A similar vote failed last year.\n",
    ],
)
def test_not_wire_credits(text, registry):
    assert publisher(text, registry)[1] in (None, "same as outlet")
