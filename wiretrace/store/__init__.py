"""Where wiretrace keeps what it reads and finds.

``open_store(url)`` picks the backend from the URL: a path (or ``sqlite:///path``)
opens the embedded SQLite store; ``postgresql://...`` opens PostgreSQL.
"""

from __future__ import annotations

import os

from wiretrace.errors import StoreError
from wiretrace.store.base import (
    ArticleQuery,
    Batch,
    StatementQuery,
    Store,
    StoredFailure,
    StoryCandidates,
    StoryQuery,
    search_terms,
)

__all__ = [
    "DEFAULT_DB",
    "ArticleQuery",
    "Batch",
    "StatementQuery",
    "Store",
    "StoredFailure",
    "StoryCandidates",
    "StoryQuery",
    "search_terms",
    "default_url",
    "open_store",
]

DEFAULT_DB = "wiretrace.db"


def default_url() -> str:
    """The store named by ``WIRETRACE_DB``, else ``wiretrace.db`` in the working directory."""
    return os.environ.get("WIRETRACE_DB") or DEFAULT_DB


def open_store(url: str | None = None, *, readonly: bool = False) -> Store:
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from wiretrace.store.postgres import PostgresStore
        except ImportError as error:
            raise StoreError(f"PostgreSQL support is not available: {error}") from None
        return PostgresStore(url, readonly=readonly)
    from wiretrace.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///")
    if readonly and not os.path.exists(path):
        raise StoreError(f"no store at {path}: run `wiretrace ingest` first, or pass --db")
    return SQLiteStore(path, readonly=readonly)
