"""`wiretrace serve --workers N`: several server processes over one store, each answering."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.web.conftest import free_port


def children_of(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/articles", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError("the server did not answer within 60 s")


def test_serve_with_two_processes_answers_from_both(seed_db):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_TOKEN"}
    command = [sys.executable, "-m", "wiretrace", "serve", "--db", str(seed_db), "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", "2"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        processes = [
            pid for pid in children_of(server.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()
        ]
        assert len(processes) == 2, "two server processes under the command"
        before = {pid: cpu_ticks(pid) for pid in processes}

        def search(_: int) -> int:
            return httpx.get(
                f"{base}/api/articles", params={"q": "Lavrov", "limit": 5}, timeout=10
            ).status_code

        busy: set[int] = set()
        with ThreadPoolExecutor(8) as pool:
            for _ in range(20):  # rounds of 40 requests, until both processes have worked
                assert set(pool.map(search, range(40))) == {200}
                busy = {pid for pid in processes if cpu_ticks(pid) > before[pid]}
                if len(busy) == 2:
                    break
        assert len(busy) == 2, "both processes answered requests"
        # read-only without a token, in every process
        assert httpx.post(f"{base}/api/articles", json={"text": "x"}, timeout=5).status_code in (401, 403)
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert "2 processes" in stderr
