"""TimeML documents and the TempEval-3 measures for temporal expressions.

A TimeML file holds the document creation time in ``<DCT>`` and the text in
``<TEXT>``, with gold ``<TIMEX3 type=... value=...>`` tags around the temporal
expressions. ``read_timeml`` strips every tag (and decodes entities) to get
the plain text a system sees, keeping the gold expressions as offsets into
that text. ``score`` compares a system's expressions with the gold ones the
way TempEval-3 does (UzZaman et al., 2013):

- strict recognition: a system expression matches a gold one with the same span;
- relaxed recognition: the spans overlap (each expression matches at most once);
- type and value: over the relaxed matches, the share with the right attribute
  (accuracy), and ``F1 x accuracy`` (the attribute F1 of the TempEval-3 tables).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wiretrace.errors import UsageError

# Tags, entities and the text between them, in document order.
_PIECES = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]")
_ATTRIBUTE = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_DCT_VALUE = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class Timex:
    """A temporal expression as offsets into a document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class Document:
    name: str
    dct: date
    text: str
    gold: tuple[Timex, ...]


def read_timeml(path: Path) -> Document:
    """One TimeML file as plain text, its creation date and gold expressions."""
    source = path.read_text("utf-8", errors="replace")
    dct_tag = _DCT_VALUE.search(source)
    if dct_tag is None:
        raise UsageError(f"{path}: no document creation time (a TIMEX3 with CREATION_TIME)")
    dct_value = dict(_ATTRIBUTE.findall(dct_tag.group(0))).get("value", "")
    try:
        dct = date.fromisoformat(dct_value[:10])
    except ValueError:
        raise UsageError(f"{path}: the creation time {dct_value!r} is not a date") from None
    body = _TEXT.search(source)
    if body is None:
        raise UsageError(f"{path}: no <TEXT> element")
    text, gold = strip_tags(body.group(1))
    return Document(path.name, dct, text, tuple(gold))


def strip_tags(marked: str) -> tuple[str, list[Timex]]:
    """Plain text of a TimeML fragment and its TIMEX3s as offsets into that text."""
    parts: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in _PIECES.findall(marked):
        if piece.startswith("<") and len(piece) > 1:
            name = re.match(r"</?\s*([\w:]+)", piece)
            tag = name.group(1).upper() if name else ""
            if tag == "TIMEX3" and not piece.startswith("</"):
                open_timex = (length, dict(_ATTRIBUTE.findall(piece)))
            elif tag == "TIMEX3" and open_timex is not None:
                start, attributes = open_timex
                text = "".join(parts)[start:length]
                gold.append(_timex(start, length, text, attributes))
                open_timex = None
            continue
        decoded = html.unescape(piece) if piece.startswith("&") else piece
        parts.append(decoded)
        length += len(decoded)
    return "".join(parts), gold


def _timex(start: int, end: int, text: str, attributes: dict[str, str]) -> Timex:
    # Gold spans sometimes carry surrounding blanks; a system's never do.
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return Timex(start, start + len(stripped), stripped, attributes.get("type", ""), attributes.get("value"))


def read_corpus(folder: Path) -> list[Document]:
    """Every ``*.tml`` file under ``folder``, in name order."""
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a directory")
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise UsageError(f"no TimeML (*.tml) files under {folder}")
    return [read_timeml(path) for path in files]


# -- scoring -------------------------------------------------------------------------


@dataclass
class Counts:
    """Counts over a corpus, from which every measure follows."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_right: int = 0
    value_right: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_right", "value_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Measures:
    """The TempEval-3 figures for temporal expressions."""

    documents: int
    gold: int
    system: int
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float
    type_f1: float
    value_accuracy: float
    value_f1: float
    errors: list[dict] = field(default_factory=list, compare=False)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "errors"}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def match(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """Relaxed one-to-one matches: each gold expression pairs with the first unused overlapping one."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    for expected in gold:
        overlapping = [
            (index, found)
            for index, found in enumerate(system)
            if index not in used and found.start < expected.end and expected.start < found.end
        ]
        if not overlapping:
            continue
        # An exact span wins over a mere overlap, then the largest overlap.
        index, found = max(
            overlapping,
            key=lambda pair: (
                (pair[1].start, pair[1].end) == (expected.start, expected.end),
                min(pair[1].end, expected.end) - max(pair[1].start, expected.start),
            ),
        )
        used.add(index)
        pairs.append((expected, found))
    return pairs


def count(gold: Sequence[Timex], system: Sequence[Timex]) -> tuple[Counts, list[tuple[Timex, Timex]]]:
    pairs = match(gold, system)
    counts = Counts(gold=len(gold), system=len(system), relaxed=len(pairs))
    for expected, found in pairs:
        counts.strict += (expected.start, expected.end) == (found.start, found.end)
        counts.type_right += expected.type == found.type
        counts.value_right += expected.value == found.value
    return counts, pairs


def measures(counts: Counts, documents: int, errors: list[dict] | None = None) -> Measures:
    strict_p, strict_r = _ratio(counts.strict, counts.system), _ratio(counts.strict, counts.gold)
    relaxed_p, relaxed_r = _ratio(counts.relaxed, counts.system), _ratio(counts.relaxed, counts.gold)
    relaxed_f1 = _f1(relaxed_p, relaxed_r)
    type_accuracy = _ratio(counts.type_right, counts.relaxed)
    value_accuracy = _ratio(counts.value_right, counts.relaxed)
    return Measures(
        documents=documents,
        gold=counts.gold,
        system=counts.system,
        strict_precision=strict_p,
        strict_recall=strict_r,
        strict_f1=_f1(strict_p, strict_r),
        relaxed_precision=relaxed_p,
        relaxed_recall=relaxed_r,
        relaxed_f1=relaxed_f1,
        type_accuracy=type_accuracy,
        type_f1=relaxed_f1 * type_accuracy,
        value_accuracy=value_accuracy,
        value_f1=relaxed_f1 * value_accuracy,
        errors=errors or [],
    )


System = Callable[[str, date], Iterable[Timex]]


def evaluate(documents: Sequence[Document], system: System) -> Measures:
    """Run ``system`` on every document's plain text and DCT; score against the gold."""
    total = Counts()
    errors: list[dict] = []
    for document in documents:
        found = sorted(system(document.text, document.dct), key=lambda t: (t.start, t.end))
        counts, pairs = count(document.gold, found)
        total.add(counts)
        errors.extend(_errors(document, pairs, found))
    return measures(total, len(documents), errors)


def _errors(document: Document, pairs: list[tuple[Timex, Timex]], found: Sequence[Timex]) -> list[dict]:
    """What went wrong in one document, for people tuning a system."""
    matched_gold = {id(expected) for expected, _ in pairs}
    matched_system = {id(got) for _, got in pairs}
    rows = [
        {"doc": document.name, "kind": "missed", "gold": g}
        for g in document.gold
        if id(g) not in matched_gold
    ]
    rows += [
        {"doc": document.name, "kind": "spurious", "system": s} for s in found if id(s) not in matched_system
    ]
    for expected, got in pairs:
        if expected.value != got.value or expected.type != got.type:
            rows.append({"doc": document.name, "kind": "attribute", "gold": expected, "system": got})
        elif (expected.start, expected.end) != (got.start, got.end):
            rows.append({"doc": document.name, "kind": "span", "gold": expected, "system": got})
    for row in rows:
        row["dct"] = document.dct.isoformat()
    return rows
