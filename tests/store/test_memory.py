"""The outlet memory tables on every backend: counting pages once, discounting a page's
own visit, telling one site's lines from lines many outlets share, and staying bounded."""

from __future__ import annotations

from wiretrace.article.lines import fingerprint
from wiretrace.article.tables import tables as memory_tables

FOOTER = fingerprint("Harbour Post is published by Coastal Media Group, Fairport")
MENU = fingerprint("Fishing  Weather  Tides")
CREDIT = fingerprint("Reporting by the Associated Press")


def test_a_line_counts_the_pages_of_its_outlet_once_each(store):
    memory = memory_tables(store)
    with store.transaction():
        memory.record_outlet_lines("harbourpost.example", "page1", [FOOTER, MENU], 100)
        memory.record_outlet_lines("harbourpost.example", "page2", [FOOTER], 100)
        memory.record_outlet_lines("harbourpost.example", "page2", [FOOTER], 100)  # the same page again
    counts = memory.outlet_line_counts("harbourpost.example", [FOOTER, MENU, CREDIT], "page3")
    assert counts == {FOOTER: (2, 1), MENU: (1, 1)}


def test_a_page_read_again_does_not_count_its_own_visit(store):
    memory = memory_tables(store)
    with store.transaction():
        memory.record_outlet_lines("harbourpost.example", "page1", [FOOTER, MENU], 100)
        memory.record_outlet_lines("harbourpost.example", "page2", [FOOTER], 100)
    assert memory.outlet_line_counts("harbourpost.example", [FOOTER, MENU], "page1") == {FOOTER: (1, 1)}


def test_the_outlets_a_line_was_seen_on_are_counted(store):
    memory = memory_tables(store)
    with store.transaction():
        for outlet in ("one.example", "two.example", "three.example"):
            memory.record_outlet_lines(outlet, f"{outlet}/1", [CREDIT], 100)
    assert memory.outlet_line_counts("one.example", [CREDIT], "new") == {CREDIT: (1, 3)}
    assert memory.outlet_line_counts("four.example", [CREDIT], "new") == {}


def test_an_outlet_keeps_its_most_seen_lines_within_the_bound(store):
    memory = memory_tables(store)
    lines = [fingerprint(f"teaser headline number {n}") for n in range(30)]
    with store.transaction():
        memory.record_outlet_lines("busy.example", "a", [FOOTER, *lines[:15]], 20)
        memory.record_outlet_lines("busy.example", "b", [FOOTER, *lines[15:]], 20)
    kept = store.execute("SELECT count(*) FROM outlet_lines WHERE outlet = ?", ("busy.example",)).fetchone()[
        0
    ]
    assert kept == 20
    assert memory.outlet_line_counts("busy.example", [FOOTER], "c") == {FOOTER: (2, 1)}
