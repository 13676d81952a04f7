"""A real PostgreSQL server for the tests: a temporary cluster on a loopback port.

`make test` installs Debian's postgresql package where it is missing. The
server refuses to run as root, so as root the cluster belongs to the
`postgres` user; it is stopped and removed at the end of the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def available() -> bool:
    return _bindir() is not None


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway cluster; yield a connection URL for its `wiretrace` superuser."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL is not installed: run `make test` (it installs it) or apt-get install postgresql"
        )
    base = Path(tempfile.mkdtemp(prefix="wiretrace-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, port = base / "data", _free_port()

    def run(program: str, *arguments: str) -> None:
        command = _as_owner([str(bindir / program), *arguments])
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    try:
        run("initdb", "-D", str(data), "-A", "trust", "-U", "wiretrace", "-E", "UTF8", "--locale=C.UTF-8")
        run(
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start",
        )
        yield f"postgresql://wiretrace@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(base, ignore_errors=True)
