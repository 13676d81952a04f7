"""The outlet memory's tables (migration 0010): line fingerprints per outlet and the
pages counted.

``tables(store)`` gives the SQL over a store, written once with ``?``
placeholders for every backend and run through the store's core
(``store.execute``). Reads go by (outlet, fingerprint) and by fingerprint, both
indexed; an outlet's lines are pruned to ``MAX_LINES_PER_OUTLET`` as its pages
are recorded, so the tables grow with the number of outlets, never with the
number of pages. What the counts mean is ``memory.py``'s business; this module
only keeps them.
"""

from __future__ import annotations

from wiretrace.store import Store
from wiretrace.store.core import chunks, marks

__all__ = ["OutletMemoryTables", "tables"]


class OutletMemoryTables:
    """Line fingerprints per outlet (``outlet_lines``) and the pages counted (``outlet_pages``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _counted(self, outlet: str, item_id: str) -> bool:
        """Whether this page's lines are already counted in its outlet's memory."""
        return bool(
            self.store.execute(
                "SELECT 1 FROM outlet_pages WHERE outlet = ? AND item_id = ?", (outlet, item_id)
            ).fetchone()
        )

    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        """For each of these lines seen on the outlet's pages: (pages of the outlet it was
        on, outlets it was on), leaving out what ``item_id`` itself contributed."""
        # a page read again: its own visit is not evidence
        discount = 1 if self._counted(outlet, item_id) else 0
        counts: dict[int, tuple[int, int]] = {}
        for chunk in chunks(dict.fromkeys(fingerprints)):
            pages = {
                row[0]: row[1] - discount
                for row in self.store.execute(
                    f"SELECT fingerprint, pages FROM outlet_lines WHERE outlet = ? AND fingerprint IN ({marks(chunk)})",
                    (outlet, *chunk),
                ).fetchall()
                if row[1] - discount > 0
            }
            if not pages:
                continue
            found = list(pages)
            for row in self.store.execute(
                f"SELECT fingerprint, count(*) FROM outlet_lines WHERE fingerprint IN ({marks(found)}) "
                "GROUP BY fingerprint",
                found,
            ).fetchall():
                counts[row[0]] = (pages[row[0]], row[1])
        return counts

    def record_outlet_lines(self, outlet: str, item_id: str, fingerprints: list[int], max_lines: int) -> None:
        """Count a page's lines in its outlet's memory, once per page; keep at most
        ``max_lines`` lines for the outlet."""
        if self._counted(outlet, item_id):
            return
        row = self.store.execute("SELECT max(page) FROM outlet_pages WHERE outlet = ?", (outlet,)).fetchone()
        page = (row[0] or 0) + 1
        self.store.execute(
            "INSERT INTO outlet_pages (outlet, item_id, page) VALUES (?, ?, ?)", (outlet, item_id, page)
        )
        self.store.executemany(
            "INSERT INTO outlet_lines (outlet, fingerprint, pages, last_page) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (outlet, fingerprint) DO UPDATE SET pages = outlet_lines.pages + 1, "
            "last_page = excluded.last_page",
            [(outlet, fp, page) for fp in dict.fromkeys(fingerprints)],
        )
        self._prune_outlet_lines(outlet, max_lines)

    def _prune_outlet_lines(self, outlet: str, max_lines: int) -> None:
        """Keep the outlet's ``max_lines`` most telling lines: most pages, then most recent."""
        total = self.store.execute(
            "SELECT count(*) FROM outlet_lines WHERE outlet = ?", (outlet,)
        ).fetchone()[0]
        excess = total - max_lines
        if excess <= 0:
            return
        self.store.execute(
            "DELETE FROM outlet_lines WHERE outlet = ? AND fingerprint IN (SELECT fingerprint FROM outlet_lines "
            "WHERE outlet = ? ORDER BY pages, last_page LIMIT ?)",
            (outlet, outlet, excess),
        )


def tables(store: Store) -> OutletMemoryTables:
    """The outlet memory's tables in ``store`` (one per store)."""
    return store.repository(OutletMemoryTables)
