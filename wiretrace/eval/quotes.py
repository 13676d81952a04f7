"""Scoring statements against PolNeAR-format attribution annotations.

PolNeAR (and any brat export in its shape) gives ``DIR/text/NAME.txt`` and
``DIR/attributions/NAME_<annotator>.ann``: ``T`` lines are Source, Cue and
Content spans (possibly discontinuous, ``start end;start end``), ``E`` lines tie
one Content to its Source and Cue. One annotator file per article is used (the
first by name): any one of them is a fair gold standard.

The matching rules are those of the statements issue:

- predicted and gold contents are paired greedily, one to one, best overlap
  (shared over joint characters) first; a pair matches under the *lenient* rule when the shared characters
  cover at least half of either span, under the *strict* rule when they cover
  at least 80% of the gold span;
- on matched pairs the speaker is right when the predicted speaker span
  overlaps the gold Source span, or when the gold Source span is a mention of
  the entity the prediction resolved to; a gold attribution without a Source
  is right only when the prediction names no speaker either;
- pair F1 counts a match as correct only when its speaker is right;
- every score is given for all attributions and for direct quotes (gold or
  predicted content holding a quotation mark);
- exact spans, per element (content, source, cue), the way span taggers are
  scored: both sides' spans are trimmed of spaces, quotation marks and
  punctuation at their edges and of a leading "that", "whether", "if" or "to",
  a discontinuous gold span counts as its hull, and a predicted span is right
  only when it equals a gold span of the same element (one to one).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wiretrace.errors import UsageError
from wiretrace.records import Analysis

QUOTE_MARKS = frozenset('"“”«»„')
LENIENT_SHARE = 0.5  # the lenient rule: overlap covers >= 50% of either span
STRICT_SHARE = 0.8  # the strict rule: overlap covers >= 80% of the gold span

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    content: Fragments
    content_text: str
    source: Fragments | None = None
    cue: Fragments | None = None

    @property
    def is_direct(self) -> bool:
        return any(mark in self.content_text for mark in QUOTE_MARKS)


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Predicted:
    """One predicted statement, reduced to what scoring needs (offsets into the document text)."""

    start: int
    end: int
    text: str
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    # every span of the document that mentions the entity the speaker resolved to
    speaker_mentions: tuple[tuple[int, int], ...] = ()

    @property
    def is_direct(self) -> bool:
        return any(mark in self.text for mark in QUOTE_MARKS)


# -- reading brat ----------------------------------------------------------------


def parse_fragments(spec: str) -> Fragments:
    """``"315 448;463 553"`` as ((315, 448), (463, 553))."""
    pieces = []
    for piece in spec.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def parse_ann(text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file (E lines tying T spans together)."""
    spans: dict[str, tuple[str, Fragments, str]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, spec = fields[1].partition(" ")
            spans[fields[0]] = (label, parse_fragments(spec), fields[2] if len(fields) > 2 else "")
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append(roles)
    found = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        found.append(
            GoldAttribution(
                content=content[1],
                content_text=content[2],
                source=source[1] if source else None,
                cue=cue[1] if cue else None,
            )
        )
    return tuple(found)


def load_polnear(folder: Path) -> list[GoldDocument]:
    """Every article of a PolNeAR-format folder with its first annotator's attributions."""
    texts = folder / "text"
    annotations = folder / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise UsageError(f"{folder} is not PolNeAR-format data: it needs text/ and attributions/ folders")
    documents = []
    for path in sorted(texts.glob("*.txt")):
        candidates = sorted(annotations.glob(f"{path.stem}_*.ann"))
        if not candidates:
            continue
        text = path.read_text("utf-8")
        gold = parse_ann(candidates[0].read_text("utf-8"))
        documents.append(GoldDocument(path.stem, text, gold))
    if not documents:
        raise UsageError(f"{folder} holds no article with an annotation file")
    return documents


# -- matching --------------------------------------------------------------------


def _length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _shared(fragments: Fragments, start: int, end: int) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in fragments)


def _overlaps(a: tuple[int, int], fragments: Iterable[tuple[int, int]]) -> bool:
    return any(min(a[1], end) > max(a[0], start) for start, end in fragments)


