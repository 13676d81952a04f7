"""Speed of story clustering over a long feed, and whether its cost grows with the store.

The feed: PolNeAR's 924 articles (through the article stage once), reused with
shifted dates and fresh ids until it holds N articles (100,000 by default): each
reuse is moved 400 days on, so events of one pass never meet the next one's, as in
a stream of several years; with ``--undated K`` every K-th article has no date (it
then looks for its event at any day). Articles are written to a fresh SQLite store
(or, with ``--postgresql``, a database on a PostgreSQL server started for the run by
tests/postgres.py) in batches of 64 and clustered by the stories stage in the same
transaction, as `wiretrace ingest` does. Printed: articles per second of the stories stage (spaCy NER on title
and lead, clustering, its store reads and writes) per block of 10,000 articles, the
first block beside the last, and the process's peak memory. Rates are per second of
the process's CPU time, so that other work on a shared machine does not move them.

Baseline, same run: Event Registry's single-pass clustering (nearest centroid among
all clusters, cosine >= 0.4) on hashed TF-IDF vectors, without an index, over the
first BASELINE articles: its cost per article grows with the number of clusters.

    .venv/bin/python benchmarks/stories.py [--articles 100000] [--undated 4] [--postgresql]
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import psycopg
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._stories import analyse, polnear_items  # noqa: E402
from tests.postgres import postgres_server  # noqa: E402
from wiretrace.records import Analysis, Found, content_id  # noqa: E402
from wiretrace.store import Batch, open_store  # noqa: E402
from wiretrace.stories import StoriesStage  # noqa: E402
from wiretrace.stories.tables import tables as story_tables  # noqa: E402

BATCH = 64
BLOCK = 10_000
SHIFT_DAYS = 400
BASELINE = 30_000  # articles the baseline clusters (its cost grows with every cluster)
BASELINE_THRESHOLD = 0.4
HASHED_FEATURES = 2**11


def feed(originals: list[Analysis], count: int, undated: int = 0):
    """`count` analyses: the originals again and again, each pass 400 days later, new ids;
    every `undated`-th one without a date."""
    for number in range(count):
        rounds, index = divmod(number, len(originals))
        analysis = originals[index]
        published = date.fromisoformat(analysis.article.value("published")[:10])
        day = (published + timedelta(days=SHIFT_DAYS * rounds)).isoformat()
        new_id = content_id(f"{rounds}:{analysis.item.id}")
        dated = not undated or number % undated
        article = replace(analysis.article, id=new_id, published=Found(day, "given") if dated else None)
        yield Analysis(item=replace(analysis.item, id=new_id), article=article)


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_wiretrace(originals: list[Analysis], count: int, where: str, undated: int) -> list[float]:
    """Clusters the feed into the store at `where`; returns the stage's articles per second
    for each block."""
    stage = StoriesStage()
    rates: list[float] = []
    spent, done = 0.0, 0
    with open_store(where) as store:
        batch: list[Analysis] = []
        for analysis in feed(originals, count, undated):
            batch.append(analysis)
            if len(batch) == BATCH or done + len(batch) == count:
                with store.transaction():
                    store.write(Batch(items=[a.item for a in batch], analyses=batch))
                    started = time.process_time()
                    stage.update(store, batch)
                    spent += time.process_time() - started
                done += len(batch)
                batch = []
                if done % BLOCK < BATCH or done == count:
                    block_size = done - BLOCK * len(rates)
                    if block_size >= BLOCK or done == count:
                        rates.append(block_size / spent)
                        print(
                            f"  {done:>7,} articles: {rates[-1]:6.1f} articles per CPU second in the last block, "
                            f"peak memory {peak_memory_mib():,.0f} MiB",
                            flush=True,
                        )
                        spent = 0.0
        print(f"  stories made (events and storylines): {story_tables(store).story_state().get('seq', '0')}")
    return rates


def run_baseline(originals: list[Analysis], count: int) -> list[tuple[int, float]]:
    """Single pass over all centroids (no index): articles per second per block."""
    texts = [f"{a.article.value('title') or ''}\n\n{a.article.body}" for a in originals]
    hasher = HashingVectorizer(n_features=HASHED_FEATURES, stop_words="english", alternate_sign=False)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(hasher.transform(texts))
    vectors = tfidf.transform(hasher.transform(texts)).toarray().astype(np.float32)
    sums = np.zeros((count, HASHED_FEATURES), dtype=np.float32)
    norms = np.zeros(count, dtype=np.float32)
    clusters, rates = 0, []
    started = time.process_time()
    for number in range(count):
        vector = vectors[number % len(originals)]
        best = -1
        if clusters:
            similarities = (sums[:clusters] @ vector) / np.maximum(norms[:clusters], 1e-9)
            candidate = int(np.argmax(similarities))
            if similarities[candidate] >= BASELINE_THRESHOLD:
                best = candidate
        if best < 0:
            best, clusters = clusters, clusters + 1
        sums[best] += vector
        norms[best] = np.linalg.norm(sums[best])
        if (number + 1) % BLOCK == 0:
            rates.append((number + 1, BLOCK / (time.process_time() - started)))
            print(
                f"  {number + 1:>7,} articles: {rates[-1][1]:8.1f} articles per CPU second, {clusters:,} clusters",
                flush=True,
            )
            started = time.process_time()
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/wiretrace-bench-stories.db"))
    parser.add_argument("--undated", type=int, default=0, help="Every K-th article without a date.")
    parser.add_argument("--postgresql", action="store_true", help="Into PostgreSQL instead of SQLite.")
    args = parser.parse_args()
    print(f"Story clustering speed ({platform.machine()}, Python {platform.python_version()}, 1 process)")
    originals = [a for a in analyse(polnear_items()) if a.article.value("published")]
    print(
        f"feed: {args.articles:,} articles from {len(originals)} PolNeAR articles, shifted {SHIFT_DAYS} days a pass\n"
    )
    print("baseline: single pass over all centroids, no index")
    base = run_baseline(originals, min(BASELINE, args.articles))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    backend = "PostgreSQL" if args.postgresql else "SQLite"
    print(f"\nwiretrace stories stage (into a {backend} store, batches of 64)")
    started = time.perf_counter()
    if args.postgresql:
        with postgres_server() as cluster:
            with psycopg.connect(cluster, autocommit=True) as admin:
                admin.execute("CREATE DATABASE bench_stories")
            rates = run_wiretrace(
                originals, args.articles, cluster.rsplit("/", 1)[0] + "/bench_stories", args.undated
            )
    else:
        rates = run_wiretrace(originals, args.articles, str(args.db), args.undated)
    total = time.perf_counter() - started
    print(
        f"\nwiretrace: first block {rates[0]:.1f} articles/s, last block {rates[-1]:.1f} articles/s "
        f"(last/first {rates[-1] / rates[0]:.2f}); {args.articles / total:.1f} articles/s overall "
        f"with the store writes; peak memory {peak_memory_mib():,.0f} MiB"
        + ("" if args.postgresql else f"; store {args.db.stat().st_size / 2**20:,.0f} MiB")
    )
    if base:
        print(
            f"baseline:  first block {base[0][1]:.1f} articles/s, block ending at {base[-1][0]:,} "
            f"{base[-1][1]:.1f} articles/s (last/first {base[-1][1] / base[0][1]:.2f})"
        )


if __name__ == "__main__":
    main()
