"""Scoring a clustering against a gold one: B-cubed and pairwise precision, recall, F1.

B-cubed (Bagga and Baldwin, 1998; Amigó et al., 2009): for each item, precision
is the share of its predicted cluster that shares its gold cluster, recall the
share of its gold cluster that shares its predicted cluster; both are averaged
over items. Pairwise: precision and recall over the pairs of items put together.
Only items present in both clusterings are scored.

Gold files are JSON Lines of ``{"id": ..., "cluster": ...}``; ``id`` may be an
article id, a URL, or a source file name, matched to stored articles here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from math import comb
from pathlib import Path

from wiretrace.errors import UsageError
from wiretrace.store import ArticleQuery, Store
from wiretrace.stories.tables import tables as story_tables

Clustering = Mapping[str, Hashable]  # item -> cluster
# Keys a gold line may name its article by, in order of preference.
GOLD_ID_KEYS = ("id", "url", "file")


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class StoryScores:
    """How a predicted clustering compares with a gold one."""

    bcubed: Scores
    pairwise: Scores
    items: int  # items scored (in both clusterings)
    gold_clusters: int
    predicted_clusters: int
    split: list[list[list[str]]] = field(default_factory=list)  # gold clusters spread over several
    merged: list[list[list[str]]] = field(default_factory=list)  # predicted clusters mixing gold ones


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _groups(clustering: Clustering, items: Iterable[str]) -> dict[Hashable, set[str]]:
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        groups[clustering[item]].add(item)
    return groups


def common_items(predicted: Clustering, gold: Clustering) -> list[str]:
    return sorted(set(predicted) & set(gold))


def bcubed(predicted: Clustering, gold: Clustering) -> Scores:
    items = common_items(predicted, gold)
    if not items:
        return Scores(0.0, 0.0, 0.0)
    by_predicted, by_gold = _groups(predicted, items), _groups(gold, items)
    precision = recall = 0.0
    for item in items:
        mine, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    precision, recall = precision / len(items), recall / len(items)
    return Scores(precision, recall, _f1(precision, recall))


def pairwise(predicted: Clustering, gold: Clustering) -> Scores:
    """Pair counting through the contingency table (no loop over pairs)."""
    items = common_items(predicted, gold)
    cells: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for item in items:
        cells[predicted[item], gold[item]] += 1
    together = sum(comb(n, 2) for n in cells.values())
    predicted_pairs = sum(comb(len(g), 2) for g in _groups(predicted, items).values())
    gold_pairs = sum(comb(len(g), 2) for g in _groups(gold, items).values())
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, _f1(precision, recall))


def split_and_merged(predicted: Clustering, gold: Clustering) -> tuple[list, list]:
    """Gold clusters spread over several predicted ones, and predicted clusters mixing
    several gold ones; each as lists of item groups (by the other clustering)."""
    items = common_items(predicted, gold)
    split = []
    for members in _groups(gold, items).values():
        parts = _groups(predicted, members)
        if len(parts) > 1:
            split.append(sorted(sorted(part) for part in parts.values()))
    merged = []
    for members in _groups(predicted, items).values():
        parts = _groups(gold, members)
        if len(parts) > 1:
            merged.append(sorted(sorted(part) for part in parts.values()))
    return split, merged


def score(predicted: Clustering, gold: Clustering) -> StoryScores:
    items = common_items(predicted, gold)
    split, merged = split_and_merged(predicted, gold)
    return StoryScores(
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        items=len(items),
        gold_clusters=len({gold[item] for item in items}),
        predicted_clusters=len({predicted[item] for item in items}),
        split=split,
        merged=merged,
    )


def read_gold(path: Path) -> list[tuple[str, str]]:
    """(id, cluster) pairs from a JSON Lines file; a malformed line is named in the error."""
    rows = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise UsageError(f"cannot read gold file {path}: {error.strerror or error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            name = next(row[key] for key in GOLD_ID_KEYS if row.get(key))
            rows.append((str(name), str(row["cluster"])))
        except (json.JSONDecodeError, KeyError, TypeError, StopIteration, AttributeError):
            raise UsageError(
                f'{path}:{number}: expected a JSON object with "id" (or "url") and "cluster"'
            ) from None
    return rows


def article_keys(store: Store) -> dict[str, str]:
    """Every way a gold file may name a stored article -> its id: id, URL, source file name."""
    keys: dict[str, str] = {}
    for article in store.articles(ArticleQuery()):
        names = [article.id, article.source_path, article.source_path.rsplit("/", 1)[-1]]
        if article.url:
            names.append(article.url)
        for name in names:
            keys.setdefault(name, article.id)
    return keys


def match_gold(store: Store, rows: Iterable[tuple[str, str]]) -> tuple[dict[str, str], list[str]]:
    """Gold clusters keyed by article id, and the gold ids that match no stored article."""
    keys = article_keys(store)
    matched: dict[str, str] = {}
    missing: list[str] = []
    for name, cluster in rows:
        article_id = keys.get(name)
        if article_id is None and "://" not in name:
            article_id = keys.get(name.rsplit("/", 1)[-1])
        if article_id is None:
            missing.append(name)
        else:
            matched[article_id] = cluster
    return matched, missing


def predicted_events(store: Store) -> dict[str, str]:
    """Each clustered article's event."""
    return story_tables(store).story_assignments("event")


def predicted_storylines(store: Store) -> dict[str, str]:
    """Each clustered article's storyline."""
    return story_tables(store).story_assignments("storyline")
