"""Statements on PolNeAR dev: wiretrace beside textacy's direct_quotations, on one core.

    make bench-quotes            # or: .venv/bin/python benchmarks/quotes.py [--polnear DIR] [--json]

Both systems read the same article texts. wiretrace runs its whole per-item
path (article stage, then the statements stage); the baseline runs the full
en_core_web_sm pipeline and textacy's ``direct_quotations`` (it finds direct
quotes only, so its "all attributions" scores are given for reference). Both
are scored by ``wiretrace.eval.quotes`` with the same rules, and timed after
their models are loaded, pinned to one CPU core.
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
TARGETS = {
    ("direct", "f1"): 0.90,
    ("direct", "speaker_accuracy"): 0.90,
    ("all", "f1"): 0.75,
    ("all", "pair_f1"): 0.65,
}
SPEED_TARGET = 3.0


def one_core() -> None:
    """Pin the process to one core; thread pools of numpy and friends to one thread."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def run_wiretrace(documents):
    from wiretrace.eval.quotes import Evaluation, analyse_documents, predictions

    analyse_documents(documents[:2])  # load spaCy and the cue model before the clock starts
    started = time.perf_counter()
    analyses = analyse_documents(documents)
    seconds = time.perf_counter() - started
    evaluation = Evaluation()
    for document, analysis in zip(documents, analyses, strict=True):
        evaluation.add_document(document.attributions, predictions(analysis) if analysis else [])
    return evaluation.as_dict(), seconds


def run_textacy(documents):
    from textacy.extract.triples import direct_quotations

    from wiretrace.eval.quotes import Evaluation, Predicted
    from wiretrace.nlp import load_english

    nlp = load_english(())
    list(nlp.pipe(document.text for document in documents[:2]))
    started = time.perf_counter()
    found = []
    refused = 0
    for doc in nlp.pipe((document.text for document in documents), batch_size=16):
        try:
            found.append(list(direct_quotations(doc)))
        except ValueError:  # textacy refuses a text with an odd number of quotation marks
            refused += 1
            found.append([])
    seconds = time.perf_counter() - started
    evaluation = Evaluation()
    for document, triples in zip(documents, found, strict=True):
        predicted = []
        for triple in triples:
            content = triple.content
            start = content[0].idx if hasattr(content, "__getitem__") else content.start_char
            end = content[-1].idx + len(content[-1].text)
            speaker = (triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1].text))
            predicted.append(Predicted(start, end, document.text[start:end], speaker=speaker))
        evaluation.add_document(document.attributions, predicted)
    return {**evaluation.as_dict(), "refused_articles": refused}, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Statements benchmark on PolNeAR dev.")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    one_core()
    from wiretrace.eval.quotes import load_polnear

    documents = load_polnear(args.polnear)
    ours, our_seconds = run_wiretrace(documents)
    theirs, their_seconds = run_textacy(documents)
    our_speed = len(documents) / our_seconds
    their_speed = len(documents) / their_seconds
    result = {
        "data": str(args.polnear),
        "articles": len(documents),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, pinned to 1; Python {platform.python_version()}",
        "wiretrace": {**ours, "articles_per_second": round(our_speed, 2)},
        "textacy": {**theirs, "articles_per_second": round(their_speed, 2)},
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
    print(
        f"textacy refused {theirs['refused_articles']} articles (unbalanced quotation marks): scored as finding nothing"
    )
    print(f"{'articles/second':28}{our_speed:>12.2f}{their_speed:>12.2f}")
    print(f"{'speed ratio':28}{result['speed_ratio']:>12.2f}{'':>12}{'≥' + str(SPEED_TARGET):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