def matches(gold: GoldAttribution, predicted: Predicted, rule: str) -> bool:
    shared = _shared(gold.content, predicted.start, predicted.end)
    gold_length = max(_length(gold.content), 1)
    if rule == "strict":
        return shared / gold_length >= STRICT_SHARE
    predicted_length = max(predicted.end - predicted.start, 1)
    return shared / gold_length >= LENIENT_SHARE or shared / predicted_length >= LENIENT_SHARE


def speaker_right(gold: GoldAttribution, predicted: Predicted) -> bool:
    if gold.source is None:
        return predicted.speaker is None
    if predicted.speaker is None:
        return False
    if _overlaps(predicted.speaker, gold.source):
        return True
    return any(_overlaps(mention, gold.source) for mention in predicted.speaker_mentions)


def greedy_pairs(
    gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], rule: str
) -> list[tuple[int, int]]:
    """Gold/predicted index pairs, one to one, best-overlapping pairs first (shared characters
    over the characters of both, so an exact match wins over a wider one that covers it)."""
    candidates = []
    for g, attribution in enumerate(gold):
        for p, prediction in enumerate(predicted):
            if matches(attribution, prediction, rule):
                shared = _shared(attribution.content, prediction.start, prediction.end)
                union = _length(attribution.content) + (prediction.end - prediction.start) - shared
                candidates.append((-shared / max(union, 1), g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        pairs.append((g, p))
    return pairs


# -- scores ----------------------------------------------------------------------


@dataclass
class SpanTally:
    """Counts of gold, predicted and matched items (exact spans of one element, or contents)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, other: SpanTally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched

    def scores(self) -> dict[str, float | int]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_f1(precision, recall), 4),
        }


@dataclass
class Tally(SpanTally):
    """Matched contents, and how many of them have the right speaker."""

    speaker_right: int = 0

    def add(self, other: Tally) -> None:  # type: ignore[override]
        super().add(other)
        self.speaker_right += other.speaker_right

    def scores(self) -> dict[str, float | int]:
        pair_precision = self.speaker_right / self.predicted if self.predicted else 0.0
        pair_recall = self.speaker_right / self.gold if self.gold else 0.0
        return {
            **super().scores(),
            "speaker_accuracy": round(self.speaker_right / self.matched, 4) if self.matched else 0.0,
            "pair_f1": round(_f1(pair_precision, pair_recall), 4),
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def tally(gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], rule: str) -> Tally:
    pairs = greedy_pairs(gold, predicted, rule)
    right = sum(speaker_right(gold[g], predicted[p]) for g, p in pairs)
    return Tally(len(gold), len(predicted), len(pairs), right)


SUBSETS = ("all", "direct")
RULES = ("lenient", "strict")
ELEMENTS = ("content", "source", "cue")

# What exact matching trims from a span's edges (both sides), besides any space: quotation marks, punctuation.
_EDGE = frozenset("\"'“”‘’«»„‚.,;:!?()[]{}—–-…")
_LEADING_WORD = re.compile(r"(?:that|whether|if|to)\s+", re.IGNORECASE)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A span without its edge punctuation and leading complementiser (None when nothing is left)."""
    start, end = _strip_edges(text, start, end)
    leading = _LEADING_WORD.match(text, start, end)
    if leading:
        start, end = _strip_edges(text, leading.end(), end)
    return (start, end) if end > start else None


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    return start, end


def _hull(fragments: Fragments | None) -> tuple[int, int] | None:
    if not fragments:
        return None
    return min(start for start, _ in fragments), max(end for _, end in fragments)


def _trimmed_spans(text: str, spans: Iterable[tuple[int, int] | None]) -> Counter[tuple[int, int]]:
    kept = (trim(text, *span) for span in spans if span is not None)
    return Counter(span for span in kept if span is not None)


def gold_element(attribution: GoldAttribution, element: str) -> tuple[int, int] | None:
    return _hull(getattr(attribution, element))


def predicted_element(prediction: Predicted, element: str) -> tuple[int, int] | None:
    if element == "content":
        return prediction.start, prediction.end
    return prediction.speaker if element == "source" else prediction.cue


def exact_tally(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], element: str
) -> SpanTally:
    """Exact matches of one element's trimmed spans, one to one (a span shared by several
    attributions, as a speaker of several quotes is, counts once per attribution)."""
    gold_spans = _trimmed_spans(text, (gold_element(g, element) for g in gold))
    predicted_spans = _trimmed_spans(text, (predicted_element(p, element) for p in predicted))
    matched = sum((gold_spans & predicted_spans).values())
    return SpanTally(sum(gold_spans.values()), sum(predicted_spans.values()), matched)


@dataclass
class Evaluation:
    """Tallies per subset and rule, and exact-span tallies per element, summed over documents."""

    documents: int = 0
    tallies: dict[tuple[str, str], Tally] = field(
        default_factory=lambda: {(subset, rule): Tally() for subset in SUBSETS for rule in RULES}
    )
    exact: dict[str, SpanTally] = field(
        default_factory=lambda: {element: SpanTally() for element in ELEMENTS}
    )

    def add_document(
        self, gold: Sequence[GoldAttribution], predicted: Sequence[Predicted], text: str | None = None
    ) -> None:
        """Score one document; exact spans are scored only when its text is given (trimming reads it)."""
        self.documents += 1
        direct_gold = [g for g in gold if g.is_direct]
        direct_predicted = [p for p in predicted if p.is_direct]
        for rule in RULES:
            self.tallies["all", rule].add(tally(gold, predicted, rule))
            self.tallies["direct", rule].add(tally(direct_gold, direct_predicted, rule))
        if text is not None:
            for element in ELEMENTS:
                self.exact[element].add(exact_tally(text, gold, predicted, element))

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            **{subset: {rule: self.tallies[subset, rule].scores() for rule in RULES} for subset in SUBSETS},
            "exact": {element: self.exact[element].scores() for element in ELEMENTS},
        }


