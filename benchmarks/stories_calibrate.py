"""Where the event threshold comes from: the scores of *different* events, on PolNeAR.

PolNeAR is 924 articles of 2016 US election coverage from seven outlets, about
three a day over eleven months: a dense stream on one topic, with the same
people in every article, i.e. hard look-alikes. It has no gold clustering, but
two of its articles published 30 to 37 days apart are reports of different events
(the same storyline perhaps, never the same happening). Shifting one of them by
30 days puts it at a gap of 0-7 days, as if it were in the same event window, at
the density of a real week of this stream.

For each article this prints the best score it reaches with such shifted articles,
using wiretrace's own features and scores (entity gate and time decay included,
IDF over PolNeAR with the word-frequency prior), as percentiles. The event
threshold is the 95th percentile: at most one article in twenty would find a
different event scoring above it in a window as crowded as this one.

Then the same with no dates on either side and no shift: each article against every
article a month or more away, i.e. what an undated page faces in a store of this
stream, scored by the undated rules (shared quotes, or the undated factor and a
shared protagonist), with the share of articles that would join a different event.

    .venv/bin/python benchmarks/stories_calibrate.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._stories import UNDATED_VARIANTS, analyse, overridden, polnear_items  # noqa: E402
from wiretrace.stories import (
    features,  # noqa: E402
    model,  # noqa: E402
)

SHIFT = 30  # days: far enough apart to be different events
PERCENTILES = (50, 90, 95, 99)
VARIANTS: list[tuple[str, dict]] = [
    ("as configured", {}),
    ("half-life 2 days", {"HALF_LIFE_DAYS": 2.0}),
    ("half-life 5 days", {"HALF_LIFE_DAYS": 5.0}),
    ("prior 0 articles", {"PRIOR_DOCUMENTS": 0}),
    ("prior 300 articles", {"PRIOR_DOCUMENTS": 300}),
    ("prior 3,000 articles", {"PRIOR_DOCUMENTS": 3000}),
]


def corpus_idf(found: list[features.ArticleFeatures]) -> model.Idf:
    """IDF over these articles with the word-frequency prior, as the stage computes it."""
    df: Counter[str] = Counter()
    priors: dict[str, float] = {}
    for item in found:
        df.update(item.terms.keys())
        priors.update(item.priors)

    def idf(term: str) -> float:
        return model.idf_value(len(found), df[term], priors.get(term, 0.0))

    return idf


def null_scores(found: list[features.ArticleFeatures]) -> np.ndarray:
    """Each article's best score against articles SHIFT to SHIFT+window days away, shifted in."""
    idf, docs = corpus_idf(found), len(found)
    days = [model.ordinal(item.day) for item in found]
    views = [model.view(item.terms, idf, day, True) for item, day in zip(found, days, strict=True)]
    best = np.zeros(docs)
    for i in range(docs):
        for j in range(docs):
            gap = abs((days[i] or 0) - (days[j] or 0))
            if SHIFT <= gap <= SHIFT + model.EVENT_WINDOW:
                shifted = replace(views[j], day=(views[i].day or 0) + gap - SHIFT)
                best[i] = max(best[i], model.event_score(views[i], shifted))
    return best


def undated_null(found: list[features.ArticleFeatures]) -> np.ndarray:
    """Each article's best score against articles at least SHIFT days away (different
    events at any distance) with both sides' dates hidden: what an undated article faces
    in a store of this stream."""
    idf = corpus_idf(found)
    days = [model.ordinal(item.day) or 0 for item in found]
    views = [model.view(item.terms, idf, None, False, item.quotes) for item in found]
    best = np.zeros(len(found))
    for i, mine in enumerate(views):
        for j, theirs in enumerate(views):
            if abs(days[i] - days[j]) >= SHIFT:
                best[i] = max(best[i], model.event_score(mine, theirs))
    return best


def main() -> None:
    started = time.perf_counter()
    analyses = [a for a in analyse(polnear_items()) if a.article.value("published")]
    found = features.extract(analyses)
    print(f"PolNeAR: {len(found)} dated articles; best score with a different event in a shifted window\n")
    print(f"  {'variant':<24}" + "".join(f"{f'p{p}':>8}" for p in PERCENTILES))
    for name, values in VARIANTS:
        with overridden(**values):
            recomputed = features.extract(analyses) if values.keys() & vars(features).keys() else found
            scores = np.percentile(null_scores(recomputed), PERCENTILES)
        print(f"  {name:<24}" + "".join(f"{value:8.3f}" for value in scores))
    print(f"\nconfigured EVENT_THRESHOLD = {model.EVENT_THRESHOLD}")
    print("\nNo dates: best score with a different event at any distance, and the share of")
    print(f"articles that reach the event threshold ({model.EVENT_THRESHOLD}) with one:\n")
    print(f"  {'variant':<24}" + "".join(f"{f'p{p}':>8}" for p in PERCENTILES) + "   reach")
    for name, values in UNDATED_VARIANTS:
        with overridden(**values):
            recomputed = features.extract(analyses) if values.keys() & vars(features).keys() else found
            best = undated_null(recomputed)
        scores = np.percentile(best, PERCENTILES)
        reach = float((best >= model.EVENT_THRESHOLD).mean())
        print(f"  {name:<24}" + "".join(f"{value:8.3f}" for value in scores) + f"   {reach:5.1%}")
    print(f"\nconfigured QUOTE_EVIDENCE = {model.QUOTE_EVIDENCE}   ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
