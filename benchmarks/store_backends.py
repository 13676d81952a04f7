"""The store on SQLite and on PostgreSQL, same articles, same machine, same run.

Synthetic articles (60 words drawn from a small vocabulary, so some words are in
every article, plus one word found in a single article) go through the article
stage once; the analyses are then written to each backend in batches of 500, as
`wiretrace ingest` writes them, and read back through the Store interface:

- write: articles per second, batches of 500 in one transaction each;
- search: `search_articles` for a first page of 20, a word in one article (rare)
  and a word in every article (common), median of REPEATS;
- count: `count_articles(text=common, at_most=10,000)` as the web pages ask, median;
- list: `articles(limit=20)`, the home page's query, median.

SQLite is the baseline. PostgreSQL runs on this machine (a temporary cluster on
loopback, fsync off as in the tests, started by tests/postgres.py), so the
figures are the engine's cost plus a loopback round trip per query, not a network's.

    .venv/bin/python benchmarks/store_backends.py [--articles 20000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from tests.postgres import postgres_server  # noqa: E402
from wiretrace.pipeline import Pipeline  # noqa: E402
from wiretrace.records import Analysis, RawItem, content_id  # noqa: E402
from wiretrace.store import ArticleQuery, Batch, Store, open_store  # noqa: E402

WORDS = (
    "harbour bridge council minister budget storm ferry vote court river school market police union".split()
)
BATCH = 500


def analyses(count: int) -> list[Analysis]:
    chance = random.Random(1)
    items = []
    for n in range(count):
        body = " ".join(chance.choice(WORDS) for _ in range(60))
        text = (
            f"Report {n} {chance.choice(WORDS)}\n\nThe {body} on day {n}, officials said. Marker{n} word.\n"
        )
        items.append(RawItem(content_id(text), f"{n}.txt", "text/plain", text))
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "scratch.db")) as scratch:
        done, failures = Pipeline(scratch).analyse(items)
    assert not failures and len(done) == count
    return done


def median_ms(call: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(store: Store, done: list[Analysis], repeats: int) -> dict[str, float]:
    start = time.perf_counter()
    for first in range(0, len(done), BATCH):
        chunk = done[first : first + BATCH]
        store.write(Batch(items=[a.item for a in chunk], analyses=chunk))
    rate = len(done) / (time.perf_counter() - start)
    rare = f"marker{len(done) // 2}"
    assert len(store.search_articles(ArticleQuery(text=rare, limit=20))) == 1
    assert len(store.search_articles(ArticleQuery(text="harbour", limit=20))) == 20
    return {
        "write (articles/s)": rate,
        "search, rare word (ms)": median_ms(
            lambda: store.search_articles(ArticleQuery(text=rare, limit=20)), repeats
        ),
        "search, common word (ms)": median_ms(
            lambda: store.search_articles(ArticleQuery(text="harbour", limit=20)), repeats
        ),
        "count, common word (ms)": median_ms(
            lambda: store.count_articles(ArticleQuery(text="harbour"), at_most=10_000), repeats
        ),
        "list, first page (ms)": median_ms(lambda: store.articles(ArticleQuery(limit=20)), repeats),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    done = analyses(args.articles)
    results = {}
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "bench.db")) as sqlite:
        results["SQLite"] = measure(sqlite, done, args.repeats)
    with postgres_server() as cluster:
        with psycopg.connect(cluster, autocommit=True) as admin:
            admin.execute("CREATE DATABASE bench")
        with open_store(cluster.rsplit("/", 1)[0] + "/bench") as postgresql:
            results["PostgreSQL"] = measure(postgresql, done, args.repeats)
    print(f"{args.articles:,} articles, median of {args.repeats} for each query")
    print(f"{'':28} {'SQLite':>10} {'PostgreSQL':>11} {'PG/SQLite':>10}")
    for name in results["SQLite"]:
        base, other = results["SQLite"][name], results["PostgreSQL"][name]
        print(f"{name:28} {base:10.1f} {other:11.1f} {other / base:10.2f}")


if __name__ == "__main__":
    main()
