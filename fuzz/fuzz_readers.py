"""Fuzz the readers: any bytes, under any file name kind, give items or named failures.

Run: `make fuzz` (a fixed number of runs), or
`.venv/bin/python fuzz/fuzz_readers.py -runs=100000 fuzz/corpus/readers`.
A crash is any exception other than the records the readers promise.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wiretrace.ingest.readers import read_bytes
    from wiretrace.records import Failure, RawItem

FORMATS = (None, "text", "html", "jsonl", "warc")
MAX_BYTES = 1 << 16


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    for entry in read_bytes(data[1:], "fuzz", fmt, MAX_BYTES):
        assert isinstance(entry, (RawItem, Failure)), entry
        if isinstance(entry, Failure):
            assert entry.reason and entry.stage


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
