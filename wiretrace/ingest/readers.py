"""Readers: turn one input (a file or standard input) into raw items.

Each reader yields ``RawItem`` records and ``Failure`` records; a failure in one
item of a container (a bad JSON line, a broken WARC record) never stops the
items around it.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wiretrace.errors import ItemError, TooLarge, UnreadableInput
from wiretrace.ingest.decode import decode
from wiretrace.records import Failure, MediaType, RawItem, content_id

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES

Output = Iterator[RawItem | Failure]


def input_format(name: str) -> str | None:
    """The format a file name announces: text, html, jsonl, warc, or None."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    while suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if not suffixes:
        return None
    last = suffixes[-1]
    for fmt, known in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
    ):
        if last in known:
            return fmt
    return None


def is_input_file(name: str) -> bool:
    """Whether a file met while walking a directory is one wiretrace reads."""
    return input_format(name) is not None


def sniff_format(head: bytes) -> str:
    """Guess the format of bytes whose name says nothing."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    lowered = stripped[:2048].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Items from one file; failures name the file and the reason."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"file is {_mb(size)}, over the {_mb(max_bytes)} limit (--max-bytes)")
        fmt = input_format(path.name)
        if fmt == "warc":
            yield from _read_warc_file(path, label, max_bytes)
            return
        data = _read_bytes(path, max_bytes)
    except ItemError as error:
        yield Failure(label, error.stage, error.reason)
        return
    except OSError as error:
        yield Failure(label, "read", _os_reason(error))
        return
    yield from read_bytes(data, label, fmt, max_bytes)


def read_bytes(data: bytes, label: str, fmt: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Items from bytes already in memory (standard input, an HTTP body)."""
    try:
        if data[:2] == b"\x1f\x8b" and fmt != "warc":
            data = gunzip(data, max_bytes)
        fmt = fmt or sniff_format(data[:4096])
        if fmt == "warc":
            yield from _read_warc_stream(io.BytesIO(data), label, max_bytes)
        elif fmt == "jsonl":
            yield from _read_jsonl(data, label)
        else:
            yield _item(data, label, "text/html" if fmt == "html" else "text/plain")
    except ItemError as error:
        yield Failure(label, error.stage, error.reason)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, max_bytes)
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Inflate gzip data, refusing output past ``max_bytes`` (gzip bombs)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = bytearray()
    rest = data
    try:
        while rest:
            out += inflater.decompress(rest, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise TooLarge(f"gzip data inflates past the {_mb(max_bytes)} limit (--max-bytes)")
            if inflater.unconsumed_tail:
                rest = inflater.unconsumed_tail
                continue
            if inflater.eof and inflater.unused_data.startswith(b"\x1f\x8b"):
                rest = inflater.unused_data  # concatenated gzip members
                inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                continue
            break
    except zlib.error as error:
        raise UnreadableInput(f"corrupt gzip data ({error})") from None
    if not inflater.eof:
        raise UnreadableInput("truncated gzip data: the archive ends before its last block")
    return bytes(out)


def _item(
    data: bytes,
    label: str,
    media_type: MediaType,
    url: str | None = None,
    hints: dict | None = None,
    declared: str | None = None,
) -> RawItem:
    text, encoding = decode(data, declared)
    return RawItem(
        id=content_id(text),
        source_path=label,
        media_type=media_type,
        content=text,
        url=url,
        hints=hints or {},
        encoding=encoding,
    )


JSONL_HINTS = ("title", "published", "outlet", "author")


def _read_jsonl(data: bytes, label: str) -> Output:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{label}#L{number}"
        try:
            yield _jsonl_item(line, where)
        except ItemError as error:
            yield Failure(where, error.stage, f"line {number}: {error.reason}")


def _jsonl_item(line: bytes, where: str) -> RawItem:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise UnreadableInput(f"not valid JSON ({_json_reason(error)})") from None
    if not isinstance(record, dict):
        raise UnreadableInput("not a JSON object")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str):
        raise UnreadableInput('has no "text" or "html" string')
    hints = {
        key: record[key] for key in JSONL_HINTS if isinstance(record.get(key), str) and record[key].strip()
    }
    url = record.get("url") if isinstance(record.get("url"), str) else None
    media_type: MediaType = "text/html" if body is html else "text/plain"
    return _item(body.encode("utf-8", "surrogatepass"), where, media_type, url, hints)


def _json_reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at column {error.colno}"
    return "invalid UTF-8"


def _read_warc_file(path: Path, label: str, max_bytes: int) -> Output:
    with path.open("rb") as handle:
        yield from _read_warc_stream(handle, label, max_bytes)


def _read_warc_stream(stream: BinaryIO, label: str, max_bytes: int) -> Output:
    index = 0
    gzipped = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            index += 1
            where = f"{label}#R{index}"
            try:
                item = _warc_item(record, where, max_bytes)
            except ItemError as error:
                yield Failure(where, error.stage, f"WARC record {index}: {error.reason}")
                continue
            except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as error:
                yield Failure(where, "read", f"WARC record {index}: broken record ({error})")
                return
            if item is not None:
                yield item
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as error:
        yield Failure(label, "read", f"WARC file broken after record {index}: {_first_line(error)}")
        return
    # warcio stops quietly at a cut gzip member; check that the archive really ended.
    if gzipped and not _gzip_complete(stream):
        yield Failure(label, "read", f"truncated WARC: the archive ends inside a record after record {index}")


def _gzip_complete(stream: BinaryIO, chunk: int = 1 << 20) -> bool:
    """Whether gzip data (of one or many members) ends where a member ends."""
    stream.seek(0)
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    inside_member = False
    try:
        while block := stream.read(chunk):
            while block:
                inflater.decompress(block, 1 << 16)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 16)
                if not inflater.eof:
                    inside_member, block = True, b""
                    continue
                block = inflater.unused_data.lstrip(b"\x00")  # padding between members is allowed
                inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                inside_member = False
    except zlib.error:
        return False
    return not inside_member


def _warc_item(record, where: str, max_bytes: int) -> RawItem | None:
    content_type = ""
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type and not any(kind in content_type.lower() for kind in ("html", "text/plain")):
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"record body is over the {_mb(max_bytes)} limit (--max-bytes)")
    if record.raw_stream.limit:
        raise UnreadableInput("truncated record: the archive ends before the record's declared length")
    charset = None
    if "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    url = record.rec_headers.get_header("WARC-Target-URI")
    media_type: MediaType = "text/plain" if "text/plain" in content_type.lower() else "text/html"
    return _item(data, where, media_type, url, {}, charset)


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def _os_reason(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"
