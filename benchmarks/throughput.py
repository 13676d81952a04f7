"""Throughput and memory of the full pipeline: 1 and 2 workers, the textacy baseline, Ray, size.

    make bench            # or: .venv/bin/python benchmarks/throughput.py [--articles N]
                          #        [--memory 10000,100000] [--no-ray] [--json]

The input is PolNeAR's texts (train and dev, ../shared/eval/polnear) as JSON
Lines, reused in turn with a numbered reference line at the end so that each
copy is a new item (its id is a hash of its text). Every measurement runs in
a fresh process, one after the other:

- **wiretrace**: ``Pipeline.full`` (article, statements, dates, stories) into
  a new SQLite store, as ``wiretrace ingest --workers N`` runs it.
- **textacy**: the baseline of ``benchmarks/quotes.py``, the en_core_web_sm
  pipeline with textacy's ``direct_quotations``, in N worker processes of a
  process pool, over the same texts in batches of the same size.
- **Ray**: ``wiretrace ingest --engine ray`` on a local Ray with 2 CPUs
  (started before the clock), then ``wiretrace load`` of its Parquet, against
  ``--workers 2`` end to end (both times include loading the models).
- **memory**: with ``--workers 2``, at each size of ``--memory``, the peak of
  the whole process tree's proportional set size (PSS, from
  ``/proc/PID/smaps_rollup``, sampled every half second), which counts a page
  shared by several processes once in all (the workers share the model their
  forkserver loaded), beside the main process's peak resident memory.

The **whole run** is each measurement's process from launch to exit: Python's
start, imports, loading the models, reading, analysing and (for wiretrace)
writing the store. Its rate is what a user waits for, and the 3× target is
set on it. Rates for 1 and 2 workers are also given in steady state: articles per wall-clock second
from the first committed batch to the last, so loading models does not count. On a shared
machine wall time also counts whatever else runs: the load average (1 minute)
is printed beside each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
BATCH_SIZE = 64
TARGETS = {"whole": 3.0, "scaling": 1.8, "memory_spread": 0.20, "memory_mib": 1024, "ray_overhead": 0.30}


# -- input --------------------------------------------------------------------------------


def polnear_texts(polnear: Path) -> list[str]:
    paths = sorted(polnear.glob("*/text/*.txt"))
    if not paths:
        raise SystemExit(f"no PolNeAR texts under {polnear}")
    return [path.read_text("utf-8") for path in paths]


def write_corpus(path: Path, texts: list[str], count: int) -> Path:
    """``count`` articles as JSON Lines: the texts in turn, each copy numbered."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = texts[number % len(texts)].rstrip() + f"\n\n(Reference {number:06d}.)\n"
            out.write(json.dumps({"text": text, "url": f"https://bench.example/{number}"}) + "\n")
    return path


# -- measurements, each in its own process ------------------------------------------------------


def peak_mib() -> dict[str, float]:
    return {
        "self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure_wiretrace(corpus: Path, workers: int, db: Path) -> dict:
    from wiretrace.ingest import read_inputs
    from wiretrace.pipeline import Pipeline
    from wiretrace.store.sqlite import SQLiteStore

    marks: list[tuple[float, int]] = []
    done = [0]

    def progress(count: int) -> None:
        done[0] += count
        marks.append((time.perf_counter(), done[0]))

    start = time.perf_counter()
    with SQLiteStore(db) as store:
        pipeline = Pipeline.full(store, batch_size=BATCH_SIZE, workers=workers)
        summary = pipeline.ingest(read_inputs([str(corpus)]), progress=progress)
    end = time.perf_counter()
    return {
        "articles": summary.ingested,
        "failed": summary.failed,
        "seconds": end - start,
        "steady_rate": _steady_rate(marks),
        **peak_mib(),
    }


def _steady_rate(marks: list[tuple[float, int]]) -> float | None:
    """Articles per second from the first committed batch to the last.

    By the first commit the models are loaded, so start-up does not count. (An
    earlier version timed the second half of the run only; with workers, batches
    handed out ahead finish together and their commits arrive in a burst after
    the midpoint, which made 2 workers look 3.5 times as fast as 1 on 300
    articles. From first to last, a burst can only shift the edges by the
    batches in flight.)
    """
    if len(marks) < 3:
        return None
    first_time, first_done = marks[0]
    last_time, last_done = marks[-1]
    return (last_done - first_done) / (last_time - first_time) if last_time > first_time else None


_NLP = None


def _start_textacy() -> None:
    global _NLP
    from wiretrace.nlp import load_english

    _NLP = load_english(())


def _textacy_batch(texts: list[str]) -> int:
    from textacy.extract.triples import direct_quotations

    found = 0
    for doc in _NLP.pipe(texts, batch_size=16):
        try:
            found += len(list(direct_quotations(doc)))
        except ValueError:  # an odd number of quotation marks: textacy refuses the text
            pass
    return found


def measure_textacy(corpus: Path, workers: int) -> dict:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    batches = [texts[i : i + BATCH_SIZE] for i in range(0, len(texts), BATCH_SIZE)]
    marks: list[tuple[float, int]] = []
    done = 0
    start = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_textacy) as pool:
        for batch, _ in zip(batches, pool.map(_textacy_batch, batches), strict=True):
            done += len(batch)
            marks.append((time.perf_counter(), done))
    end = time.perf_counter()
    return {"articles": done, "seconds": end - start, "steady_rate": _steady_rate(marks), **peak_mib()}


