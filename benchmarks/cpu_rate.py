"""CPU seconds per article of what a Ray actor runs and of what `wiretrace load` runs.

    make bench-cpu        # or: .venv/bin/python benchmarks/cpu_rate.py [--articles 300]

The rates docs/scaling.md multiplies out. In one process, after the models are
loaded, timed with ``time.process_time()`` (a shared machine's other work does
not count): the per-item stages (``Analyser`` with the default stages, as each
Ray actor and each ``--workers`` process runs them) over PolNeAR articles as
JSON Lines (the corpus of ``benchmarks/throughput.py``), then ``Pipeline.load``
of the results into a new SQLite store (writes and the stories stage, as
``wiretrace load`` runs them).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from throughput import BATCH_SIZE, DEFAULT_POLNEAR, polnear_texts, write_corpus

from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Analyser, Pipeline, default_stages
from wiretrace.registry import Registry
from wiretrace.store.sqlite import SQLiteStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wiretrace-cpu-") as folder:
        corpus = write_corpus(
            Path(folder, "corpus.jsonl"), polnear_texts(args.polnear), args.articles + BATCH_SIZE
        )
        items = list(read_inputs([str(corpus)]))
        batches = [items[i : i + BATCH_SIZE] for i in range(0, len(items), BATCH_SIZE)]
        analyser = Analyser(Registry.load(), default_stages()[0])
        parts = [(batches[0], *analyser(batches[0]))]  # models loaded before the clock
        start = time.process_time()
        parts += [(batch, *analyser(batch)) for batch in batches[1:]]
        analyse_cpu = time.process_time() - start
        with SQLiteStore(Path(folder, "store.db")) as store:
            pipeline = Pipeline(store, store_stages=default_stages()[1], batch_size=BATCH_SIZE)
            pipeline.load(parts[:1])  # the stories stage's model loaded before the clock
            start = time.process_time()
            loaded = pipeline.load(parts[1:]).ingested
            load_cpu = time.process_time() - start
    analysed = sum(len(part[1]) for part in parts[1:])
    print(f"per-item stages: {analysed / analyse_cpu:.1f} articles per CPU second ({analysed} articles)")
    print(f"load (store and stories): {loaded / load_cpu:.1f} articles per CPU second ({loaded} articles)")
    print(
        json.dumps(
            {"analysed": analysed, "analyse_cpu_s": analyse_cpu, "loaded": loaded, "load_cpu_s": load_cpu}
        )
    )


if __name__ == "__main__":
    main()
