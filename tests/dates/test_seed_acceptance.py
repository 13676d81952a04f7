"""Acceptance on the seeds through the full default pipeline (statements stage included).

Every gold statement with a ``date`` must get
that date; statements of the undated seeds (000, 004) get none.
"""

from __future__ import annotations

from tests.conftest import SEEDS, needs_shared
from wiretrace.ingest.readers import read_path
from wiretrace.pipeline import Pipeline
from wiretrace.store import StatementQuery


def _overlapping(statements, start: int, end: int):
    return [s for s in statements if s.start < end and start < s.end]


@needs_shared(SEEDS)
def test_seed_statements_get_their_gold_dates(store, gold):
    items = {path.name: next(iter(read_path(path, 10**7))) for path in sorted(SEEDS.glob("*.txt"))}
    Pipeline.full(store).ingest(list(items.values()))
    for document in gold["documents"]:
        item = items[document["file"]]
        statements = store.statements(StatementQuery(article_id=item.id))
        for quote in document["quotes"]:
            start = item.content.index(quote["anchor"])
            found = _overlapping(statements, start, start + len(quote["anchor"]))
            if quote.get("date"):
                assert found, f"{document['file']}: no statement for {quote['anchor']!r}"
                assert quote["date"] in [s.date for s in found], (quote["anchor"], [s.date for s in found])
        if document["published"] is None:
            assert all(s.date is None for s in statements), document["file"]