def measure_ray(corpus: Path, workers: int, out: Path, db: Path) -> dict:
    from wiretrace import ray_engine
    from wiretrace.parquet import read_parts
    from wiretrace.pipeline import Pipeline, default_stages
    from wiretrace.store.sqlite import SQLiteStore

    ray_engine.connect(None, workers)  # a cluster is up before a job starts: not timed
    start = time.perf_counter()
    run = ray_engine.run([str(corpus)], out, workers=workers, batch_size=BATCH_SIZE, max_bytes=2**40)
    analysed = time.perf_counter()
    with SQLiteStore(db) as store:
        pipeline = Pipeline(store, store_stages=default_stages()[1], batch_size=BATCH_SIZE)
        summary = pipeline.load(read_parts(out))
    end = time.perf_counter()
    return {
        "articles": run.summary.ingested,
        "loaded": summary.ingested,
        "analyse_seconds": analysed - start,
        "load_seconds": end - analysed,
        "seconds": end - start,
        **peak_mib(),
    }


def child(argv: list[str]) -> None:
    kind, corpus, workers, work = argv[0], Path(argv[1]), int(argv[2]), Path(argv[3])
    if kind == "wiretrace":
        result = measure_wiretrace(corpus, workers, work / "store.db")
    elif kind == "textacy":
        result = measure_textacy(corpus, workers)
    else:
        result = measure_ray(corpus, workers, work / "parquet", work / "store.db")
    print(json.dumps(result))


def load_average() -> float:
    return os.getloadavg()[0]


def tree_pss_mib(root: int) -> float:
    """The proportional set size of a process and all its descendants, in MiB (0 once gone)."""
    pids, total_kib = [root], 0
    while pids:
        pid = pids.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:  # the process ended between two reads
            continue
        total_kib += next(
            (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
        )
        pids.extend(int(child) for child in children)
    return total_kib / 1024


def measure(kind: str, corpus: Path, workers: int) -> dict:
    """One measurement in a fresh process, timed from launch to exit, with the peak PSS of
    its process tree and the load average before and after."""
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as work:
        before = load_average()
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", kind, str(corpus), str(workers), work],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        peak_pss = [0.0]

        def sample() -> None:
            while process.poll() is None:
                peak_pss[0] = max(peak_pss[0], tree_pss_mib(process.pid))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - start
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"{kind} with {workers} workers failed:\n{stderr[-3000:]}")
        result = json.loads(stdout.strip().splitlines()[-1])
    result.update(wall_seconds=wall, tree_pss_mib=peak_pss[0], load=(before, load_average()))
    print(f"  {kind:9} workers={workers} {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


# -- the table ----------------------------------------------------------------------------------


def _load(result: dict) -> str:
    return f"{result['load'][0]:.1f}→{result['load'][1]:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--articles", type=int, default=1000, help="articles for the rate measurements")
    parser.add_argument("--memory", default="10000,100000", help="sizes for peak memory, comma-separated")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray measurement")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0

    texts = polnear_texts(args.polnear)
    sizes = [int(size) for size in args.memory.split(",") if size]
    figures: dict = {"articles": args.articles, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="wiretrace-corpus-") as folder:
        corpus = write_corpus(Path(folder, "rate.jsonl"), texts, args.articles)
        for kind in ("wiretrace", "textacy"):
            figures[kind] = {workers: measure(kind, corpus, workers) for workers in (1, 2)}
        if not args.no_ray:
            figures["ray"] = measure("ray", corpus, 2)
        figures["memory"] = {}
        for size in sizes:
            sized = write_corpus(Path(folder, f"memory-{size}.jsonl"), texts, size)
            figures["memory"][size] = measure("wiretrace", sized, 2)
            sized.unlink()
    print_table(figures)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


