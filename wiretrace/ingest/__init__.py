"""Ingest: from paths, globs and standard input to raw items.

``read_inputs(["seeds/", "*.jsonl", "-"])`` yields ``RawItem`` and ``Failure``
records in a stable order: arguments in the order given, directory contents
sorted by path, container items in file order.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from wiretrace.ingest.readers import DEFAULT_MAX_BYTES, is_input_file, read_path, read_stream
from wiretrace.records import Failure, RawItem

__all__ = ["DEFAULT_MAX_BYTES", "expand_paths", "read_inputs"]

STDIN = "-"


def expand_paths(arguments: Iterable[str]) -> Iterator[Path | str | Failure]:
    """Files named by the arguments: files as given, directories walked, globs expanded.

    ``-`` stays ``-`` (standard input). A name that matches nothing becomes a
    ``Failure``. Directory walks do not follow symbolic links to directories,
    so a link loop cannot trap them.
    """
    for argument in arguments:
        if argument == STDIN:
            yield STDIN
            continue
        path = Path(argument)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                yield Failure(argument, "read", "no file matches this pattern")
            for match in matches:
                match_path = Path(match)
                yield from _walk(match_path) if match_path.is_dir() else [match_path]
        else:
            yield Failure(argument, "read", "no such file or directory")


def _walk(directory: Path) -> Iterator[Path | Failure]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if is_input_file(name):
                yield Path(root, name)
    for error in errors:
        yield Failure(str(error.filename or directory), "read", f"cannot list directory: {error.strerror}")


def read_inputs(
    arguments: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None
) -> Iterator[RawItem | Failure]:
    """Raw items and failures from every input the arguments name."""
    for entry in expand_paths(arguments):
        if isinstance(entry, Failure):
            yield entry
        elif entry == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream, "<stdin>", None, max_bytes)
        else:
            yield from read_path(entry, max_bytes)
