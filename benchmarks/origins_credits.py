"""Wire credits on PolNeAR train+dev: wiretrace beside a dateline-only baseline, in one run.

wiretrace: the article stage's credit recognisers (reprint notices, source
lines, wire datelines in the first paragraphs, wire bylines, hat tips, wires'
recurring formats), then the wire another member of the article's family of
copies credits. Baseline: a wire named in parentheses, ``(AP)``, ``(Reuters)``,
in the first 300 characters of the file. Articles whose ``wire`` is ``NA`` are
left out.

    .venv/bin/python benchmarks/origins_credits.py [POLNEAR_DIR] [--json]

Targets (issue 4): precision >= 0.97 and recall >= 0.90 over all wires.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from wiretrace.eval.origins import WIRES, Count, WireScores, evaluate, load_cases

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "polnear"
TARGETS = {"precision": 0.97, "recall": 0.90}
_BASELINE = re.compile(r"\((AP|AFP|UPI|Reuters)\)")


def baseline(cases) -> WireScores:
    scores = WireScores(per_wire={name: Count() for name in WIRES.values()})
    for case in cases:
        match = _BASELINE.search(case.text[:300])
        predicted = WIRES[match.group(1).lower()] if match else None
        for wire, count in scores.per_wire.items():
            count.gold += case.gold == wire
            count.predicted += predicted == wire
            count.correct += case.gold == wire and predicted == wire
        scores.overall.gold += case.gold is not None
        scores.overall.predicted += predicted is not None
        scores.overall.correct += case.gold is not None and predicted == case.gold
    return scores


def main(argv: list[str]) -> None:
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT_DIR))
    cases = load_cases(folder)
    started = time.perf_counter()
    ours = evaluate(cases)
    ours_seconds = time.perf_counter() - started
    without_families = evaluate(cases, families=False)
    started = time.perf_counter()
    base = baseline(cases)
    base_seconds = time.perf_counter() - started
    results = {
        "articles": len(cases),
        "wiretrace": {**ours.as_dict(), "seconds": round(ours_seconds, 2)},
        "wiretrace_without_families": without_families.as_dict()["overall"],
        "baseline": {**base.as_dict(), "seconds": round(base_seconds, 3)},
        "targets": TARGETS,
    }
    if "--json" in argv:
        print(json.dumps(results))
        return
    print(f"PolNeAR train+dev, {len(cases)} articles with a known wire column ({folder})")
    print(f"{'system':<28} {'wire':<28} {'gold':>5} {'pred':>5} {'right':>5} {'P':>6} {'R':>6}")
    for name, scores in (("wiretrace", ours), ("baseline (wire in parens)", base)):
        for wire, count in [*scores.per_wire.items(), ("overall", scores.overall)]:
            print(
                f"{name:<28} {wire:<28} {count.gold:>5} {count.predicted:>5} {count.correct:>5} "
                f"{count.precision:>6.3f} {count.recall:>6.3f}"
            )
    overall = ours.overall
    print(
        f"without families: P {without_families.overall.precision:.3f} R {without_families.overall.recall:.3f}"
    )
    print(f"wiretrace {ours_seconds:.1f} s, baseline {base_seconds:.3f} s")
    for miss in ours.misses():
        print(
            f"miss: {miss.case.name}: gold {miss.case.gold or 'no wire'}, answered {miss.predicted or 'no wire'} ({miss.how})"
        )
    met = overall.precision >= TARGETS["precision"] and overall.recall >= TARGETS["recall"]
    print(f"targets P >= {TARGETS['precision']} and R >= {TARGETS['recall']}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main(sys.argv[1:])
