"""One statement carried by several copies: shown once, with every carrier.

Copies of one article repeat its statements word for word (or with the quotes
re-punctuated). Statements whose articles are in one family of copies, with
the same words and the same speaker, are one statement; the canonical
member's (else the first) stands for it, and ``carried_by`` lists each
article that carries it and its outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wiretrace.origins.signature import words_of
from wiretrace.origins.tables import tables
from wiretrace.records import Statement
from wiretrace.store import Store


@dataclass(frozen=True)
class Carrier:
    article_id: str
    outlet: str | None
    original_publisher: str | None


@dataclass(frozen=True)
class CarriedStatement:
    statement: Statement
    carried_by: tuple[Carrier, ...]  # the representative's article first
    family_id: str | None


def carried(store: Store, statements: Sequence[Statement]) -> list[CarriedStatement]:
    """Statements with copies folded together, in the order of their first carrier."""
    article_ids = list(dict.fromkeys(statement.article_id for statement in statements))
    members = {member.article_id: member for member in tables(store).origin_members(article_ids=article_ids)}
    articles = tables(store).articles_by_id(article_ids)
    groups: dict[tuple, list[Statement]] = {}
    for statement in statements:
        member = members.get(statement.article_id)
        family = member.family_id if member else statement.article_id
        speaker = statement.speaker.name or statement.speaker.mention if statement.speaker else None
        key = (family, tuple(words_of(statement.text)), (speaker or "").casefold())
        groups.setdefault(key, []).append(statement)
    found = []
    for (family, _, _), group in groups.items():
        canonical = [s for s in group if members.get(s.article_id) and members[s.article_id].is_canonical]
        first = canonical[0] if canonical else group[0]
        ordered = [first, *(s for s in group if s is not first)]
        carriers = []
        for statement in ordered:
            article = articles.get(statement.article_id)
            carriers.append(
                Carrier(
                    statement.article_id,
                    article.value("outlet") if article else None,
                    article.value("original_publisher") if article else None,
                )
            )
        unique = tuple(dict((c.article_id, c) for c in carriers).values())
        found.append(CarriedStatement(first, unique, family if first.article_id in members else None))
    return found


def relay_chain(item: CarriedStatement) -> list[str]:
    """Who passed the statement on, first to last: the relays the article names (an
    interview's outlet, a wire), then the publisher it credits, then the outlets that
    carried it."""
    chain: list[str] = []
    for name in (*item.statement.relayed_by, *(c.original_publisher for c in item.carried_by[:1])):
        if name and name.casefold() not in {n.casefold() for n in chain}:
            chain.append(name)
    for carrier in item.carried_by:
        if carrier.outlet and carrier.outlet.casefold() not in {n.casefold() for n in chain}:
            chain.append(carrier.outlet)
    return chain
