"""Temporal expressions on TimeBank + AQUAINT: wiretrace beside dateparser, in one run.

Prints the TempEval-3 measures (strict and relaxed recognition, type and value)
for wiretrace's tagger and, as the baseline, ``dateparser.search.search_dates``
given the same plain text and document creation time, plus the time each took.

    .venv/bin/python benchmarks/dates.py [TIMEML_DIR] [--json]

Targets (issue 5): relaxed F1 >= 0.90 and value F1 >= 0.82.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import date, datetime
from pathlib import Path

from dateparser.search import search_dates

from wiretrace.cli.dates import wiretrace_system
from wiretrace.eval.timeml import Measures, Timex, evaluate, read_corpus

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "timebank"
TARGETS = {"relaxed_f1": 0.90, "value_f1": 0.82}


def dateparser_system(text: str, dct: date) -> list[Timex]:
    """dateparser's search: each found string located in the text (in order), its date as the value."""
    settings = {
        "RELATIVE_BASE": datetime(dct.year, dct.month, dct.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(text, languages=["en"], settings=settings) or []
    timexes: list[Timex] = []
    position = 0
    for words, moment in found:
        start = text.find(words, position)
        if start < 0:
            continue
        position = start + len(words)
        has_clock = moment.hour or moment.minute
        value = moment.strftime("%Y-%m-%dT%H:%M") if has_clock else moment.date().isoformat()
        timexes.append(Timex(start, position, words, "TIME" if has_clock else "DATE", value))
    return timexes


def measure(name: str, system, documents) -> tuple[Measures, float]:
    started = time.perf_counter()
    measures = evaluate(documents, system)
    return measures, time.perf_counter() - started


def main(argv: list[str]) -> int:
    folder = Path(next((arg for arg in argv if not arg.startswith("--")), DEFAULT_DIR))
    documents = read_corpus(folder)
    results = {
        "wiretrace": measure("wiretrace", wiretrace_system, documents),
        "dateparser.search": measure("dateparser.search", dateparser_system, documents),
    }
    if "--json" in argv:
        rows = {name: {**m.as_dict(), "seconds": round(s, 2)} for name, (m, s) in results.items()}
        print(json.dumps(rows, indent=2))
        return 0
    print(f"TimeML: {folder} ({len(documents)} documents, {results['wiretrace'][0].gold} gold TIMEX3s)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    header = f"{'system':<18} {'strict P/R/F1':>22} {'relaxed P/R/F1':>22} {'type F1':>8} {'value F1':>9} {'value acc':>9} {'seconds':>8}"
    print(header)
    for name, (m, seconds) in results.items():
        print(
            f"{name:<18} {m.strict_precision:6.4f} {m.strict_recall:6.4f} {m.strict_f1:6.4f}"
            f"  {m.relaxed_precision:6.4f} {m.relaxed_recall:6.4f} {m.relaxed_f1:6.4f}"
            f" {m.type_f1:8.4f} {m.value_f1:9.4f} {m.value_accuracy:9.4f} {seconds:8.2f}"
        )
    ours = results["wiretrace"][0]
    for name, target in TARGETS.items():
        figure = getattr(ours, name)
        verdict = "met" if figure >= target else "MISSED"
        print(f"target {name} >= {target}: {figure:.4f} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
