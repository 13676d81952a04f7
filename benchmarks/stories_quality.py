"""Story clustering quality on BASIL, beside an Event-Registry-style baseline.

BASIL: 300 articles from The New York Times, Fox News and HuffPost, 100 stories
each covered once by all three. The articles are ingested into a fresh store in
date order (ties shuffled with a fixed seed) in batches of 64, as a live feed
would bring them, and clustered by wiretrace's stories stage. The baseline is a
TF-IDF single-pass clustering as Event Registry published it: an article joins
the nearest cluster centroid at cosine >= 0.4, else opens a new cluster.

The same articles are then clustered with no dates (``articles-undated.jsonl``,
analysed as such, in the dated feed's order: pages arrive as they are published
even when they do not say when) and with each half of the dates removed, and in
other arrival orders. Then the neighbouring values of each parameter. No
threshold here was fitted to BASIL: see docs/evaluation.md for how each was chosen.

    .venv/bin/python benchmarks/stories_quality.py [--quick]
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._stories import BASIL, UNDATED_VARIANTS, analyse, arrival, basil_analyses, cluster, overridden  # noqa: E402
from wiretrace.eval.stories import StoryScores, match_gold, read_gold, score  # noqa: E402
from wiretrace.ingest.readers import read_path  # noqa: E402
from wiretrace.records import Analysis, RawItem  # noqa: E402
from wiretrace.stories import StoriesStage  # noqa: E402
from wiretrace.stories.model import EVENT_THRESHOLD  # noqa: E402
from wiretrace.stories.tables import tables as story_tables  # noqa: E402

BASELINE_THRESHOLD = 0.4  # Event Registry's published value
BASELINE_SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# The event threshold at PolNeAR's 90th, 95th (chosen) and 99th percentiles of the
# different-event null (benchmarks/stories_calibrate.py), and a step either side.
THRESHOLDS = (0.15, 0.17, 0.19, EVENT_THRESHOLD, 0.23, 0.25, 0.29)
NEIGHBOURS: list[tuple[str, dict]] = [
    ("no actor gate", {"ACTOR_GATE": False}),
    ("half-life 2 days", {"HALF_LIFE_DAYS": 2.0}),
    ("half-life 5 days", {"HALF_LIFE_DAYS": 5.0}),
    ("window 5 days", {"EVENT_WINDOW": 5}),
    ("window 10 days", {"EVENT_WINDOW": 10}),
    ("prior 0 articles", {"PRIOR_DOCUMENTS": 0}),
    ("prior 300 articles", {"PRIOR_DOCUMENTS": 300}),
    ("prior 3,000 articles", {"PRIOR_DOCUMENTS": 3000}),
    ("fields 1/1/1", {"WEIGHT_TITLE": 1.0, "WEIGHT_LEAD": 1.0}),
    ("fields 4/2/1", {"WEIGHT_TITLE": 4.0}),
    ("entity weight 1", {"WEIGHT_ENTITY": 1.0}),
    ("entity weight 0 (no entities)", {"WEIGHT_ENTITY": 0.0}),
    ("lead 30 words", {"LEAD_WORDS": 30}),
    ("lead 100 words", {"LEAD_WORDS": 100}),
]
# The undated rules' neighbouring values (shared with the calibration), and the merge rule.
UNDATED_NEIGHBOURS = [
    *UNDATED_VARIANTS,
    ("undated merges without quotes", {"UNDATED_MERGE_NEEDS_QUOTES": False}),
]


def basil_undated(dated: Sequence[Analysis]) -> list[Analysis]:
    """BASIL's undated file, analysed as such, in the order of the dated feed (by url)."""
    items = [entry for entry in read_path(BASIL / "articles-undated.jsonl") if isinstance(entry, RawItem)]
    found = {analysis.article.url: analysis for analysis in analyse(items)}
    return [found[analysis.article.url] for analysis in dated if analysis.article.url in found]


