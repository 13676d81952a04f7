"""Echoes: earlier statements by the same speaker that say nearly the same thing.

Candidates are the speaker's statements (as linked across articles by the people
stage) from other articles made on an earlier day. A dated statement looks at
statements dated before it; an undated one (its page gives no date) at every
dated statement, since which came first cannot be told otherwise, and never at
other undated ones. They are scored by ``similarity.best_pairs`` and returned
best first.
"""

from __future__ import annotations

from wiretrace.errors import WiretraceError
from wiretrace.people.tables import tables
from wiretrace.records import Echo, SpokenStatement
from wiretrace.store import Store

# How many of the speaker's earlier statements are compared at most (the latest ones).
MAX_CANDIDATES = 2000
DEFAULT_LIMIT = 10


class EchoError(WiretraceError):
    """The statement cannot be echoed: unknown, or its speaker is not linked."""


def earlier(query: SpokenStatement, statements: list[SpokenStatement]) -> list[SpokenStatement]:
    """The statements an echo may come from: other articles, an earlier day."""
    found = [
        entry
        for entry in statements
        if entry.statement.article_id != query.statement.article_id
        and entry.day is not None
        and (query.day is None or entry.day < query.day)
    ]
    return found  # in day order: callers keep the latest


def echoes(
    store: Store,
    statement_id: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    min_score: float = 0.0,
    max_candidates: int = MAX_CANDIDATES,
) -> list[Echo]:
    spoken = tables(store).statement_speaker(statement_id)
    if spoken is None:
        raise EchoError(
            f"no statement {statement_id!r} with a speaker linked across articles in {store.url} "
            "(`wiretrace quotes --format jsonl` lists statement ids)"
        )
    person_id, _day = spoken
    statements = tables(store).spoken_statements(person_id)
    query = next((entry for entry in statements if entry.statement.id == statement_id), None)
    if query is None:
        raise EchoError(f"statement {statement_id} is not among its speaker's statements")
    candidates = earlier(query, statements)[-max_candidates:]
    if not candidates:
        return []
    # spaCy and scikit-learn, loaded on first use (not by every command that imports this module)
    from wiretrace.people.similarity import best_pairs, centred, encode

    asked, *encoded = centred(encode([query.statement.text, *(entry.statement.text for entry in candidates)]))
    scored = [
        Echo(statement=entry.statement, day=entry.day, score=round(score, 4), sentence=sentence)
        for entry, (score, sentence) in zip(candidates, best_pairs(asked, encoded), strict=True)
        if score >= min_score
    ]
    scored.sort(key=lambda echo: (-echo.score, echo.day or "", echo.statement.id))
    return scored[:limit] if limit is not None else scored


def strongest_echoes(
    store: Store, person_id: str, *, latest: int = 50, max_candidates: int = 200, limit: int = 5
) -> list[tuple[SpokenStatement, Echo]]:
    """For a person's ``latest`` statements, each one's best echo; the strongest pairs first.

    What the speaker page shows: each text is parsed once (the latest ``max_candidates``
    statements), so the page costs one ``nlp.pipe`` however many pairs are scored.
    """
    statements = tables(store).spoken_statements(person_id)
    dated = [entry for entry in statements if entry.day is not None][-max_candidates:]
    undated = [entry for entry in statements if entry.day is None][-latest:]
    pool = dated + undated
    if len(pool) < 2:
        return []
    from wiretrace.people.similarity import best_pairs, centred, encode

    encoded = dict(
        zip(
            (entry.statement.id for entry in pool),
            centred(encode([e.statement.text for e in pool])),
            strict=True,
        )
    )
    pairs = []
    for query in (dated + undated)[-latest:]:
        candidates = earlier(query, dated)
        if not candidates:
            continue
        scores = best_pairs(encoded[query.statement.id], [encoded[c.statement.id] for c in candidates])
        (score, sentence), best = max(zip(scores, candidates, strict=True), key=lambda pair: pair[0][0])
        pairs.append((query, Echo(best.statement, best.day, round(score, 4), sentence)))
    pairs.sort(key=lambda pair: -pair[1].score)
    return pairs[:limit]
