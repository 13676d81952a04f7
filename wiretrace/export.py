"""Exports: articles, statements and stories as CSV, JSON Lines or Parquet.

The CLI (`wiretrace export`) and the API (`?format=csv`) both call ``write``.
Rows are the records of ``wiretrace.read``; CSV flattens them (lists joined
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
from wiretrace.read import queries as read
from wiretrace.read.models import dump
from wiretrace.store import ArticleQuery, StatementQuery, Store
from wiretrace.store.base import StoryQuery

FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
# Leading characters that make a spreadsheet treat a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAGE = 1000
# What an article export leaves out of ``wiretrace articles --format jsonl``: the offsets and
# provenance tie the text to the input, which an export does not carry.
EXPORT_LEAVES_OUT = {"provenance", "body_offsets"}


def article_rows(store: Store, query: ArticleQuery) -> Iterator[dict[str, Any]]:
    """Articles as ``/api/articles`` lists them, with the body and the texts cut from the page."""
    for page in _pages(lambda offset, limit: store.articles(_page(query, offset, limit)), query):
        for detail in read.details(store, page):
            yield {name: value for name, value in dump(detail).items() if name not in EXPORT_LEAVES_OUT}


def statement_rows(store: Store, query: StatementQuery) -> Iterator[dict[str, Any]]:
    for page in _pages(lambda offset, limit: store.statements(_page(query, offset, limit)), query):
        yield from (dump(statement) for statement in read.describe(store, page))


def story_rows(store: Store, query: StoryQuery) -> Iterator[dict[str, Any]]:
    for page in _pages(lambda offset, limit: read.stories(store, _page(query, offset, limit)), query):
        yield from (dump(story) for story in page)


def _page(query, offset: int, limit: int):
    return replace(query, offset=offset, limit=limit)


def _pages(fetch: Callable[[int, int], list], query) -> Iterator[list]:
    """Everything a query matches, a page at a time (memory stays flat)."""
    offset, wanted = query.offset, query.limit
    while wanted is None or offset < query.offset + wanted:
        size = PAGE if wanted is None else min(PAGE, query.offset + wanted - offset)
        rows = fetch(offset, size)
        yield rows
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
