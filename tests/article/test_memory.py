"""Outlet memory: a line recurring on one outlet's pages is furniture there, but not
text many outlets share, nor the long lines of a page that copies an earlier one."""

from __future__ import annotations

import json

from wiretrace.article.memory import MANY_OUTLETS, InMemory, PageLines, StreamMemory, memory_key, recurring
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store.sqlite import SQLiteStore

FOOTER = "Harbour Post is published by Coastal Media Group, 12 Quay Street, Fairport, since 1921."
STORIES = [
    (
        "Ferry timetable changes from May",
        "The island ferry will sail twice more each weekday from May, the operator said on Tuesday, after "
        "a year in which crowded boats left passengers waiting on the quay for the next crossing.",
        "Commuters welcomed the change, though some said the earliest sailing was still too late for work.",
    ),
    (
        "Lifeboat crew rescues two kayakers",
        "Two kayakers were brought ashore by the volunteer lifeboat crew on Sunday evening after their "
        "boats overturned in a sudden squall off the northern headland, the coastguard said.",
        "Both were treated for cold at the harbour and released; the crew said neither had worn a lifejacket.",
    ),
    (
        "Market square to be repaved",
        "The market square will be closed to traffic for six weeks in the autumn while it is repaved with "
        "granite setts, the town council announced, at a cost of just under two million pounds.",
        "Stallholders will move to the car park by the station until the work is finished, the council said.",
    ),
]


def page(title: str, *paragraphs: str) -> str:
    return "\n\n".join([title, *paragraphs, FOOTER]) + "\n"


def item(n: int, outlet_url: str = "https://harbourpost.example") -> RawItem:
    title, *paragraphs = STORIES[n]
    return RawItem(f"id{n}", f"p{n}.txt", "text/plain", page(title, *paragraphs), url=f"{outlet_url}/{n}")


def test_the_outlet_is_the_given_one_or_the_urls_host():
    assert memory_key(item(0)) == "harbourpost.example"
    given = RawItem(
        "x", "x.txt", "text/plain", "text", url="https://cdn.example/x", hints={"outlet": "Harbour Post"}
    )
    assert memory_key(given) == "harbour post"
    assert memory_key(RawItem("y", "y.txt", "text/plain", "text")) is None


def test_a_line_seen_on_an_earlier_page_of_the_outlet_is_known_on_the_next():
    memory = StreamMemory(InMemory())
    known = memory.read([item(0), item(1)])
    assert "id0" not in known  # the first page of a site learns nothing
    assert len(known["id1"]) == 1  # the footer, and only it


def test_a_line_on_many_outlets_pages_is_common_text_not_furniture():
    memory = InMemory()
    credit = "Reporting by the Associated Press; editing by the desk."
    for n in range(MANY_OUTLETS):
        lines = PageLines.of([credit, f"Story {n}"])
        memory.record_outlet_lines(f"outlet{n}.example", f"page{n}", list(lines.words), 100)
    assert recurring(memory, "outlet0.example", "new", PageLines.of([credit])) == frozenset()


def test_a_copy_of_an_earlier_page_keeps_its_paragraphs():
    memory = StreamMemory(InMemory())
    original = item(0)
    update = RawItem(
        "id0b", "p0b.txt", "text/plain", original.content.replace("Tuesday", "Wednesday"), url=original.url
    )
    # its headline and second paragraph recur because it is the same article: nothing is cut
    assert "id0b" not in memory.read([original, update])


def test_ingest_cuts_the_recurring_footer_from_the_second_page_and_reprocess_from_the_first(tmp_path):
    source = tmp_path / "pages.jsonl"
    rows = [{"url": f"https://harbourpost.example/{n}", "text": page(*STORIES[n])} for n in range(3)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with SQLiteStore(tmp_path / "store.db") as store:
        Pipeline(store, batch_size=1).ingest(read_inputs([str(source)]))
        bodies = [a.body for a in sorted(store.articles(), key=lambda a: a.url)]
        assert FOOTER not in bodies[1] and FOOTER not in bodies[2]
        assert all(STORIES[n][1] in bodies[n] for n in range(3))
        second = next(a for a in store.articles() if a.url.endswith("/1"))
        assert any(r.reason == "recurs on this outlet's pages" and r.text == FOOTER for r in second.removed)
        Pipeline(store).reprocess()
        assert all(FOOTER not in a.body for a in store.articles())
