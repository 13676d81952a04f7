"""Analysis workers are forked by a forkserver that loaded what they share."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .test_pipeline import synthetic_articles, write_jsonl


def test_the_preload_loads_the_english_pipeline_and_freezes_it():
    code = (
        "import gc, sys\nimport wiretrace.preload\nfrom wiretrace import nlp\n"
        "print(nlp._load.cache_info().currsize, gc.get_freeze_count() > 10000, 'spacy' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["1", "True", "True"]


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_two_workers_are_forked_from_one_forkserver(tmp_path):
    corpus = write_jsonl(tmp_path / "in.jsonl", synthetic_articles(40))
    ingest = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "ingest", str(corpus), "--db", str(tmp_path / "s.db")]
        + ["--workers", "2", "--batch-size", "2", "-q"],
        stderr=subprocess.PIPE,
        text=True,
    )
    workers_seen = 0
    while ingest.poll() is None:
        servers = [pid for pid in children(ingest.pid) if "forkserver" in command_line(pid)]
        workers_seen = max([workers_seen, *(len(children(server)) for server in servers)])
        time.sleep(0.1)
    assert ingest.returncode == 0, ingest.stderr.read()
    assert workers_seen == 2, "the workers are the forkserver's children, not the ingest's"
