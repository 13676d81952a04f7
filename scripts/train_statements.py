"""Train the statements stage's span-edge models, shipped in wiretrace/models/spans.json
(run by `make train-statements`, after the cue model).

Reads PolNeAR train from ../shared/eval/polnear (never copied into the
repository) and parses it exactly as the statements stage does. Every cue and
speaker the stage finds by its rules whose head lies in a gold Cue or Source
span becomes a walk: from the rules' span outwards, one token at a time on each
side, each token labelled by whether the gold span (its hull when split) holds
it, until the first token it does not. A content the rules end inside its
cue's sentence walks rightwards only, labelled by the gold Content holding its
first character. A logistic regression per kind (scikit-learn) learns those
steps; the regularisation strength and the probability a step must reach are
chosen by 5-fold cross-validation over articles of train, by the share of walks
grown exactly to the gold span. PolNeAR dev is only scored at the end
(`wiretrace eval quotes`). Weights are written as plain JSON (no pickle), small
ones dropped.

    .venv/bin/python scripts/train_statements.py [--polnear ../shared/eval/polnear]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_cues import articles

from wiretrace.eval.quotes import GoldDocument, load_polnear, trim
from wiretrace.statements import (
    StatementStage,
    Text,
    article_text,
    parse_chunks,
    spans,
    within_budget,
)
from wiretrace.statements.extract import (
    Parsed,
    content_reach,
    cue_tokens,
    find_frames,
)
from wiretrace.statements.marks import find_quotes

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "wiretrace" / "models" / spans.MODEL_FILE
PRUNE = 0.05  # smaller weights are dropped from the file (cross-validation scores unpruned models; dev, the shipped file)
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
FOLDS = 5


@dataclass
class Walk:
    """One span to grow: its head, the rules' token range, the sentence, and the gold token range."""

    article: int
    head: object  # spaCy Token
    first: int
    last: int
    bounds: tuple[int, int]
    gold: tuple[int, int]  # token indexes of the gold span (first, last)


def gold_hulls(document: GoldDocument, element: str) -> list[tuple[int, int]]:
    hulls = []
    for attribution in document.attributions:
        fragments = getattr(attribution, element)
        if fragments:
            trimmed = trim(document.text, min(a for a, _ in fragments), max(b for _, b in fragments))
            if trimmed:
                hulls.append(trimmed)
    return hulls


def _token_range(
    doc, base: int, text, hull: tuple[int, int], bounds: tuple[int, int]
) -> tuple[int, int] | None:
    """The sentence's tokens whose source offsets lie inside a gold hull (None when none do)."""
    inside = []
    for i in range(*bounds):
        token = doc[i]
        start, end = text.to_source(base + token.idx, base + token.idx + len(token.text))
        if hull[0] <= start and end <= hull[1]:
            inside.append(i)
    return (inside[0], inside[-1]) if inside else None


@dataclass
class Parse:
    """One article of train as the stage reads it: its text, quotes and parsed chunks."""

    number: int
    document: GoldDocument
    text: Text
    quotes: list
    parsed: Parsed


def parses(documents: list[GoldDocument], stage: StatementStage) -> list[Parse]:
    """Every article the article stage accepts, parsed exactly as the statements stage parses it."""
    found = []
    for number, (document, analysis) in enumerate(zip(documents, articles(documents), strict=True)):
        if analysis is None:
            continue
        text = article_text(analysis.article, analysis.item.content)
        quotes = find_quotes(text.text, Counter())
        parts = within_budget(parse_chunks(text.text, quotes, stage.triggers), text.text, Counter())
        parsed = Parsed()
        for (start, end), doc in zip(parts, stage.nlp.pipe(text.text[s:e] for s, e in parts), strict=True):
            del end
            parsed.add(doc, start)
        found.append(Parse(number, document, text, quotes, parsed))
    return found


def walks(articles_parsed: list[Parse], stage: StatementStage) -> dict[str, list[Walk]]:
    """The cue, source and content walks of every article, from the stage's rules alone."""
    found: dict[str, list[Walk]] = {"cue": [], "source": [], "content": []}
    for parse in articles_parsed:
        number, text, parsed = parse.number, parse.text, parse.parsed
        hulls = {element: gold_hulls(parse.document, element) for element in found}
        for frame in find_frames(parsed, text.text, parse.quotes, stage.model):
            sentence = parsed.sentences[frame.sentence]
            bounds = (sentence.span.start, sentence.span.end)
            first, last = cue_tokens(frame.cue)
            walk = _walk(number, frame.cue, first, last, bounds, sentence.base, text, hulls["cue"])
            if walk:
                found["cue"].append(walk)
            if frame.speaker is not None:
                speaker = frame.speaker
                walk = _walk(
                    number,
                    speaker.root,
                    speaker.start,
                    speaker.end - 1,
                    bounds,
                    sentence.base,
                    text,
                    hulls["source"],
                )
                if walk:
                    found["source"].append(walk)
            if frame.content is not None:
                walk = _content_walk(number, frame, bounds, sentence.base, text, hulls["content"])
                if walk:
                    found["content"].append(walk)
    return found


