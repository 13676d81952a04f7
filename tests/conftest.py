"""Fixtures shared by the whole suite: the shared data beside the project, a
fresh store, a real PostgreSQL server, and the real `wiretrace` command run as a subprocess."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.postgres import postgres_server
from wiretrace.registry import Registry
from wiretrace.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIRETRACE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
EVAL = SHARED / "eval"


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip only where the shared data is truly absent (never in CI, which has it)."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not present")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"seed corpus missing at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture
def store(tmp_path: Path):
    with SQLiteStore(tmp_path / "store.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server for the session (started on first use); the URL of its admin database.

    Where the server cannot start the tests that need it fail with the reason: never a skip."""
    with postgres_server() as url:
        yield url


_databases = itertools.count(1)


def create_database(cluster_url: str) -> str:
    """Make a new, empty database on the server at ``cluster_url``; return its URL."""
    name = f"wiretrace_test_{next(_databases)}"
    with psycopg.connect(cluster_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return cluster_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def postgres_url(postgres_cluster: str) -> str:
    """The URL of a new, empty database on the session's PostgreSQL server."""
    return create_database(postgres_cluster)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run the real `wiretrace` command; return the completed process (text output)."""
    full_env = {key: value for key, value in os.environ.items() if key != "WIRETRACE_DB"}
    full_env.update({"COLUMNS": "100", **(env or {})})
    process = subprocess.run(
        [sys.executable, "-m", "wiretrace", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=600,
    )
    process.stdout = process.stdout.decode("utf-8", "replace")
    process.stderr = process.stderr.decode("utf-8", "replace")
    return process


@pytest.fixture
def cli():
    return run_cli
