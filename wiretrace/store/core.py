"""What the store and the stages' tables share besides the connection: chunked IN lists
and timestamps.

A stage's tables (``wiretrace/<stage>/tables.py``) run their SQL through the
store's core methods (``execute``, ``executemany``, ``insert``,
``limit_param``, ``equals_nocase``, ...; see ``Store``) and split long id lists
with ``chunks``, each chunk's placeholders written by ``marks``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

# How many values go into one IN (...) list; SQLite's default limit on parameters is 32,766.
CHUNK = 500

Value = TypeVar("Value")


def now() -> str:
    """The current time as stored: UTC, ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def chunks(values: Iterable[Value], size: int = CHUNK) -> Iterator[list[Value]]:
    """``values`` (in order) in lists of at most ``size``, for one IN (...) list each."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(values: Sequence[Any]) -> str:
    """The ``?`` placeholders of an IN (...) list of ``values``."""
    return ",".join("?" * len(values))
