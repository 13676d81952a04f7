"""How fast the command line answers, beside bare Python with typer and rich, in one run.

    make bench-startup     # or: .venv/bin/python benchmarks/startup.py [--rounds 7]

Times (wall clock, the median of several rounds, each a fresh process):
`python -c "import typer, rich"` (the baseline), `wiretrace --help`, and
`wiretrace articles` on a store of the seed articles (made first, in a
temporary directory). Target: each command within 4x of the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
TARGET_RATIO = 4.0


def seconds(command: list[str], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "seeds.db")
        subprocess.run([python, "-m", "wiretrace", "ingest", str(SEEDS), "--db", db, "-q"], check=True)
        commands = {
            'python -c "import typer, rich" (baseline)': [python, "-c", "import typer, rich"],
            "wiretrace --help": [python, "-m", "wiretrace", "--help"],
            "wiretrace articles (seeds' store)": [python, "-m", "wiretrace", "articles", "--db", db],
        }
        results = {name: seconds(command, args.rounds) for name, command in commands.items()}
    baseline = next(iter(results.values()))
    for name, value in results.items():
        print(f"{name:<45} {value:6.3f} s  {value / baseline:5.2f}x")
    print(f"target: each command within {TARGET_RATIO:.0f}x of the baseline")


if __name__ == "__main__":
    main()