def _content_walk(number, frame, bounds, base, text, hulls) -> Walk | None:
    """A content that may run on: from its last token to where it must stop, labelled by the
    gold content holding its first character (none holding it: no walk)."""
    reach = content_reach(frame.content, frame.cue, base, bounds, text.text)
    if reach is None:
        return None
    last, stop = reach
    start, _ = text.to_source(frame.content[0], frame.content[0] + 1)
    hull = next((h for h in hulls if h[0] <= start < h[1]), None)
    if hull is None:
        return None
    inside = _token_range(frame.cue.doc, base, text, hull, (last, stop))
    gold_last = inside[1] if inside and inside[0] == last else last  # the gold ends sooner: stay
    return Walk(number, frame.cue, last, last, (last, stop), (last, gold_last))


def _walk(number, head, first, last, bounds, base, text, hulls) -> Walk | None:
    start, end = text.to_source(base + head.idx, base + head.idx + len(head.text))
    hull = next((h for h in hulls if h[0] <= start and end <= h[1]), None)
    if hull is None:
        return None
    gold = _token_range(head.doc, base, text, hull, bounds)
    return Walk(number, head, first, last, bounds, gold) if gold else None


def steps(walk: Walk) -> tuple[list[dict], list[int]]:
    """The labelled steps of one walk: outwards on each side until the gold span ends."""
    rows, labels = [], []
    doc = walk.head.doc
    for side, direction, edge, limit in (
        ("L", -1, walk.first, walk.bounds[0]),
        ("R", 1, walk.last, walk.bounds[1] - 1),
    ):
        index = edge
        while index != limit and abs(index - edge) < spans.MAX_GROWTH:
            index += direction
            inside = walk.gold[0] <= index <= walk.gold[1]
            rows.append(spans.features(doc[index], walk.head, side, abs(index - walk.head.i)))
            labels.append(int(inside))
            if not inside:
                break
    return rows, labels


def grown_right(model: spans.EdgeModel, walk: Walk) -> bool:
    first, last = model.grow(walk.head, walk.first, walk.last, walk.bounds)
    return _trimmed(walk, first, last) == _trimmed(walk, *walk.gold)


def _trimmed(walk: Walk, first: int, last: int) -> tuple[int, int]:
    """A token range without punctuation at its edges (as scoring trims spans)."""
    doc = walk.head.doc
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return first, last


def fit(examples: list[Walk], c: float) -> tuple[DictVectorizer, LogisticRegression] | None:
    rows, labels = [], []
    for walk in examples:
        more_rows, more_labels = steps(walk)
        rows += more_rows
        labels += more_labels
    if len(set(labels)) < 2:
        return None
    vectorizer = DictVectorizer()
    regression = LogisticRegression(C=c, max_iter=3000)
    regression.fit(vectorizer.fit_transform(rows), labels)
    return vectorizer, regression


def to_model(fitted, threshold: float, prune: float = 0.0) -> spans.EdgeModel:
    vectorizer, regression = fitted
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
        if abs(weight) >= prune
    }
    return spans.EdgeModel(weights, round(float(regression.intercept_[0]), 4), threshold)


def cross_validate(examples: list[Walk]) -> dict[tuple[float, float], float]:
    """Share of walks grown to the gold span, per (C, threshold), over held-out folds."""
    right: Counter[tuple[float, float]] = Counter()
    groups = [walk.article for walk in examples]
    for train_index, test_index in GroupKFold(FOLDS).split(examples, groups=groups):
        train = [examples[i] for i in train_index]
        test = [examples[i] for i in test_index]
        for c in C_GRID:
            fitted = fit(train, c)
            if fitted is None:
                continue
            for threshold in THRESHOLDS:
                model = to_model(fitted, threshold)
                right[c, threshold] += sum(grown_right(model, walk) for walk in test)
    return {key: count / len(examples) for key, count in right.items()}


def baseline(examples: list[Walk]) -> float:
    """Share of walks whose rules' span already equals the gold span."""
    return sum(_trimmed(w, w.first, w.last) == _trimmed(w, *w.gold) for w in examples) / len(examples)


def _as_json(model: spans.EdgeModel) -> dict:
    return {"threshold": model.threshold, "bias": model.bias, "weights": dict(sorted(model.weights.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    stage = StatementStage()
    train = parses(load_polnear(args.polnear / "train"), stage)
    found = walks(train, stage)
    models, report = {}, {}
    for kind, examples in found.items():
        scores = cross_validate(examples)
        (c, threshold), share = max(scores.items(), key=lambda pair: (pair[1], -pair[0][0]))
        rules = baseline(examples)
        print(
            f"{kind}: {len(examples):,} walks; rules' span right on {rules:.3f}; learned, "
            f"{FOLDS}-fold cross-validated: {share:.3f} (C={c}, threshold={threshold})",
            file=sys.stderr,
        )
        models[kind] = _as_json(to_model(fit(examples, c), threshold, PRUNE))
        report[kind] = {
            "walks": len(examples),
            "rules": round(rules, 4),
            "cross_validated": round(share, 4),
            "C": c,
        }
    payload = {
        "about": "Span-edge models (cue, source, content) of wiretrace's statements stage: logistic "
        "regressions over the parse around a span's edge, trained on PolNeAR train by "
        "scripts/train_statements.py; C and thresholds chosen by 5-fold cross-validation over train articles.",
        "cross_validation": report,
        "models": models,
    }
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
