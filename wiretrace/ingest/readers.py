"""Readers: turn one input (a file or standard input) into raw items.

Each reader yields ``RawItem`` records and ``Failure`` records; a failure in one
item of a container (a bad JSON line, a broken WARC record) never stops the
items around it.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

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
ByteCounter = Callable[[int], None]


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


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, on_bytes: ByteCounter | None = None) -> Output:
    """Items from one file; failures name the file (and the line or record) and the reason.

    ``max_bytes`` limits each article: a text or HTML file, a JSON line, a WARC
    record. Containers (JSON Lines, WARC) are streamed, so their own size is
    not limited and memory does not grow with it.
    """
    label = str(path)
    fmt = input_format(path.name)
    try:
        size = path.stat().st_size
        if fmt in ("text", "html", None) and size > max_bytes and not _is_gzip_name(path):
            raise TooLarge(f"file is {_mb(size)}, over the {_mb(max_bytes)} limit (--max-bytes)")
        raw = path.open("rb", buffering=0)
    except ItemError as error:
        yield Failure(label, error.stage, error.reason)
        return
    except OSError as error:
        yield Failure(label, "read", _os_reason(error))
        return
    with raw, io.BufferedReader(_Counted(raw, on_bytes) if on_bytes else raw) as stream:
        yield from read_stream(stream, label, fmt, max_bytes)


def read_bytes(data: bytes, label: str, fmt: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Items from bytes already in memory (standard input, an HTTP body)."""
    yield from read_stream(io.BufferedReader(io.BytesIO(data)), label, fmt, max_bytes)


