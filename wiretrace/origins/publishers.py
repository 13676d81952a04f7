"""Publishers a copy inherits from its family: what the read layer shows beside an article.

Kept apart from the stage (which needs MinHash and NumPy) so that a command
reading the store loads none of that.
"""

from __future__ import annotations

from collections.abc import Sequence

from wiretrace.origins.tables import tables
from wiretrace.records import Article
from wiretrace.store import Store

# How an article shows whom it credits; "same as outlet" is no credit at all.
NO_CREDIT = ("same as outlet",)


def credits_someone(article: Article) -> bool:
    found = article.original_publisher
    return found is not None and found.method not in NO_CREDIT


def inherited_publishers(store: Store, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """For articles that credit no one, the publisher another member of their family
    credits (the canonical's first), with that member's id: a copy of a wire story
    carries the wire's credit even where its own page dropped it."""
    members = tables(store).origin_members(article_ids=article_ids)
    articles = tables(store).articles_by_id(m.article_id for m in members)
    uncredited = [
        m for m in members if m.article_id in articles and not credits_someone(articles[m.article_id])
    ]
    found: dict[str, tuple[str, str]] = {}
    for family_id in {m.family_id for m in uncredited}:
        relatives = tables(store).origin_members(family_ids=[family_id])
        relatives.sort(key=lambda m: (not m.is_canonical, m.article_id))
        texts = tables(store).articles_by_id(m.article_id for m in relatives)
        credited = [
            (texts[m.article_id].value("original_publisher"), m.article_id)
            for m in relatives
            if m.article_id in texts and credits_someone(texts[m.article_id])
        ]
        if not credited:
            continue
        for member in uncredited:
            if member.family_id == family_id:
                found[member.article_id] = credited[0]
    return found
