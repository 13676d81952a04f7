"""Every input kind the foundation reads, and every bad input it must name."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.errors import EmptyInput, UnreadableInput
from wiretrace.ingest import expand_paths, read_inputs
from wiretrace.ingest.decode import decode
from wiretrace.records import Failure, RawItem

ARTICLE = (
    "Harbour reopens after storm\n\n"
    "The harbour reopened to ships on Friday after engineers repaired the breakwater damaged in last "
    "week's storm, the port authority said.\n\n"
    "Fishing boats were the first to leave, followed by two ferries.\n"
)
PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article>"
    "<p>The harbour reopened to ships on Friday after engineers repaired the breakwater damaged in "
    "last week's storm, the port authority said in a statement on its website.</p>"
    "<p>Fishing boats were the first to leave, followed by two ferries and a cargo ship carrying grain.</p>"
    "</article></body></html>"
)


def items_and_failures(paths, **options):
    found = list(read_inputs([str(p) for p in paths], **options))
    return [f for f in found if isinstance(f, RawItem)], [f for f in found if isinstance(f, Failure)]


def write_warc(path: Path, pages: list[tuple[str, str]], gzipped: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, page in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.encode()), http_headers=headers
            )
            writer.write_record(record)


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    (item,), failures = items_and_failures([path])
    assert not failures
    assert item.media_type == "text/plain" and item.content == ARTICLE and item.source_path == str(path)


def test_html_file(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(PAGE)
    (item,), _ = items_and_failures([path])
    assert item.media_type == "text/html"


def test_jsonl_with_hints_and_a_bad_line_in_the_middle(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps(
            {
                "text": ARTICLE,
                "url": "https://www.bbc.co.uk/news/1",
                "title": "Harbour",
                "published": "2024-01-05",
            }
        ),
        "{not json",
        json.dumps({"html": PAGE, "outlet": "Reuters"}),
        json.dumps({"url": "x"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items, failures = items_and_failures([path])
    assert [i.media_type for i in items] == ["text/plain", "text/html"]
    assert items[0].url == "https://www.bbc.co.uk/news/1"
    assert items[0].hints == {"title": "Harbour", "published": "2024-01-05"}
    assert items[1].hints == {"outlet": "Reuters"}
    assert [f.source_path for f in failures] == [f"{path}#L2", f"{path}#L4"]
    assert "line 2: not valid JSON" in failures[0].reason
    assert 'no "text" or "html"' in failures[1].reason


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc(tmp_path, gzipped):
    path = tmp_path / ("a.warc.gz" if gzipped else "a.warc")
    write_warc(
        path,
        [("https://example.org/1", PAGE), ("https://example.org/2", PAGE.replace("Friday", "Monday"))],
        gzipped,
    )
    items, failures = items_and_failures([path])
    assert not failures
    assert [i.url for i in items] == ["https://example.org/1", "https://example.org/2"]
    assert all(i.media_type == "text/html" for i in items)


@pytest.mark.parametrize("name", ["a.txt.gz", "a.jsonl.gz"])
def test_gzip_of_text_and_jsonl(tmp_path, name):
    path = tmp_path / name
    payload = ARTICLE if name.startswith("a.txt") else json.dumps({"text": ARTICLE})
    path.write_bytes(gzip.compress(payload.encode()))
    (item,), failures = items_and_failures([path])
    assert not failures and item.content.strip() == ARTICLE.strip()


def test_directory_is_walked_recursively_in_order_and_skips_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(ARTICLE + "b")
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE + "a")
    (tmp_path / "notes.md").write_text("# not an article file")
    found = list(expand_paths([str(tmp_path)]))
    assert found == [tmp_path / "b.txt", tmp_path / "sub" / "a.txt"]


def test_glob(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(ARTICLE + name)
    assert [p.name for p in expand_paths([str(tmp_path / "x*.txt")])] == ["x1.txt", "x2.txt"]


def test_stdin_is_sniffed():
    found = list(read_inputs(["-"], stdin=io.BytesIO(PAGE.encode())))
    assert len(found) == 1 and found[0].media_type == "text/html" and found[0].source_path == "<stdin>"


def test_same_content_gets_the_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + "\n\n")
    items, _ = items_and_failures([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert items[0].id == items[1].id


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "ELF executable"),
        (b"text\x00\x01\x02\x03" * 50, "control bytes"),
    ],
)
def test_unreadable_files_fail_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    items, (failure,) = items_and_failures([path])
    assert not items
    assert failure.source_path == str(path) and failure.stage == "read" and reason in failure.reason


def test_missing_path(tmp_path):
    _, (failure,) = items_and_failures([tmp_path / "nope.txt"])
    assert failure.reason == "no such file or directory"


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    _, (failure,) = items_and_failures([path], max_bytes=1000)
    assert "over the 1,000 bytes limit" in failure.reason


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    assert path.stat().st_size < 20_000
    _, (failure,) = items_and_failures([path], max_bytes=1_000_000)
    assert "inflates past" in failure.reason


def test_truncated_gzip(tmp_path):
    path = tmp_path / "cut.txt.gz"
    data = gzip.compress(ARTICLE.encode() * 50)
    path.write_bytes(data[: len(data) // 2])
    _, (failure,) = items_and_failures([path])
    assert "truncated gzip" in failure.reason


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    path = tmp_path / "cut.warc.gz"
    pages = [(f"https://example.org/{n}", PAGE.replace("Friday", f"day {n}") * 3) for n in range(3)]
    write_warc(path, pages, gzipped=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 400])
    items, failures = items_and_failures([path])
    assert [i.url for i in items] == ["https://example.org/0", "https://example.org/1"]
    assert len(failures) == 1 and "WARC" in failures[0].reason


def test_legacy_encodings_are_decoded():
    russian = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе в Москве."
    text, encoding = decode(russian.encode("cp1251"))
    assert text == russian and encoding in ("cp1251", "windows-1251")
    french = "Le ministre a déclaré que les négociations reprendront à Genève la semaine prochaine, été comme hiver."
    text, _ = decode(french.encode("latin-1"))
    assert text == french


def test_utf16_with_bom_and_utf8_with_a_few_bad_bytes():
    assert decode("Grüße aus Köln".encode("utf-16"))[0] == "Grüße aus Köln"
    text, encoding = decode("Grüße aus Köln, ".encode() * 20 + b"\xff\xfe broken")
    assert text.startswith("Grüße aus Köln") and "replaced" in encoding


def test_decode_raises_named_errors():
    with pytest.raises(EmptyInput):
        decode(b"")
    with pytest.raises(UnreadableInput):
        decode(b"\x7fELF" + b"\x00" * 10)