def print_table(figures: dict) -> None:
    ours, theirs = figures["wiretrace"], figures["textacy"]
    whole_ours = ours[1]["articles"] / ours[1]["wall_seconds"]
    whole_theirs = theirs[1]["articles"] / theirs[1]["wall_seconds"]
    rows = [
        f"Whole run, {figures['articles']:,} PolNeAR articles, 1 worker, process start included (articles/s)",
        f"  wiretrace (full pipeline, store written) {whole_ours:>7.2f}   ({ours[1]['wall_seconds']:.1f} s)",
        f"  textacy baseline                         {whole_theirs:>7.2f}   ({theirs[1]['wall_seconds']:.1f} s)",
        f"  wiretrace / textacy                      {whole_ours / whole_theirs:>7.2f}×   target ≥ {TARGETS['whole']:.0f}×",
        "",
        f"Throughput, {figures['articles']:,} PolNeAR articles, first commit to last (articles per wall-clock second)",
        f"{'':34}{'1 worker':>10}{'2 workers':>11}{'scaling':>9}{'target':>8}   load (1 min)",
    ]
    for name, result in (("wiretrace (full pipeline)", ours), ("textacy baseline", theirs)):
        one, two = result[1]["steady_rate"], result[2]["steady_rate"]
        rows.append(
            f"{name:34}{one:>10.2f}{two:>11.2f}{two / one:>8.2f}×{TARGETS['scaling']:>7.1f}×"
            f"   {_load(result[1])}, {_load(result[2])}"
        )
    rows.append(
        f"{'wiretrace / textacy':34}{ours[1]['steady_rate'] / theirs[1]['steady_rate']:>10.2f}"
        f"{ours[2]['steady_rate'] / theirs[2]['steady_rate']:>11.2f}"
    )
    if "ray" in figures:
        ray, local = figures["ray"], ours[2]
        overhead = ray["seconds"] / local["seconds"] - 1
        rows += [
            "",
            f"Ray on 2 local CPUs against --workers 2, {figures['articles']:,} articles, end to end (seconds)",
            f"  --workers 2 ingest            {local['seconds']:>8.1f}   load {_load(local)}",
            f"  Ray analyse + load            {ray['seconds']:>8.1f}   "
            f"(analyse {ray['analyse_seconds']:.1f}, load {ray['load_seconds']:.1f})   load {_load(ray)}",
            f"  overhead                      {overhead:>8.1%}   target < {TARGETS['ray_overhead']:.0%}",
        ]
    if figures["memory"]:
        rows += ["", "Peak resident memory, --workers 2 (MiB)"]
        totals = {}
        one = ours[1]
        rows.append(
            f"  {figures['articles']:>9,} articles   one process, --workers 1: {one['self_mib']:>6.0f}"
            f"   (the rate run)   load {_load(one)}"
        )
        for size, result in figures["memory"].items():
            totals[size] = result["tree_pss_mib"]  # shared pages counted once
            rows.append(
                f"  {size:>9,} articles   main (resident) {result['self_mib']:>6.0f}   "
                f"all processes (PSS) {totals[size]:>6.0f}   "
                f"({result['articles']:,} stored in {result['seconds']:.0f} s)   load {_load(result)}"
            )
        if totals:
            low, high = min(totals.values()), max(totals.values())
            rows.append(
                f"  spread {high / low - 1:.1%} (target within {TARGETS['memory_spread']:.0%}); "
                f"largest {high:.0f} MiB (target under {TARGETS['memory_mib']} MiB)"
            )
    print("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
