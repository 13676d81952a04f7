"""Helpers shared by the stories benchmarks: evaluation data as analyses, clustering
into a fresh store, and parameter overrides for the neighbouring-value tables."""

from __future__ import annotations

import csv
import os
import random
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from wiretrace.ingest.readers import read_path
from wiretrace.pipeline import Pipeline
from wiretrace.records import Analysis, RawItem, content_id
from wiretrace.store import Batch
from wiretrace.store.sqlite import SQLiteStore
from wiretrace.stories import StoriesStage
from wiretrace.stories import features as features_module
from wiretrace.stories import model as model_module

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIRETRACE_SHARED", ROOT.parent / "shared"))
BASIL = SHARED / "eval" / "basil"
POLNEAR = SHARED / "eval" / "polnear"
BATCH = 64
# The undated rules at neighbouring values: the calibration on PolNeAR and BASIL's table.
UNDATED_VARIANTS: list[tuple[str, dict]] = [
    ("as configured", {}),
    ("undated factor 0.4", {"UNDATED_FACTOR": 0.4}),
    ("undated factor 0.6", {"UNDATED_FACTOR": 0.6}),
    ("quote evidence 1 run", {"QUOTE_EVIDENCE": 1}),
    ("quote evidence 3 runs", {"QUOTE_EVIDENCE": 3}),
    ("no quote evidence", {"QUOTE_EVIDENCE": 10**6}),
    ("quoted runs of 4 words", {"QUOTE_WORDS": 4}),
    ("quoted runs of 6 words", {"QUOTE_WORDS": 6}),
]


def analyse(items: Sequence[RawItem]) -> list[Analysis]:
    """The article stage over items (no store involved)."""
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "scratch.db") as store:
        analyses, failures = Pipeline(store).analyse(list(items))
    if failures:
        print(f"  ({len(failures)} items failed the article stage: {failures[0].reason})")
    return analyses


def basil_analyses() -> list[Analysis]:
    items = [entry for entry in read_path(BASIL / "articles.jsonl") if isinstance(entry, RawItem)]
    return analyse(items)


def polnear_items() -> list[RawItem]:
    """PolNeAR's articles (train and dev) with their metadata as container hints."""
    items = []
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            path = POLNEAR / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.exists():
                continue
            text = path.read_text("utf-8")
            hints = {"title": row["title"], "published": row["publication_date"], "outlet": row["publisher"]}
            items.append(RawItem(content_id(text), str(path), "text/plain", text, hints=hints))
    return items


def arrival(analyses: Sequence[Analysis], order: str, seed: int = 0) -> list[Analysis]:
    """Articles in an arrival order: by date (ties shuffled), as in the file, or shuffled."""
    ordered = list(analyses)
    if order == "file":
        return ordered
    random.Random(seed).shuffle(ordered)
    if order == "date":
        ordered.sort(key=lambda analysis: analysis.article.value("published") or "")
    return ordered


def cluster(
    analyses: Sequence[Analysis], stage: StoriesStage | None = None, batch: int = BATCH
) -> SQLiteStore:
    """A fresh store (in a temporary folder) with the articles written and clustered, batch by batch."""
    stage = stage or StoriesStage()
    folder = tempfile.mkdtemp(prefix="wiretrace-bench-")
    store = SQLiteStore(Path(folder) / "bench.db")
    for start in range(0, len(analyses), batch):
        chunk = list(analyses[start : start + batch])
        with store.transaction():
            store.write(Batch(items=[a.item for a in chunk], analyses=chunk))
            stage.update(store, chunk)
    return store


@contextmanager
def overridden(**values: object) -> Iterator[None]:
    """Set clustering constants (features or model) for the neighbouring-value tables."""
    saved = {}
    for name, value in values.items():
        module = features_module if hasattr(features_module, name) else model_module
        saved[name] = (module, getattr(module, name))
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, (module, value) in saved.items():
            setattr(module, name, value)
