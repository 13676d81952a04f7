"""Body extraction scored as the article-extraction benchmark scores it.

Each page's body is compared with its gold body as multisets of 4-word
shingles (words are runs of ``\\w``, so any language tokenises); the page's
true positives, false positives and false negatives are normalised to sum to
one, so long pages weigh no more than short ones. Precision and recall are
averaged over pages (a page with nothing predicted has no precision, a page
with an empty gold body no recall), and F1 is their harmonic mean. Gold files
are in the benchmark's format: ``{page_id: {"articleBody": text}}``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text or "")
    return Counter(
        tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words[i : i + size]
    )


@dataclass(frozen=True)
class PageScore:
    """One page: shares of true positive, false positive and false negative shingles."""

    page: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def score_page(page: str, gold: str, predicted: str) -> PageScore:
    true, found = shingles(gold), shingles(predicted)
    tp = sum((true & found).values())
    fp = sum((found - true).values())
    fn = sum((true - found).values())
    total = tp + fp + fn
    if total:
        return PageScore(page, tp / total, fp / total, fn / total)
    return PageScore(page, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    mean_page_f1: float
    pages: int

    def figures(self) -> dict[str, float | int]:
        """The figures as reports print them, to four places."""
        return {
            "pages": self.pages,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "mean_page_f1": round(self.mean_page_f1, 4),
        }


def summarise(scores: Iterable[PageScore]) -> Summary:
    scores = list(scores)
    # A page with nothing predicted has precision 0 in the benchmark only when it has gold text.
    precisions = [s.precision if s.precision is not None else 0.0 for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall if s.recall is not None else 0.0 for s in scores if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    mean_f1 = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    return Summary(precision, recall, f1, mean_f1, len(scores))


def load_gold(path: Path) -> dict[str, str]:
    """Gold bodies by page id, from the benchmark's JSON or from JSON Lines of {id, body}."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        rows = (json.loads(line) for line in text.splitlines() if line.strip())
        return {row["id"]: row.get("body") or row.get("articleBody") or "" for row in rows}
    data = json.loads(text)
    return {key: (value or {}).get("articleBody") or "" for key, value in data.items()}


def evaluate(gold: Mapping[str, str], extract: Callable[[str], str]) -> list[PageScore]:
    """Score ``extract(page_id)`` against every gold page."""
    return [score_page(page, body, extract(page)) for page, body in gold.items()]
