"""The origins stage's tests run against both backends, like the store's: a fresh SQLite
file and a fresh database on a real PostgreSQL server (tests/postgres.py)."""

from __future__ import annotations

from tests.store.conftest import store, store_url  # noqa: F401
