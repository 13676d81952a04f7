"""Analyses as Parquet: what `wiretrace ingest --engine ray` writes and `wiretrace load` reads.

An output directory holds one folder per table, and each run of the analysis
stages over a block of input writes one part to every folder under the same
name, so a part's rows belong together:

    items/       one row per input item read (the original text, kept so the
                 store can reprocess it)
    articles/    one row per article: body, metadata, provenance, offsets, and
                 what the entity recogniser labelled (``recognised``, JSON; an
                 output written before it had the column loads, and the store
                 stages read those labels themselves)
    statements/  one row per statement
    entities/    one row per person or organisation an article names
    times/       one row per temporal expression
    failures/    one row per item or input that could not be handled

Each folder reads as one table (``pyarrow.dataset``, pandas, DuckDB, Spark).
Rows reuse the store's codec (``wiretrace.store.codec``), so a loaded store
holds exactly what a plain ingest would have stored. Only pyarrow is needed
here: Ray is the engine that writes, not a dependency of the format.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wiretrace.records import Analysis, Failure, NameLabel, RawItem, Recognised, to_dict
from wiretrace.store.codec import (
    article_row,
    entity_row,
    row_article,
    row_entity,
    row_statement,
    row_time,
    statement_row,
    time_row,
)

_TEXT = pa.string()
_INT = pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "items": pa.schema(
        [
            ("id", _TEXT),
            ("source_path", _TEXT),
            ("media_type", _TEXT),
            ("url", _TEXT),
            ("hints", _TEXT),  # JSON object
            ("encoding", _TEXT),
            ("content", _TEXT),
        ]
    ),
    "articles": pa.schema(
        [
            ("id", _TEXT),
            ("source_path", _TEXT),
            ("media_type", _TEXT),
            ("url", _TEXT),
            ("title", _TEXT),
            ("published", _TEXT),
            ("published_day", _TEXT),
            ("outlet", _TEXT),
            ("original_publisher", _TEXT),
            ("author", _TEXT),
            ("language", _TEXT),
            ("body", _TEXT),
            ("words", _INT),
            ("body_map", _TEXT),  # JSON [[body_start, source_start, length], ...]
            ("removed", _TEXT),  # JSON list of {start, end, text, reason}
            ("provenance", _TEXT),  # JSON {field: {value, method, span}}
            ("recognised", _TEXT),  # JSON {lead: [[text, label]], names: [{name, label, text, whole}]}
        ]
    ),
    "statements": pa.schema(
        [
            ("id", _TEXT),
            ("article_id", _TEXT),
            ("position", _INT),  # order within the article, as the stages gave it
            ("kind", _TEXT),
            ("start", _INT),
            ("end", _INT),
            ("text", _TEXT),
            ("speaker", _TEXT),
            ("date", _TEXT),
            ("data", _TEXT),  # JSON of the whole Statement record
        ]
    ),
    "entities": pa.schema(
        [
            ("article_id", _TEXT),
            ("position", _INT),
            ("name", _TEXT),
            ("kind", _TEXT),
            ("roles", _TEXT),  # JSON list
            ("mentions", _TEXT),  # JSON [[start, end, text], ...]
        ]
    ),
    "times": pa.schema(
        [
            ("article_id", _TEXT),
            ("position", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _TEXT),
            ("type", _TEXT),
            ("value", _TEXT),
            ("anchored", _INT),
        ]
    ),
    "failures": pa.schema([("source_path", _TEXT), ("stage", _TEXT), ("reason", _TEXT), ("item_id", _TEXT)]),
}
TABLES = tuple(SCHEMAS)


def _item_row(item: RawItem) -> dict:
    return {
        "id": item.id,
        "source_path": item.source_path,
        "media_type": item.media_type,
        "url": item.url,
        "hints": json.dumps(item.hints, ensure_ascii=False),
        "encoding": item.encoding,
        "content": item.content,
    }


def _row_item(row: dict) -> RawItem:
    return RawItem(
        id=row["id"],
        source_path=row["source_path"],
        media_type=row["media_type"],
        content=row["content"],
        url=row["url"],
        hints=json.loads(row["hints"]),
        encoding=row["encoding"],
    )


def part_rows(
    items: Sequence[RawItem], analyses: Sequence[Analysis], failures: Sequence[Failure]
) -> dict[str, list[dict]]:
    """The rows of every table for one part."""
    rows: dict[str, list[dict]] = {table: [] for table in TABLES}
    rows["items"] = [_item_row(item) for item in items]
    rows["failures"] = [
        {"source_path": f.source_path, "stage": f.stage, "reason": f.reason, "item_id": f.item_id}
        for f in failures
    ]
    for analysis in analyses:
        article_id = analysis.article.id
        article = article_row(analysis.article, "")
        del article["processed_at"]  # the store stamps the time it loads the row
        article["recognised"] = _recognised_json(analysis.recognised)
        rows["articles"].append(article)
        for position, statement in enumerate(analysis.statements):
            rows["statements"].append({**statement_row(statement), "position": position})
        for position, entity in enumerate(analysis.entities):
            rows["entities"].append({**entity_row(article_id, entity), "position": position})
        for position, time in enumerate(analysis.times):
            rows["times"].append({**time_row(article_id, time), "position": position})
    return rows


def _recognised_json(recognised: Recognised | None) -> str | None:
    return None if recognised is None else json.dumps(to_dict(recognised))


def _json_recognised(text: str | None) -> Recognised | None:
    if text is None:
        return None
    data = json.loads(text)
    return Recognised(
        lead=tuple(tuple(pair) for pair in data["lead"]), names=tuple(NameLabel(**n) for n in data["names"])
    )


def write_part(
    directory: Path,
    name: str,
    items: Sequence[RawItem],
    analyses: Sequence[Analysis],
    failures: Sequence[Failure],
) -> None:
    """Write one part to every table folder (a rewrite of the same part replaces it)."""
    for table, rows in part_rows(items, analyses, failures).items():
        folder = Path(directory, table)
        folder.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed, so a reader never sees half a file.
        final = folder / f"{name}.parquet"
        partial = folder / f".{name}.parquet.partial"
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), partial)
        partial.replace(final)


def part_names(directory: Path) -> list[str]:
    """The parts every table folder holds, in name order (the order they were written in)."""
    names = None
    for table in TABLES:
        folder = Path(directory, table)
        found = {path.stem for path in folder.glob("*.parquet")} if folder.is_dir() else set()
        names = found if names is None else names & found
    return sorted(names or ())


def is_output(directory: Path) -> bool:
    """Whether the directory looks like an output of `ingest --engine ray`."""
    return all(Path(directory, table).is_dir() for table in TABLES)


Part = tuple[list[RawItem], list[Analysis], list[Failure]]


def read_part(directory: Path, name: str) -> Part:
    """One part as records: its raw items, their analyses and its failures."""
    tables = {table: pq.read_table(Path(directory, table, f"{name}.parquet")).to_pylist() for table in TABLES}
    items = [_row_item(row) for row in tables["items"]]
    by_id = {item.id: item for item in items}
    derived: dict[str, dict[str, list]] = defaultdict(lambda: {"statements": [], "entities": [], "times": []})
    for table, decode in (("statements", row_statement), ("entities", row_entity), ("times", row_time)):
        for row in sorted(tables[table], key=lambda row: row["position"]):
            derived[row["article_id"]][table].append(decode(row))
    analyses = []
    for row in tables["articles"]:
        found = derived.get(row["id"], {"statements": [], "entities": [], "times": []})
        analyses.append(
            Analysis(
                item=by_id[row["id"]],
                article=row_article(row),
                statements=tuple(found["statements"]),
                entities=tuple(found["entities"]),
                times=tuple(found["times"]),
                recognised=_json_recognised(row.get("recognised")),
            )
        )
    failures = [Failure(**row) for row in tables["failures"]]
    return items, analyses, failures


def read_parts(directory: Path) -> Iterator[Part]:
    """Every part of an output directory, one at a time (memory holds one part)."""
    for name in part_names(directory):
        yield read_part(directory, name)
