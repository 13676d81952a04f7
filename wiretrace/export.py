"""Exports: articles, statements and stories as CSV, JSON Lines or Parquet.

The CLI (`wiretrace export`) and the API (`?format=csv`) both call ``write``.
Rows are the shapes of ``wiretrace.views``; CSV flattens them (lists joined
with " | ", nested fields as JSON) and neutralises cells a spreadsheet would
run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from wiretrace.errors import UsageError
from wiretrace.origins.publishers import inherited_publishers
from wiretrace.store import ArticleQuery, StatementQuery, Store
from wiretrace.store.base import StoryQuery
from wiretrace.views import article_dict, statement_dict, story_dict

FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
# Leading characters that make a spreadsheet treat a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAGE = 1000


def article_rows(store: Store, query: ArticleQuery) -> Iterator[dict[str, Any]]:
    for article in _paged(lambda offset, limit: store.articles(_page(query, offset, limit)), query):
        origin = store.origin_members(article_ids=[article.id])
        inherited = inherited_publishers(store, [article.id]).get(article.id)
        row = article_dict(article, origin=origin[0] if origin else None, inherited=inherited)
        row.pop("provenance", None)
        row.pop("body_offsets", None)
        row["removed"] = [removed["text"] for removed in row["removed"]]
        yield row


def statement_rows(store: Store, query: StatementQuery) -> Iterator[dict[str, Any]]:
    paths: dict[str, str | None] = {}
    for statement in _paged(lambda offset, limit: store.statements(_page(query, offset, limit)), query):
        if statement.article_id not in paths:
            article = store.article(statement.article_id)
            paths[statement.article_id] = article.source_path if article else None
        yield statement_dict(statement, paths[statement.article_id])


def story_rows(store: Store, query: StoryQuery) -> Iterator[dict[str, Any]]:
    yield from (
        story_dict(story)
        for story in _paged(lambda offset, limit: store.stories(_page(query, offset, limit)), query)
    )


def _page(query, offset: int, limit: int):
    return replace(query, offset=offset, limit=limit)


def _paged(fetch: Callable[[int, int], list], query) -> Iterator:
    """Everything a query matches, fetched a page at a time (memory stays flat)."""
    offset, wanted = query.offset, query.limit
    while wanted is None or offset < query.offset + wanted:
        size = PAGE if wanted is None else min(PAGE, query.offset + wanted - offset)
        rows = fetch(offset, size)
        yield from rows
        if len(rows) < size:
            return
        offset += size


def neutralise(value: str) -> str:
    """A CSV cell that spreadsheets show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write(rows: Iterable[dict[str, Any]], fmt: str, out: BinaryIO) -> int:
    """Write rows in ``fmt`` to a binary stream; return how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        count = 0
        for row in rows:
            out.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
            count += 1
        return count
    if fmt == "csv":
        return _write_csv(rows, out)
    return _write_parquet(rows, out)


def _write_csv(rows: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer: csv.DictWriter | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(text, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: neutralise(flat(value)) for key, value in row.items()})
        count += 1
    text.flush()
    text.detach()
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        table = pa.Table.from_pylist(
            [
                {key: flat(value) if isinstance(value, (dict, list)) else value for key, value in row.items()}
                for row in batch
            ]
        )
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        writer.write_table(table.cast(writer.schema))
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= PAGE:
            flush()
    if batch or writer is None:
        flush()
    writer.close()
    return count
