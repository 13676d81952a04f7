"""The store tests run against both backends: each test gets a fresh SQLite file and a
fresh database on a real PostgreSQL server (tests/postgres.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.store import open_store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store of each backend lives (nothing is created yet for SQLite)."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / "store.db")


@pytest.fixture
def store(store_url: str):
    with open_store(store_url) as opened:
        yield opened
