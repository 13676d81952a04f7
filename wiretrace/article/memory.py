"""Outlet memory: lines that recur on pages of one outlet are that outlet's furniture.

A site's footer, newsletter prompt or menu is the same on every page it
serves, while its articles differ; so once a line has been seen on an earlier
page of the same outlet, it is furniture on this one, whatever it looks like.
The store keeps a bounded set of line fingerprints per outlet (the outlet is
the URL's host, or the outlet a container names); the pipeline asks it, before
a batch is analysed, which lines of each page recur there, and the article
stage cuts them. Three guards keep articles whole:

- a line found on the pages of many outlets is common text (a wire credit, a
  stock phrase), evidence rather than one site's furniture;
- a page most of whose long lines the outlet has served before is a copy or
  an update of an earlier article, whose headline and paragraphs recur for
  that reason: nothing is cut from it (the origins stage groups copies);
- the first page of a site learns nothing (nothing was seen before it);
  ``wiretrace reprocess`` reads every page again with what later pages taught.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from wiretrace.article.lines import fingerprint
from wiretrace.article.text import split_lines
from wiretrace.records import RawItem
from wiretrace.registry import domain_of

# Fingerprints kept per outlet; beyond this the lines seen on fewest pages, longest ago, go first.
MAX_LINES_PER_OUTLET = 5000
# A line on the pages of this many outlets is common text, not any one site's furniture.
MANY_OUTLETS = 4
# Lines of at least this many words are article-sized; when more than COPY_SHARE
# of a page's article-sized words recur, the page is a copy and memory cuts nothing.
LONG_LINE_WORDS = 12
COPY_SHARE = 0.4
# Lines shorter than this are too common to be evidence of anything ("Home", "Share").
MIN_LINE_CHARS = 2


def memory_key(item: RawItem) -> str | None:
    """The outlet whose memory a page reads and feeds: the one given beside it, else the URL's host."""
    given = item.hints.get("outlet")
    if isinstance(given, str) and given.strip():
        return " ".join(given.lower().split())
    return domain_of(item.url) if item.url else None


@dataclass(frozen=True)
class PageLines:
    """A page's distinct line fingerprints, with the word count of each."""

    words: dict[int, int]

    @classmethod
    def of(cls, texts: Iterable[str]) -> PageLines:
        words: dict[int, int] = {}
        for text in texts:
            if len(text.strip()) >= MIN_LINE_CHARS:
                words.setdefault(fingerprint(text), len(text.split()))
        return cls(words)


class MemoryStore(Protocol):
    """Where outlet memory lives: the store (``tables.py``) or a dict (``InMemory``)."""

    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        """For each line seen before: (pages of this outlet it was on, outlets it was on),
        leaving out what ``item_id`` itself contributed."""
        ...

    def record_outlet_lines(self, outlet: str, item_id: str, fingerprints: list[int], max_lines: int) -> None:
        """Count a page's lines once (recording the same page again changes nothing);
        keep at most ``max_lines`` lines for the outlet."""
        ...


def recurring(memory: MemoryStore, outlet: str, item_id: str, lines: PageLines) -> frozenset[int]:
    """The page's lines that are its outlet's furniture."""
    counts = memory.outlet_line_counts(outlet, list(lines.words), item_id)
    known = {fp for fp, (pages, outlets) in counts.items() if pages >= 1 and outlets < MANY_OUTLETS}
    long_words = sum(w for w in lines.words.values() if w >= LONG_LINE_WORDS)
    known_long = sum(w for fp, w in lines.words.items() if w >= LONG_LINE_WORDS and fp in known)
    if long_words and known_long > COPY_SHARE * long_words:
        return frozenset()  # a copy: what recurs is the article itself, headline included
    return frozenset(known)


class InMemory:
    """Outlet memory in a dict, for evaluation and tests; the same rules as the store's."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[int, set[str]]] = {}

    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        seen = self.pages.get(outlet, {})
        counts = {}
        for fp in fingerprints:
            pages = seen.get(fp, set()) - {item_id}
            if pages:
                outlets = sum(1 for lines in self.pages.values() if fp in lines)
                counts[fp] = (len(pages), outlets)
        return counts

    def forget(self, item_ids: Iterable[str]) -> None:
        gone = set(item_ids)
        for seen in self.pages.values():
            for fp in [fp for fp, pages in seen.items() if pages & gone]:
                seen[fp] -= gone
                if not seen[fp]:
                    del seen[fp]

    def record_outlet_lines(self, outlet: str, item_id: str, fingerprints: list[int], max_lines: int) -> None:
        seen = self.pages.setdefault(outlet, {})
        for fp in fingerprints:
            seen.setdefault(fp, set()).add(item_id)
        if len(seen) > max_lines:
            for fp in sorted(seen, key=lambda fp: len(seen[fp]))[: len(seen) - max_lines]:
                del seen[fp]


def page_lines(item: RawItem) -> PageLines:
    """The lines outlet memory counts: those the article stage reads from a text dump."""
    return PageLines.of(line.text for line in split_lines(item.content))


def known_furniture(memory: MemoryStore, items: Iterable[RawItem]) -> dict[str, frozenset[int]]:
    """For each text item with an outlet, its lines that recur on that outlet's pages."""
    found = {}
    for item in items:
        outlet = memory_key(item)
        if outlet is None or item.media_type != "text/plain":
            continue
        lines = recurring(memory, outlet, item.id, page_lines(item))
        if lines:
            found[item.id] = lines
    return found


class StreamMemory:
    """The store's memory together with the pages read in this run and not yet written.

    Pages are analysed ahead of being written (in worker processes), so the
    store alone would teach a page what the pages written before it taught,
    which depends on how many workers run. Counting the pages read but not
    written as well makes each page learn from exactly the pages before it in
    the input, with one worker or many.
    """

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.pending = InMemory()
        self.lines: dict[str, PageLines] = {}  # of the pages read and not yet written: split once

    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        stored = self.store.outlet_line_counts(outlet, fingerprints, item_id)
        read = self.pending.outlet_line_counts(outlet, fingerprints, item_id)
        counts = dict(stored)
        for fp, (pages, outlets) in read.items():
            before = stored.get(fp, (0, 0))
            counts[fp] = (before[0] + pages, max(before[1], outlets))
        return counts

    def read(self, items: Iterable[RawItem]) -> dict[str, frozenset[int]]:
        """What each item's outlet knows before it, in input order; then count the item."""
        found = {}
        for item in items:
            outlet = memory_key(item)
            if outlet is None or item.media_type != "text/plain":
                continue
            lines = self.lines[item.id] = page_lines(item)
            known = recurring(self, outlet, item.id, lines)
            if known:
                found[item.id] = known
            self.pending.record_outlet_lines(outlet, item.id, list(lines.words), MAX_LINES_PER_OUTLET)
        return found

    def written(self, items: Iterable[RawItem]) -> None:
        """The items are in the store now: count them there, not here."""
        items = list(items)
        remember(self.store, items, {item.id: self.lines.pop(item.id, None) for item in items})
        self.pending.forget(item.id for item in items)


def remember(
    memory: MemoryStore, items: Iterable[RawItem], lines_of: dict[str, PageLines | None] | None = None
) -> None:
    """Count each text item's lines in its outlet's memory (``lines_of``: lines already split)."""
    for item in items:
        outlet = memory_key(item)
        if outlet is not None and item.media_type == "text/plain":
            lines = (lines_of or {}).get(item.id) or page_lines(item)
            memory.record_outlet_lines(outlet, item.id, list(lines.words), MAX_LINES_PER_OUTLET)