# -- running wiretrace over a PolNeAR folder ----------------------------------------


def predictions(analysis: Analysis) -> list[Predicted]:
    """An analysis's statements as scoring sees them (input offsets, speaker's entity mentions)."""
    mentions = {
        entity.name: tuple((span.start, span.end) for span in entity.mentions) for entity in analysis.entities
    }
    found = []
    for statement in analysis.statements:
        speaker = statement.speaker
        found.append(
            Predicted(
                start=statement.start,
                end=statement.end,
                text=statement.text,
                speaker=(speaker.start, speaker.end) if speaker else None,
                cue=(statement.cue.start, statement.cue.end) if statement.cue else None,
                speaker_mentions=mentions.get(speaker.name, ()) if speaker and speaker.name else (),
            )
        )
    return found


def analyse_documents(documents: Sequence[GoldDocument], batch_size: int = 16) -> list[Analysis | None]:
    """Run the article and statements stages over gold documents (None where the article
    stage refused one). Later stages (dates, ...) add nothing that is scored here."""
    from wiretrace.records import RawItem, content_id

    analyse = _analyser()
    results: list[Analysis | None] = []
    for first in range(0, len(documents), batch_size):
        chunk = documents[first : first + batch_size]
        items = [RawItem(content_id(d.text), d.name, "text/plain", d.text) for d in chunk]
        analyses, _ = analyse(items)
        by_id = {analysis.item.id: analysis for analysis in analyses}
        results.extend(by_id.get(item.id) for item in items)
    return results


@cache
def _analyser():
    """One analyser per process: the statements stage holds the spaCy pipeline and the cue
    model, the article stage the outlet registry (parsing its YAML costs about as much as
    analysing five articles, so a benchmark calling this per slice of data must not pay it
    again each time)."""
    from wiretrace.pipeline import Analyser
    from wiretrace.statements import StatementStage

    return Analyser(stages=[StatementStage()])


def evaluate(documents: Sequence[GoldDocument]) -> Evaluation:
    evaluation = Evaluation()
    for document, analysis in zip(documents, analyse_documents(documents), strict=True):
        evaluation.add_document(
            document.attributions, predictions(analysis) if analysis else [], text=document.text
        )
    return evaluation