def half_undated(dated: Sequence[Analysis], undated: Sequence[Analysis], half: int) -> list[Analysis]:
    """The dated feed with one half of its articles (a seeded draw by url) taken from the
    undated analyses, the other half keeping their dates."""
    urls = sorted(analysis.article.url or "" for analysis in dated)
    random.Random(0).shuffle(urls)
    removed = set(urls[: len(urls) // 2] if half == 0 else urls[len(urls) // 2 :])
    undated_by_url = {analysis.article.url: analysis for analysis in undated}
    return [undated_by_url.get(a.article.url, a) if a.article.url in removed else a for a in dated]


def gold_by_url(analyses: Sequence[Analysis]) -> dict[str, str]:
    """BASIL's gold (keyed by url) for these analyses' article ids."""
    clusters = dict(read_gold(BASIL / "gold.jsonl"))
    return {a.article.id: clusters[a.article.url] for a in analyses if a.article.url in clusters}


def gold_by_article(analyses: Sequence[Analysis]) -> dict[str, str]:
    """BASIL's gold (keyed by url) matched to article ids, as `wiretrace eval stories` does."""
    store = cluster(analyses, StoriesStage(), batch=len(analyses))
    matched, missing = match_gold(store, read_gold(BASIL / "gold.jsonl"))
    store.close()
    if missing:
        print(f"  ({len(missing)} gold ids matched no article)")
    return matched


def wiretrace_events(analyses: Sequence[Analysis], stage: StoriesStage | None = None) -> dict[str, str]:
    store = cluster(analyses, stage)
    events = story_tables(store).story_assignments("event")
    store.close()
    return events


def baseline_events(analyses: Sequence[Analysis], threshold: float) -> dict[str, str]:
    """Single-pass TF-IDF clustering: join the nearest centroid at cosine >= threshold."""
    texts = [f"{a.article.value('title') or ''}\n\n{a.article.body}" for a in analyses]
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    sums = np.zeros_like(vectors)  # one row per cluster: the sum of its members' vectors
    clusters = 0
    assigned: dict[str, str] = {}
    for row, analysis in enumerate(analyses):
        vector = vectors[row]
        best = -1
        if clusters:
            norms = np.linalg.norm(sums[:clusters], axis=1)
            similarities = (sums[:clusters] @ vector) / np.where(norms > 0, norms, 1.0)
            candidate = int(np.argmax(similarities))
            if similarities[candidate] >= threshold:
                best = candidate
        if best < 0:
            best, clusters = clusters, clusters + 1
        sums[best] += vector
        assigned[analysis.article.id] = str(best)
    return assigned


def titles_of(analyses: Sequence[Analysis]) -> dict[str, str]:
    return {
        a.article.id: f"{a.article.value('outlet') or '?'}: {a.article.value('title') or ''}"
        for a in analyses
    }


def line(name: str, scores: StoryScores) -> str:
    b, p = scores.bcubed, scores.pairwise
    return (
        f"  {name:<34} B3 P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f}   pairwise F1 {p.f1:.3f}"
        f"   stories {scores.predicted_clusters:>3}  split {len(scores.split):>2}  merged {len(scores.merged):>2}"
    )


def examples(scores: StoryScores, titles: dict[str, str], limit: int = 3) -> None:
    for kind, groups in (("split", scores.split), ("merged", scores.merged)):
        for parts in groups[:limit]:
            shown = " | ".join("; ".join(titles[item][:38] for item in part) for part in parts)
            print(f"    {kind}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Main comparison only, no neighbours.")
    args = parser.parse_args()
    print(f"Story clustering on BASIL ({platform.machine()}, Python {platform.python_version()})")
    started = time.perf_counter()
    analyses = basil_analyses()
    gold = gold_by_article(analyses)
    feed = arrival(analyses, "date")
    titles = titles_of(analyses)
    print(f"{len(analyses)} articles, {len(set(gold.values()))} gold stories, in date order, batches of 64\n")

    ours = score(wiretrace_events(feed), gold)
    base = score(baseline_events(feed, BASELINE_THRESHOLD), gold)
    print(line(f"wiretrace (event threshold {EVENT_THRESHOLD})", ours))
    examples(ours, titles)
    print(line(f"baseline TF-IDF single pass ({BASELINE_THRESHOLD})", base))
    examples(base, titles)
    sweep = {t: score(baseline_events(feed, t), gold) for t in BASELINE_SWEEP}
    best = max(sweep, key=lambda t: sweep[t].bcubed.f1)
    print(line(f"baseline at its best threshold ({best})", sweep[best]))

    print("\nDates missing (the baseline reads no dates: its figure above holds for each):")
    undated = basil_undated(feed)
    for name, variant in (
        ("no dates", undated),
        ("first half of the dates removed", half_undated(feed, undated, 0)),
        ("second half of the dates removed", half_undated(feed, undated, 1)),
    ):
        result = score(wiretrace_events(variant), gold_by_url(variant))
        print(line(name, result))
        examples(result, titles_of(variant))
    print("\nArrival orders, dated and with no dates:")
    undated_by_url = {analysis.article.url: analysis for analysis in undated}
    for name, dated_feed in (
        ("random order, seed 0", arrival(analyses, "random", 0)),
        ("random order, seed 1", arrival(analyses, "random", 1)),
        ("latest first", feed[::-1]),
    ):
        undated_feed = [undated_by_url[a.article.url] for a in dated_feed if a.article.url in undated_by_url]
        print(line(name, score(wiretrace_events(dated_feed), gold)))
        print(line("  the same, no dates", score(wiretrace_events(undated_feed), gold_by_url(undated_feed))))
    if args.quick:
        print(f"\n{time.perf_counter() - started:.0f} s")
        return

    print("\nBaseline thresholds (chosen with the answers in hand, for reference):")
    for threshold, result in sweep.items():
        print(line(f"baseline {threshold}", result))
    print("\nwiretrace event threshold (PolNeAR null: 90th percentile 0.173, 95th 0.211, 99th 0.286):")
    for threshold in THRESHOLDS:
        result = score(wiretrace_events(feed, StoriesStage(event_threshold=threshold)), gold)
        print(line(f"threshold {threshold}", result))
    print("\nwiretrace, one parameter at a neighbouring value (event threshold as chosen):")
    for name, values in NEIGHBOURS:
        with overridden(**values):
            print(line(name, score(wiretrace_events(feed), gold)))
    print(line("no split/merge repair pass", score(wiretrace_events(feed, StoriesStage(repair=False)), gold)))
    print("\nwiretrace with no dates, one parameter at a neighbouring value:")
    for name, values in UNDATED_NEIGHBOURS:
        with overridden(**values):
            print(line(name, score(wiretrace_events(undated), gold_by_url(undated))))
    print("\nOther arrival orders:")
    for order, seed in (("date", 1), ("date", 2), ("file", 0)):
        print(
            line(f"{order} order, seed {seed}", score(wiretrace_events(arrival(analyses, order, seed)), gold))
        )
    print(line("date order, one article per batch", score(_one_by_one(feed), gold)))
    print(f"\n{time.perf_counter() - started:.0f} s")


def _one_by_one(feed: Sequence[Analysis]) -> dict[str, str]:
    store = cluster(feed, batch=1)
    events = story_tables(store).story_assignments("event")
    store.close()
    return events


if __name__ == "__main__":
    main()
