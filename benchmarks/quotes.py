"""Statements on PolNeAR dev: wiretrace beside textacy's direct_quotations, on one core.

    make bench-quotes            # or: .venv/bin/python benchmarks/quotes.py [--polnear DIR] [--json]

Both systems read the same article texts. wiretrace runs its whole per-item
path (article stage, then the statements stage); the baseline runs the full
en_core_web_sm pipeline and textacy's ``direct_quotations`` (it finds direct
quotes only, so its "all attributions" scores are given for reference). Both
are scored by ``wiretrace.eval.quotes`` with the same rules, and timed after
their models are loaded, pinned to one CPU core, taking turns on sixths of
the data. Speed is articles per CPU-second of the process: on a shared
machine, wall time also counts whatever else runs (it is printed too).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev"
TARGETS = {  # issue 14, lenient rule, PolNeAR dev
    ("direct", "f1"): 0.95,
    ("all", "f1"): 0.82,
    ("all", "speaker_accuracy"): 0.92,
    ("all", "pair_f1"): 0.72,
}
SPEED_TARGET = 3.0
EXACT_TARGETS = {"source": 0.80, "cue": 0.72, "content": 0.68}  # issue 14, exact spans on PolNeAR dev


def one_core() -> None:
    """Pin the process to one core; thread pools of numpy and friends to one thread."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


CHUNKS = 6  # the two systems take turns on sixths of the data, so a busy spell hits both


class Clock:
    """CPU seconds and wall seconds spent inside ``with clock:`` blocks."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0

    def __enter__(self) -> None:
        self._cpu, self._wall = time.process_time(), time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.cpu += time.process_time() - self._cpu
        self.wall += time.perf_counter() - self._wall


def wiretrace_system():
    from wiretrace.eval.quotes import analyse_documents, predictions

    def run(documents):
        return [predictions(a) if a else [] for a in analyse_documents(documents)]

    return run


def textacy_system():
    from textacy.extract.triples import direct_quotations

    from wiretrace.eval.quotes import Predicted
    from wiretrace.nlp import load_english

    nlp = load_english(())
    refused = [0]

    def run(documents):
        found = []
        for document, doc in zip(
            documents, nlp.pipe((d.text for d in documents), batch_size=16), strict=True
        ):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # textacy refuses a text with an odd number of quotation marks
                refused[0] += 1
                triples = []
            found.append([_triple(document.text, triple, Predicted) for triple in triples])
        return found

    return run, refused


def _triple(text, triple, predicted_type):
    content = triple.content
    start = content[0].idx
    end = content[-1].idx + len(content[-1].text)
    speaker = (triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1].text))
    cue = (triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1].text))
    return predicted_type(start, end, text[start:end], speaker=speaker, cue=cue)


def compare(documents):
    """Both systems over the documents, in turns; scores and clocks of each."""
    from wiretrace.eval.quotes import Evaluation

    ours = wiretrace_system()
    theirs, refused = textacy_system()
    ours(documents[:2])  # load models before any clock starts
    theirs(documents[:2])
    refused[0] = 0
    results = {"wiretrace": (ours, Evaluation(), Clock()), "textacy": (theirs, Evaluation(), Clock())}
    size = -(-len(documents) // CHUNKS)
    for first in range(0, len(documents), size):
        chunk = documents[first : first + size]
        for run, evaluation, clock in results.values():
            with clock:
                predicted = run(chunk)
            for document, found in zip(chunk, predicted, strict=True):
                evaluation.add_document(document.attributions, found, text=document.text)
    return {name: (evaluation.as_dict(), clock) for name, (_, evaluation, clock) in results.items()}, refused[
        0
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Statements benchmark on PolNeAR dev.")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    one_core()
    from wiretrace.eval.quotes import load_polnear

    documents = load_polnear(args.polnear)
    compared, refused = compare(documents)
    ours, our_clock = compared["wiretrace"]
    theirs, their_clock = compared["textacy"]
    # CPU time is the measure: on a shared machine wall time also counts other people's work
    our_speed = len(documents) / our_clock.cpu
    their_speed = len(documents) / their_clock.cpu
    result = {
        "data": str(args.polnear),
        "articles": len(documents),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, pinned to 1; Python {platform.python_version()}",
        "wiretrace": {
            **ours,
            "articles_per_cpu_second": round(our_speed, 2),
            "wall_seconds": round(our_clock.wall, 1),
        },
        "textacy": {
            **theirs,
            "articles_per_cpu_second": round(their_speed, 2),
            "wall_seconds": round(their_clock.wall, 1),
            "refused_articles": refused,
        },
        "speed_ratio": round(our_speed / their_speed, 2),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"PolNeAR {args.polnear.name}: {len(documents)} articles; {result['machine']}")
    header = f"{'':28}{'wiretrace':>12}{'textacy':>12}{'target':>10}"
    print(header)
    for subset in ("direct", "all"):
        for rule in ("lenient", "strict"):
            for metric in ("precision", "recall", "f1", "speaker_accuracy", "pair_f1"):
                target = TARGETS.get((subset, metric)) if rule == "lenient" else None
                label = f"{subset} {rule} {metric}"
                mark = f"≥{target:.2f}" if target else ""
                print(
                    f"{label:28}{ours[subset][rule][metric]:>12.4f}{theirs[subset][rule][metric]:>12.4f}{mark:>10}"
                )
    for element in ("content", "source", "cue"):
        for metric in ("precision", "recall", "f1"):
            target = EXACT_TARGETS.get(element) if metric == "f1" else None
            mark = f"≥{target:.2f}" if target else ""
            label = f"exact {element} {metric}"
            print(
                f"{label:28}{ours['exact'][element][metric]:>12.4f}{theirs['exact'][element][metric]:>12.4f}{mark:>10}"
            )
    print(f"textacy refused {refused} articles (unbalanced quotation marks): scored as finding nothing")
    print(f"{'articles/CPU-second':28}{our_speed:>12.2f}{their_speed:>12.2f}")
    print(f"{'wall seconds':28}{our_clock.wall:>12.1f}{their_clock.wall:>12.1f}")
    print(f"{'speed ratio':28}{result['speed_ratio']:>12.2f}{'':>12}{'≥' + str(SPEED_TARGET):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
