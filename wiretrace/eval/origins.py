"""Scoring wire credits against PolNeAR's metadata (`wiretrace eval origins`).

PolNeAR's ``metadata.tsv`` gives each article a ``wire`` column: AP, AFP, UPI,
Reuters (any case), ``None`` (not a wire story) or ``NA`` (unknown: left out).
wiretrace's answer for an article is the wire its original publisher resolves
to in the registry (a credit in the text), else the wire another article of
its family of copies credits; an article crediting no wire answers ``None``.
Precision and recall are counted per wire and over all wires (an answer is
right when it names the gold wire).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wiretrace.article import ArticleStage
from wiretrace.errors import UsageError
from wiretrace.origins import OriginsStage
from wiretrace.origins.publishers import credits_someone, inherited_publishers
from wiretrace.records import Analysis, Article, RawItem, content_id
from wiretrace.registry import Registry
from wiretrace.store.sqlite import SQLiteStore

COMPARTMENTS = ("train", "dev")
# The wires PolNeAR's metadata names, as the registry names them.
WIRES = {
    "ap": "Associated Press",
    "afp": "Agence France-Presse",
    "upi": "United Press International",
    "reuters": "Reuters",
}
UNKNOWN = "na"
NOT_A_WIRE = "none"


@dataclass(frozen=True)
class WireCase:
    name: str  # compartment/filename
    text: str
    gold: str | None  # registry name of the wire, None for no wire


@dataclass(frozen=True)
class WireAnswer:
    case: WireCase
    predicted: str | None
    how: str  # credit method, "copy of <id>", or "none"


@dataclass
class Count:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass
class WireScores:
    per_wire: dict[str, Count] = field(default_factory=dict)
    overall: Count = field(default_factory=Count)
    answers: list[WireAnswer] = field(default_factory=list)

    def misses(self) -> list[WireAnswer]:
        return [a for a in self.answers if a.predicted != a.case.gold]

    def as_dict(self) -> dict:
        return {
            "articles": len(self.answers),
            "overall": self.overall.as_dict(),
            "per_wire": {wire: count.as_dict() for wire, count in self.per_wire.items()},
            "misses": [
                {"article": a.case.name, "gold": a.case.gold, "predicted": a.predicted, "how": a.how}
                for a in self.misses()
            ],
        }


def load_cases(root: Path, compartments: Sequence[str] = COMPARTMENTS) -> list[WireCase]:
    """PolNeAR articles with a known wire column (``NA`` left out)."""
    metadata = root / "metadata.tsv"
    if not metadata.is_file():
        raise UsageError(f"{root}: no metadata.tsv (expected PolNeAR's folder with train/ and dev/)")
    cases = []
    with metadata.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            label = (row.get("wire") or "").strip().lower()
            if row.get("compartment") not in compartments or label == UNKNOWN:
                continue
            if label != NOT_A_WIRE and label not in WIRES:
                raise UsageError(f"{metadata}, line {line}: unknown wire {row['wire']!r}")
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            try:
                text = path.read_text("utf-8")
            except OSError as error:
                raise UsageError(f"{metadata}, line {line}: cannot read {path} ({error.strerror})") from None
            cases.append(WireCase(f"{row['compartment']}/{row['filename']}", text, WIRES.get(label)))
    return cases


def evaluate(
    cases: Iterable[WireCase], registry: Registry | None = None, *, families: bool = True
) -> WireScores:
    """Each case through the article stage (and, with ``families``, the origins stage)."""
    registry = registry or Registry.load()
    stage = ArticleStage(registry)
    cases = list(cases)
    articles = [stage(RawItem(content_id(c.text), c.name, "text/plain", c.text)) for c in cases]
    inherited: dict[str, tuple[str, str]] = {}
    if families:
        inherited = _family_credits(articles)
    scores = WireScores(per_wire={name: Count() for name in WIRES.values()})
    for case, article in zip(cases, articles, strict=True):
        predicted, how = _answer(article, inherited.get(article.id), registry)
        scores.answers.append(WireAnswer(case, predicted, how))
        _count(scores, case.gold, predicted)
    return scores


def _answer(
    article: Article, inherited: tuple[str, str] | None, registry: Registry
) -> tuple[str | None, str]:
    if credits_someone(article):
        outlet = registry.lookup(article.value("original_publisher") or "")
        if outlet is not None and outlet.kind == "wire":
            return outlet.name, article.original_publisher.method  # type: ignore[union-attr]
        return None, "credits a non-wire"
    if inherited:
        outlet = registry.lookup(inherited[0])
        if outlet is not None and outlet.kind == "wire":
            return outlet.name, f"copy of {inherited[1]}"
    return None, "none"


def _count(scores: WireScores, gold: str | None, predicted: str | None) -> None:
    for wire, count in scores.per_wire.items():
        count.gold += gold == wire
        count.predicted += predicted == wire
        count.correct += gold == wire and predicted == wire
    scores.overall.gold += gold is not None
    scores.overall.predicted += predicted is not None
    scores.overall.correct += gold is not None and predicted == gold


def _family_credits(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """Copies among the articles, found by the origins stage in a scratch store."""
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "origins.db") as store:
        from wiretrace.store import Batch

        unique = list({article.id: article for article in articles}.values())
        items = [RawItem(a.id, a.source_path, "text/plain", "") for a in unique]
        analyses = [Analysis(item=item, article=a) for item, a in zip(items, unique, strict=True)]
        with store.transaction():
            store.write(Batch(items=items, analyses=analyses))
            OriginsStage().update(store, analyses)
        return inherited_publishers(store, [a.id for a in unique])
