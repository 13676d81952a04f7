"""The bad-input corpus through the real command: every case named, the batch goes on,
nothing stored is lost, and memory stays under a limit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.robustness.corpus import ARTICLE, CASES, Case

# Peak resident memory allowed for ingesting the whole corpus (the English model included).
MEMORY_LIMIT_MB = 1500

MEASURE = (
    "import resource, sys\n"
    "from wiretrace.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "finally:\n"
    "    sys.stderr.write(f'\\nPEAK_RSS_MB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}\\n')\n"
)


def run_measured(*args: str) -> tuple[subprocess.CompletedProcess, int]:
    env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_DB"}
    process = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, env=env, timeout=1200
    )
    peak = int(process.stderr.rsplit("PEAK_RSS_MB=", 1)[1].split()[0])
    return process, peak


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    for case in CASES:
        (corpus / case.name).mkdir(parents=True)
        case.files(corpus / case.name)
    db = root / "store.db"
    run_cli(
        "ingest", str(ROOT.parent / "shared" / "corpus" / "seeds"), "--db", str(db)
    )  # data already stored
    process, peak = run_measured("ingest", str(corpus), "--db", str(db), "--quiet")
    articles = [
        json.loads(line) for line in run_cli("articles", "--db", str(db), "-f", "jsonl").stdout.splitlines()
    ]
    failures = [
        json.loads(line) for line in run_cli("failures", "--db", str(db), "-f", "jsonl").stdout.splitlines()
    ]
    yield {"process": process, "peak": peak, "articles": articles, "failures": failures, "corpus": corpus}
    shutil.rmtree(root, ignore_errors=True)


def of_case(rows: list[dict], corpus: Path, case: Case) -> list[dict]:
    prefix = str(corpus / case.name) + os.sep
    return [row for row in rows if row["source_path"].startswith(prefix)]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_case_has_its_outcome(ingested, case):
    stored = of_case(ingested["articles"], ingested["corpus"], case)
    failed = of_case(ingested["failures"], ingested["corpus"], case)
    assert len(stored) == case.stored, [row["source_path"] for row in stored]
    assert len(failed) == len(case.failures), [row["reason"] for row in failed]
    for failure, words in zip(
        sorted(failed, key=lambda row: row["reason"]), sorted(case.failures), strict=True
    ):
        assert words in failure["reason"], failure
        assert failure["stage"] and failure["source_path"]
    if case.check and stored:
        case.check(stored)


def test_the_run_goes_on_reports_every_failure_and_exits_2(ingested):
    process = ingested["process"]
    assert process.returncode == 2, process.stderr[-2000:]
    expected_failures = sum(len(case.failures) for case in CASES)
    expected_stored = sum(case.stored for case in CASES)
    assert f"{expected_stored} ingested" in process.stderr
    assert f"{expected_failures} failed" in process.stderr
    failure_lines = [line for line in process.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failure_lines) == expected_failures  # one line each: no path's newline splits a message


def test_nothing_stored_before_is_lost(ingested):
    seeds = [row for row in ingested["articles"] if "/corpus/seeds/" in row["source_path"]]
    assert len(seeds) == 5


def test_memory_stays_under_the_limit(ingested):
    assert ingested["peak"] < MEMORY_LIMIT_MB, f"peak {ingested['peak']} MB"


def test_every_case_is_listed_in_the_robustness_doc():
    doc = (ROOT / "docs" / "robustness.md").read_text("utf-8")
    for case in CASES:
        assert f"`{case.name}`" in doc, case.name


def test_unreadable_file_is_named(tmp_path):
    """A file the user may not read. Root reads everything, so as root the run gives up the
    capabilities that let it ignore file permissions (it stays root otherwise)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE)
    os.chmod(secret, 0)
    (tmp_path / "open.txt").write_text(ARTICLE + "open")
    command = [sys.executable, "-m", "wiretrace", "ingest", str(tmp_path), "--db", str(tmp_path / "s.db")]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_DB"}
    process = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert process.returncode == 2, process.stderr
    assert f"failed: {secret}: read: cannot read: Permission denied" in process.stderr
    assert "1 ingested" in process.stderr
