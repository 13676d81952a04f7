"""The bad-input corpus: every kind of broken or hostile input the tests make.

Each case writes its file(s) under a directory and says what must happen:
the item is stored (and how its text must look), or it fails with a reason
that contains given words. Nothing is downloaded; everything is made here.
docs/robustness.md lists every case by name (a test keeps the two in step).
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (
    "Harbour reopens after storm\n\n"
    "The harbour reopened to ships on Friday after engineers repaired the breakwater that was "
    "damaged in last week's storm, the port authority said in a statement.\n\n"
    "Fishing boats were the first to leave, followed by two ferries and a cargo ship carrying grain.\n"
)
RUSSIAN = (
    "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе в Москве. "
    "По его словам, стороны обсудят торговлю и энергетику, а также вопросы безопасности в регионе.\n"
)
FRENCH = (
    "Le ministre a déclaré que les négociations reprendront à Genève la semaine prochaine. "
    "Selon lui, les deux délégations étudieront un accord élargi sur le commerce et l'énergie.\n"
)


def page(n: int, case: str) -> str:
    return (
        f"<html><head><title>Report {n}</title></head><body><article><p>Report number {n} ({case}): the harbour "
        f"reopened to ships on Friday after engineers repaired the breakwater damaged in the storm, "
        f"the port authority said.</p><p>Fishing boats left first, item {n}.</p></article></body></html>"
    )


@dataclass
class Case:
    name: str
    what: str
    files: Callable[[Path], list[Path]]
    stored: int = 0  # items that must be stored from this case
    failures: list[str] = field(default_factory=list)  # words each failure's reason must contain
    check: Callable[[list[dict]], None] | None = None  # extra checks on the stored articles


def write(path: Path, data: bytes) -> list[Path]:
    path.write_bytes(data)
    return [path]


def warc_bytes(pages: list[str], gzipped: bool) -> tuple[bytes, list[int]]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets = []
    for n, html in enumerate(pages):
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue(), offsets


def broken_middle_warc(path: Path) -> list[Path]:
    data, offsets = warc_bytes([page(n, "broken") for n in range(3)], gzipped=True)
    broken = bytearray(data)
    middle = offsets[1] + 20
    broken[middle : middle + 40] = b"\x00" * 40  # the second record's compressed bytes are garbage
    return write(path, bytes(broken))


def truncated_warc(path: Path) -> list[Path]:
    data, offsets = warc_bytes([page(n, "truncated") for n in range(3)], gzipped=True)
    return write(path, data[: offsets[2] + 60])


def truncated_gzip(path: Path) -> list[Path]:
    data = gzip.compress(ARTICLE.encode() + bytes(range(32, 127)) * 40)
    return write(path, data[: len(data) // 2])


def jsonl_bad_middle(path: Path) -> list[Path]:
    lines = [
        json.dumps({"text": ARTICLE + "one"}),
        '{"text": "unterminated',
        json.dumps({"text": ARTICLE + "three"}),
    ]
    return write(path, ("\n".join(lines) + "\n").encode())


def huge_text(path: Path) -> list[Path]:
    block = (ARTICLE * 200).encode()
    with path.open("wb") as handle:
        for _ in range(200 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    return [path]


def long_html(path: Path) -> list[Path]:
    rows = "\n".join(
        f"<p>Paragraph {i}: the council debated the harbour budget and the repairs that followed.</p>"
        for i in range(50_000)
    )
    return write(path, f"<html><body><article>{rows}</article></body></html>".encode())


def nested_html(path: Path) -> list[Path]:
    body = "<p>The harbour reopened to ships on Friday after the storm, the port authority said.</p>" * 2
    return write(
        path, ("<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>").encode()
    )


def odd_names(directory: Path) -> list[Path]:
    paths = []
    for n, name in enumerate(["name with spaces.txt", "ünïcødé 名前.txt", "new\nline.txt"]):
        paths += write(directory / name, (ARTICLE + f"variant {n}\n").encode())
    return paths


def symlink_loop(directory: Path) -> list[Path]:
    loop = directory / "loop.txt"
    loop.symlink_to(loop)
    cycle = directory / "cycle"
    cycle.mkdir()
    (cycle / "back").symlink_to(directory, target_is_directory=True)  # a directory walk must not follow it
    return [loop]


def body_contains(*texts: str) -> Callable[[list[dict]], None]:
    def check(articles: list[dict]) -> None:
        assert len(articles) == 1
        for text in texts:
            assert text in articles[0]["body"], (text, articles[0]["body"][:200])

    return check


def mixed_line_endings(articles: list[dict]) -> None:
    (article,) = articles
    assert article["title"] == "Harbour reopens after storm"
    assert "Fishing boats" in article["body"] and "\r" not in article["body"].replace("\r\n", "")


CASES = [
    Case("empty", "empty file", lambda d: write(d / "empty.txt", b""), failures=["empty file"]),
    Case(
        "whitespace",
        "only whitespace",
        lambda d: write(d / "blank.txt", b" \n\t \r\n"),
        failures=["only whitespace"],
    ),
    Case(
        "png",
        "PNG bytes named .txt",
        lambda d: write(d / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        failures=["PNG image"],
    ),
    Case(
        "pdf",
        "PDF bytes named .txt",
        lambda d: write(d / "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(500)),
        failures=["PDF document"],
    ),
    Case(
        "elf",
        "ELF executable named .txt",
        lambda d: write(d / "prog.txt", b"\x7fELF\x02\x01\x01" + bytes(500)),
        failures=["ELF executable"],
    ),
    Case(
        "nul",
        "NUL bytes inside text",
        lambda d: write(d / "nul.txt", ARTICLE.replace("Friday", "Fri\x00day").encode()),
        stored=1,
        check=body_contains("Fri\ufffdday"),
    ),
    Case(
        "invalid-utf8",
        "UTF-8 with invalid bytes",
        lambda d: write(
            d / "bad-utf8.txt", ARTICLE.replace("storm", "st\xf6rm").encode() + b"\xff\xfe\xfa tail"
        ),
        stored=1,
        check=body_contains("störm"),
    ),
    Case(
        "latin-1",
        "Latin-1 without a declared charset",
        lambda d: write(d / "latin1.txt", FRENCH.encode("latin-1")),
        stored=1,
        check=body_contains("déclaré", "l'énergie"),
    ),
    Case(
        "windows-1251",
        "Windows-1251 Russian without a declared charset",
        lambda d: write(d / "cp1251.txt", RUSSIAN.encode("cp1251")),
        stored=1,
        check=body_contains("Министр иностранных дел"),
    ),
    Case(
        "utf-16",
        "UTF-16 with a byte-order mark",
        lambda d: write(d / "utf16.txt", ARTICLE.replace("Friday", "Sunday").encode("utf-16")),
        stored=1,
        check=body_contains("Sunday"),
    ),
    Case(
        "line-endings",
        "mixed CRLF, CR and LF line endings",
        lambda d: write(
            d / "endings.txt", ARTICLE.replace("\n\n", "\r\n\r\n", 1).replace("storm,", "storm,\r").encode()
        ),
        stored=1,
        check=mixed_line_endings,
    ),
    Case(
        "huge", "a 200 MB text file", lambda d: huge_text(d / "huge.txt"), failures=["over the 50.0 MB limit"]
    ),
    Case(
        "long-html",
        "a 50,000-line HTML page",
        lambda d: long_html(d / "long.html"),
        stored=1,
        check=body_contains("Paragraph 49999"),
    ),
    Case(
        "nested-html",
        "HTML nested 10,000 elements deep",
        lambda d: nested_html(d / "deep.html"),
        stored=1,
        check=body_contains("The harbour reopened"),
    ),
    Case(
        "gzip-bomb",
        "gzip that inflates past the limit",
        lambda d: write(d / "bomb.txt.gz", gzip.compress(b"a" * 60 * 1024 * 1024)),
        failures=["inflates past"],
    ),
    Case(
        "truncated-gzip",
        "gzip cut short",
        lambda d: truncated_gzip(d / "cut.txt.gz"),
        failures=["truncated gzip"],
    ),
    Case(
        "truncated-warc",
        "WARC cut inside its third record",
        lambda d: truncated_warc(d / "cut.warc.gz"),
        stored=2,
        failures=["truncated WARC"],
    ),
    Case(
        "broken-warc-record",
        "WARC with a broken record in the middle",
        lambda d: broken_middle_warc(d / "broken.warc.gz"),
        stored=2,
        failures=["WARC record 2: broken"],
    ),
    Case(
        "jsonl-bad-line",
        "JSON Lines with a bad line in the middle",
        lambda d: jsonl_bad_middle(d / "lines.jsonl"),
        stored=2,
        failures=["line 2: not valid JSON"],
    ),
    Case("odd-names", "paths with spaces, unicode and a newline", odd_names, stored=3),
    Case(
        "symlink-loop",
        "a symbolic link to itself, and a directory link loop",
        symlink_loop,
        failures=["symbolic links"],
    ),
]
