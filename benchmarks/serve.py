"""Latency and throughput of `wiretrace serve` on a large store, under a load generator on loopback.

The store: PolNeAR's 924 articles through every per-article stage once (article,
statements, dates), then reused with fresh ids and dates moved 400 days on per pass
until it holds N articles (200,000 by default), written in batches as `wiretrace
ingest` writes them. The stories stage clusters the first CLUSTERED articles only
(it runs at about 60 articles per CPU second, so clustering 200,000 would take an
hour; a story page's cost depends on the story's size, not on the store's). The
store is kept under benchmarks/.cache and reused by later runs (`--rebuild` to redo).

The server: `wiretrace serve` in its own process (uvicorn, one process unless `--processes N`), exactly as a
user starts it. The load generator: asyncio + httpx on 127.0.0.1, first one
client at a time (latency as one user sees it), then CONCURRENCY clients at once
(queueing included: the server is one process on a shared 2-core machine); each
request timed from send to last byte. Pages measured: search
(articles, query words drawn from the store's own vocabulary at three frequencies:
rare, middling and common words), search of statements, article, speaker and story.

Baselines, same run: the server's floor (a static file through the same server, so
the load generator, HTTP and uvicorn cost) and the store's floor (the same article
searches run directly against SQLite in this process, without the web layer).

    .venv/bin/python benchmarks/serve.py [--articles 200000] [--requests 200] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._stories import polnear_items  # noqa: E402
from wiretrace.people import PeopleStage  # noqa: E402
from wiretrace.people.tables import tables as people_tables  # noqa: E402
from wiretrace.pipeline import Pipeline, default_stages  # noqa: E402
from wiretrace.records import Analysis, Found, content_id  # noqa: E402
from wiretrace.store import (  # noqa: E402
    ArticleQuery,
    Batch,
    StatementQuery,  # noqa: E402
)
from wiretrace.store.base import COUNT_LIMIT  # noqa: E402
from wiretrace.store.sqlite import SQLiteStore  # noqa: E402
from wiretrace.stories import StoriesStage  # noqa: E402
from wiretrace.stories.tables import tables as story_tables  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"
SHIFT_DAYS = 400
WRITE_BATCH = 500
STORY_BATCH = 64
WORD = re.compile(r"[A-Za-z]{4,}")


# --- the store -------------------------------------------------------------------------


def analysed_originals() -> list[Analysis]:
    """PolNeAR through every per-article stage, in this process."""
    analysis_stages, _ = default_stages()
    with SQLiteStore(CACHE / "scratch.db") as scratch:
        analyses, failures = Pipeline(scratch, stages=analysis_stages).analyse(polnear_items())
    (CACHE / "scratch.db").unlink(missing_ok=True)
    if failures:
        print(f"  ({len(failures)} PolNeAR items failed: {failures[0].reason})")
    return analyses


def reuse(analysis: Analysis, rounds: int) -> Analysis:
    """The analysis as a new article: a fresh id, dates moved on by `rounds` passes."""
    if rounds == 0:
        return analysis
    new_id = content_id(f"{rounds}:{analysis.item.id}")
    published = analysis.article.value("published")
    article = replace(analysis.article, id=new_id)
    if published:
        day = date.fromisoformat(published[:10]) + timedelta(days=SHIFT_DAYS * rounds)
        article = replace(article, published=Found(day.isoformat(), "given"))
    statements = tuple(
        replace(s, id=content_id(f"{rounds}:{s.id}"), article_id=new_id, date=None, date_source=None)
        for s in analysis.statements
    )
    return replace(analysis, item=replace(analysis.item, id=new_id), article=article, statements=statements)


def build_store(path: Path, count: int, clustered: int) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    originals = analysed_originals()
    print(f"  article, statements and dates stages over {len(originals)} PolNeAR articles: "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    stories = StoriesStage()
    with SQLiteStore(path) as store:
        batch: list[Analysis] = []
        for number in range(count):
            rounds, index = divmod(number, len(originals))
            batch.append(reuse(originals[index], rounds))
            if len(batch) == WRITE_BATCH or number == count - 1:
                with store.transaction():
                    store.write(Batch(items=[a.item for a in batch], analyses=batch))
                    for start in range(0, len(batch), STORY_BATCH):
                        chunk = batch[start : start + STORY_BATCH]
                        first = number + 1 - len(batch) + start
                        if first < clustered:
                            stories.update(store, chunk[: clustered - first])
                batch = []
                if (number + 1) % 20_000 == 0:
                    print(f"  {number + 1:,} articles stored ({time.perf_counter() - started:.0f} s)")
    print(f"  store built in {time.perf_counter() - started:.0f} s: {path.stat().st_size / 2**20:,.0f} MiB")


def link_people(path: Path, count: int) -> None:
    """The people stage over the `count` newest stored articles, read back from the store
    (as with stories, linking all 200,000 would take longer than the measurement needs)."""
    started = time.perf_counter()
    stage = PeopleStage()
    with SQLiteStore(path) as store:
        if people_tables(store).count_people():
            return
        articles = store.articles(ArticleQuery(limit=count))
        for start in range(0, min(count, len(articles)), STORY_BATCH):
            chunk = [
                Analysis(
                    item=store.item(article.id),
                    article=article,
                    statements=tuple(store.statements(StatementQuery(article_id=article.id))),
                    entities=tuple(store.entities(article.id)),
                )
                for article in articles[start : min(start + STORY_BATCH, count)]
            ]
            with store.transaction():
                stage.update(store, chunk)
        print(
            f"  people linked over {min(count, len(articles)):,} articles: {time.perf_counter() - started:.0f} s"
        )


# --- what to ask for -------------------------------------------------------------------


def sample_paths(path: Path, requests: int, seed: int) -> dict[str, list[str]]:
    """For each page kind, `requests` paths drawn from what the store holds."""
    rng = random.Random(seed)
    with SQLiteStore(path, readonly=True) as store:
        articles = store.articles(ArticleQuery(limit=5_000))
        stories = [s.id for s in story_tables(store).stories()][:2_000]
    # sorted: a set's order follows string hashing, which would reorder ties between runs
    words = Counter(w.lower() for a in articles[:924] for w in sorted(set(WORD.findall(a.body))))
    ranked = [w for w, _ in words.most_common()]
    bands = {
        "common": ranked[:50],
        "middling": ranked[len(ranked) // 20 : len(ranked) // 20 + 200],
        "rare": ranked[len(ranked) // 2 : len(ranked) // 2 + 500],
    }
    with SQLiteStore(path, readonly=True) as store:
        speakers = [profile.person.name for profile in people_tables(store).people(limit=200)]

    def draw(items: list[str], template: str) -> list[str]:
        return [template.format(httpx.QueryParams({"q": rng.choice(items)})) for _ in range(requests)]

    paths = {f"search, {band} word": draw(words, "/search?{}") for band, words in bands.items()}
    paths["search statements"] = [
        f"/search?what=statements&{httpx.QueryParams({'q': rng.choice(bands['middling'])})}"
        for _ in range(requests)
    ]
    paths["article page"] = [f"/articles/{rng.choice(articles).id}" for _ in range(requests)]
    paths["speaker page"] = [f"/speakers/{quote(rng.choice(speakers), safe='')}" for _ in range(requests)]
    paths["story page"] = [f"/stories/{rng.choice(stories)}" for _ in range(requests)] if stories else []
    paths["home page"] = ["/"] * requests
    paths["floor: static file"] = ["/static/style.css"] * requests
    paths["_bands"] = [" ".join(words[:3]) for words in bands.values()]
    return paths


# --- the server and the load -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(path: Path, port: int, processes: int = 1) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            *(str(ROOT / ".venv" / "bin" / "wiretrace"), "serve", "--db", str(path)),
            *("--port", str(port), "--workers", str(processes)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode()[-2000:]}")


async def load(base: str, paths: list[str], concurrency: int) -> tuple[list[float], float, int]:
    """Latencies (seconds) of every request, the wall time of the whole run, and the errors."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    latencies: list[float] = []
    errors = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            path = queue.get_nowait()
            started = time.perf_counter()
            response = await http.get(path)
            await response.aread()
            latencies.append(time.perf_counter() - started)
            errors += response.status_code >= 400

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        await http.get(paths[0])  # warm the connection and the server's caches for this page
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
    return latencies, time.perf_counter() - started, errors


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def direct_search(path: Path, paths: list[str]) -> list[float]:
    """The store's floor: the article searches of the search page, straight on SQLite."""
    latencies = []
    with SQLiteStore(path, readonly=True) as store:
        for request in paths:
            text = httpx.URL(request).params["q"]
            query = ArticleQuery(text=text, limit=20)
            started = time.perf_counter()
            store.search_articles(query)
            store.count_articles(query, at_most=COUNT_LIMIT)  # as the search page counts
            latencies.append(time.perf_counter() - started)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--clustered", type=int, default=5_000, help="articles the stories stage clusters")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--processes", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build-only", action="store_true", help="build the store and stop")
    args = parser.parse_args()

    path = CACHE / f"serve-{args.articles}.db"
    if args.rebuild or not path.exists():
        print(f"building a store of {args.articles:,} articles at {path}")
        build_store(path, args.articles, args.clustered)
    link_people(path, args.clustered)
    if args.build_only:
        return
    with SQLiteStore(path, readonly=True) as store:
        counts = store.counts()
    print(f"store: {path} ({path.stat().st_size / 2**20:,.0f} MiB) {counts}")
    paths = sample_paths(path, args.requests, args.seed)
    print("sample query words (rare, middling, common):", "; ".join(paths.pop("_bands")))

    port = free_port()
    server = start_server(path, port, args.processes)
    levels = sorted({1, args.concurrency})
    rows: dict[int, list[tuple]] = {level: [] for level in levels}
    try:
        for level in levels:
            for name, kind_paths in paths.items():
                if kind_paths:
                    rows[level].append((name, *measure(port, kind_paths, level)))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    searches = [p for name, kind_paths in paths.items() if name.startswith("search, ") for p in kind_paths]
    direct = direct_search(path, searches)

    print(f"\n{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{args.processes} server process{'es' if args.processes > 1 else ''}, "
          f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")  # fmt: skip
    for level in levels:
        print(f"\n{level} client{'s' if level > 1 else ''} at a time")
        print(f"{'page':28} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7}")
        for name, count, p50, p95, rate, errors in rows[level]:
            print(f"{name:28} {count:8} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {rate:8.1f} {errors:7}")
    print(f"\n{'floor: search in SQLite':28} {len(direct):8} {percentile(direct, 0.5) * 1000:8.1f} "
          f"{percentile(direct, 0.95) * 1000:8.1f} {len(direct) / sum(direct):8.1f}")  # fmt: skip
    for level in levels:
        worst = max(row[3] for row in rows[level] if row[0].startswith("search, ")) * 1000
        verdict = "met" if worst < 100 else "MISSED"
        print(f"search p95, worst band, {level} at a time: {worst:.1f} ms (target < 100 ms): {verdict}")


def measure(port: int, paths: list[str], concurrency: int) -> tuple[int, float, float, float, int]:
    """requests, p50 and p95 latency (s), requests per second, errors."""
    latencies, wall, errors = asyncio.run(load(f"http://127.0.0.1:{port}", paths, concurrency))
    return (
        len(latencies),
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        len(latencies) / wall,
        errors,
    )


if __name__ == "__main__":
    main()