def read_stream(stream: BinaryIO, label: str, fmt: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Items from an open binary stream of any supported format."""
    try:
        head = _peek(stream, 4096)
        if head.startswith(GZIP_MAGIC) and fmt != "warc" and _sniff_inner(stream) != "warc":
            yield from _read_gzip(stream, label, fmt, max_bytes)
            return
        fmt = fmt or sniff_format(head)
        if fmt == "warc":
            yield from _read_warc(stream, label, max_bytes)
        elif fmt == "jsonl":
            yield from _read_jsonl(stream, label, max_bytes)
        else:
            yield _item(_read_limited(stream, max_bytes, "file"), label, _media_type(fmt))
    except ItemError as error:
        yield Failure(label, error.stage, error.reason)
    except OSError as error:
        yield Failure(label, "read", _os_reason(error))


GZIP_MAGIC = b"\x1f\x8b"


def _is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def _media_type(fmt: str | None) -> MediaType:
    return "text/html" if fmt == "html" else "text/plain"


def _peek(stream: BinaryIO, size: int) -> bytes:
    """The first bytes of a stream without consuming them."""
    if hasattr(stream, "peek"):
        return stream.peek(size)[:size]
    position = stream.tell()
    head = stream.read(size)
    stream.seek(position)
    return head


def _sniff_inner(stream: BinaryIO) -> str | None:
    """The format inside gzip data, from its first inflated bytes (WARC is read compressed)."""
    head = _peek(stream, 65536)
    try:
        inner = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return None
    return "warc" if inner.lstrip().startswith(b"WARC/") else None


def _read_gzip(stream: BinaryIO, label: str, fmt: str | None, max_bytes: int) -> Output:
    inflated = io.BufferedReader(_Inflater(stream))
    fmt = fmt or sniff_format(_peek(inflated, 4096))
    if fmt == "jsonl":
        yield from _read_jsonl(inflated, label, max_bytes)
    else:
        yield _item(_read_limited(inflated, max_bytes, "gzip data"), label, _media_type(fmt))


def _read_limited(stream: BinaryIO, max_bytes: int, what: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        if what == "gzip data":
            raise TooLarge(f"gzip data inflates past the {_mb(max_bytes)} limit (--max-bytes)")
        raise TooLarge(f"{what} is over the {_mb(max_bytes)} limit (--max-bytes)")
    return data


class _Inflater(io.RawIOBase):
    """Streaming gzip inflation (one or many members) that names truncation and corruption.

    Python's GzipFile returns a cut archive's partial text without an error,
    so wiretrace inflates with zlib itself and checks that the last member ended.
    """

    CHUNK = 1 << 16

    def __init__(self, compressed: BinaryIO) -> None:
        self.compressed = compressed
        self.inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        self.pending = b""  # compressed bytes not yet fed
        self.started = False  # the current member has received input

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while True:
            if self.inflater.unconsumed_tail:
                source = self.inflater.unconsumed_tail
            else:
                source = self.pending or self.compressed.read(self.CHUNK)
                self.pending = b""
            if not source:
                if self.started and not self.inflater.eof:
                    raise UnreadableInput("truncated gzip data: the archive ends before its last block")
                return 0
            try:
                out = self.inflater.decompress(source, len(target))
            except zlib.error as error:
                raise UnreadableInput(f"corrupt gzip data ({error})") from None
            self.started = True
            if self.inflater.eof:
                rest = self.inflater.unused_data.lstrip(b"\x00")
                self.inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                self.started = False
                self.pending = rest
            if out:
                target[: len(out)] = out
                return len(out)


class _Counted(io.RawIOBase):
    """Raw reads of a file, each reported to a callback (for progress bars)."""

    def __init__(self, inner: io.RawIOBase, on_bytes: ByteCounter) -> None:
        self.inner = inner
        self.on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def readinto(self, target) -> int:
        count = self.inner.readinto(target) or 0
        self.on_bytes(count)
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()


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


def _read_jsonl(stream: BinaryIO, label: str, max_bytes: int) -> Output:
    """One item per line, streamed; a bad line is a failure and the next line goes on."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        where = f"{label}#L{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_line(stream)
            yield Failure(where, "read", f"line {number}: over the {_mb(max_bytes)} limit (--max-bytes)")
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_item(line, where)
        except ItemError as error:
            yield Failure(where, error.stage, f"line {number}: {error.reason}")


def _skip_line(stream: BinaryIO, chunk: int = 1 << 20) -> None:
    while (part := stream.readline(chunk)) and not part.endswith(b"\n"):
        pass


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


def _read_warc(stream: BinaryIO, label: str, max_bytes: int) -> Output:
    """Response records as items. A broken record is skipped: reading resumes at the next one."""
    from warcio.archiveiterator import ArchiveIterator  # loaded by the first WARC, not by every command
    from warcio.exceptions import ArchiveLoadFailed

    warc_errors = (ArchiveLoadFailed, EOFError, zlib.error, ValueError)
    if not stream.seekable():
        stream = io.BufferedReader(io.BytesIO(stream.read()))
    gzipped = _peek(stream, 2) == GZIP_MAGIC
    index = 0
    base = stream.tell()
    while True:
        iterator = ArchiveIterator(stream)
        try:
            for record in iterator:
                if record.rec_type not in ("response", "resource"):
                    continue
                index += 1
                where = f"{label}#R{index}"
                try:
                    item = _warc_item(record, where, max_bytes)
                except ItemError as error:
                    yield Failure(where, error.stage, f"WARC record {index}: {error.reason}")
                    continue
                if item is not None:
                    yield item
            break
        except warc_errors as error:
            index += 1
            broken_at = base + iterator.offset
            yield Failure(
                f"{label}#R{index}", "read", f"WARC record {index}: broken, skipped ({_first_line(error)})"
            )
            resume = _next_warc_record(stream, broken_at + 1, gzipped)
            if resume is None:
                return
            stream.seek(resume)
            base = resume
    # warcio stops quietly at a cut gzip member; check that the archive really ended.
    if gzipped and not _gzip_complete(stream, base):
        yield Failure(label, "read", f"truncated WARC: the archive ends inside a record after record {index}")


def _next_warc_record(stream: BinaryIO, start: int, gzipped: bool, chunk: int = 1 << 20) -> int | None:
    """Offset of the next readable record at or after ``start``, or None."""
    marker = GZIP_MAGIC + b"\x08" if gzipped else b"WARC/1."
    position = start
    while True:
        stream.seek(position)
        block = stream.read(chunk + len(marker))
        if len(block) < len(marker):
            return None
        found = block.find(marker)
        while found >= 0 and found < chunk:
            candidate = position + found
            if _record_starts_at(stream, candidate, gzipped):
                return candidate
            found = block.find(marker, found + 1)
        position += chunk


def _record_starts_at(stream: BinaryIO, offset: int, gzipped: bool) -> bool:
    stream.seek(offset)
    head = stream.read(4096)
    if not gzipped:
        return offset == 0 or _byte_before(stream, offset) == b"\n"
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _byte_before(stream: BinaryIO, offset: int) -> bytes:
    stream.seek(offset - 1)
    return stream.read(1)


def _gzip_complete(stream: BinaryIO, start: int = 0, chunk: int = 1 << 20) -> bool:
    """Whether gzip data (of one or many members) from ``start`` ends where a member ends."""
    stream.seek(start)
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
