"""The outlet memory tables (migration 0010) in portable SQL, shared by every SQL backend.

A backend mixes ``MemorySQL`` in and provides ``_execute`` and ``_executemany``
(``?`` placeholders). Reads go by (outlet, fingerprint) and by fingerprint,
both indexed; an outlet's lines are pruned to ``MAX_LINES_PER_OUTLET`` as its
pages are recorded, so the tables grow with the number of outlets, never with
the number of pages. What the counts mean is the article stage's business
(``wiretrace/article/memory.py``); this module only keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

CHUNK = 500  # fingerprints per IN list, well under every backend's limit on parameters


class MemorySQL:
    """Line fingerprints per outlet (``outlet_lines``) and the pages counted (``outlet_pages``)."""

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:  # provided by the backend
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _counted(self, outlet: str, item_id: str) -> bool:
        """Whether this page's lines are already counted in its outlet's memory."""
        return bool(
            self._execute(
                "SELECT 1 FROM outlet_pages WHERE outlet = ? AND item_id = ?", (outlet, item_id)
            ).fetchone()
        )

    def outlet_line_counts(
        self, outlet: str, fingerprints: list[int], item_id: str
    ) -> dict[int, tuple[int, int]]:
        # a page read again: its own visit is not evidence
        discount = 1 if self._counted(outlet, item_id) else 0
        counts: dict[int, tuple[int, int]] = {}
        unique = list(dict.fromkeys(fingerprints))
        for chunk in (unique[start : start + CHUNK] for start in range(0, len(unique), CHUNK)):
            marks = ",".join("?" * len(chunk))
            pages = {
                row[0]: row[1] - discount
                for row in self._execute(
                    f"SELECT fingerprint, pages FROM outlet_lines WHERE outlet = ? AND fingerprint IN ({marks})",
                    (outlet, *chunk),
                ).fetchall()
                if row[1] - discount > 0
            }
            if not pages:
                continue
            found = list(pages)
            marks = ",".join("?" * len(found))
            for row in self._execute(
                f"SELECT fingerprint, count(*) FROM outlet_lines WHERE fingerprint IN ({marks}) GROUP BY fingerprint",
                found,
            ).fetchall():
                counts[row[0]] = (pages[row[0]], row[1])
        return counts

    def record_outlet_lines(self, outlet: str, item_id: str, fingerprints: list[int], max_lines: int) -> None:
        if self._counted(outlet, item_id):
            return
        row = self._execute("SELECT max(page) FROM outlet_pages WHERE outlet = ?", (outlet,)).fetchone()
        page = (row[0] or 0) + 1
        self._execute(
            "INSERT INTO outlet_pages (outlet, item_id, page) VALUES (?, ?, ?)", (outlet, item_id, page)
        )
        self._executemany(
            "INSERT INTO outlet_lines (outlet, fingerprint, pages, last_page) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (outlet, fingerprint) DO UPDATE SET pages = outlet_lines.pages + 1, "
            "last_page = excluded.last_page",
            [(outlet, fp, page) for fp in dict.fromkeys(fingerprints)],
        )
        self._prune_outlet_lines(outlet, max_lines)

    def _prune_outlet_lines(self, outlet: str, max_lines: int) -> None:
        """Keep the outlet's ``max_lines`` most telling lines: most pages, then most recent."""
        total = self._execute("SELECT count(*) FROM outlet_lines WHERE outlet = ?", (outlet,)).fetchone()[0]
        excess = total - max_lines
        if excess <= 0:
            return
        self._execute(
            "DELETE FROM outlet_lines WHERE outlet = ? AND fingerprint IN (SELECT fingerprint FROM outlet_lines "
            "WHERE outlet = ? ORDER BY pages, last_page LIMIT ?)",
            (outlet, outlet, excess),
        )
