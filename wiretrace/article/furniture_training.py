"""Training the line classifier of text dumps (``furniture_model.py``) from pages with gold bodies.

Used by ``scripts/train_furniture.py`` (``make train-furniture``), which
writes the shipped model, and by ``benchmarks/extraction.py``, which
cross-validates it. Every line of a dump, split and classified exactly as the
article stage does, is labelled article text when most of its words align
with the gold body (difflib over word sequences). Folds are by site: pages of
one site, and test pages that share one body, are never split between
training and testing. scikit-learn is imported here only, never when the
article stage runs.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold
from sklearn.neural_network import MLPRegressor

from wiretrace.article import ArticleStage, text
from wiretrace.article.furniture_model import LineModel, Network, content_lines, context
from wiretrace.errors import ItemError
from wiretrace.eval.extraction import shingles
from wiretrace.records import RawItem
from wiretrace.registry import Registry

FLATTENERS = ("text", "text-inscriptis")
HIDDEN = (64,)  # one hidden layer per student network
ALPHA = 1e-3  # L2 penalty of the students
STUDENTS = 3  # averaging three students halves the spread between training runs
TEACHER_TREES, TEACHER_RATE = 300, 0.08
INNER_FOLDS = 4  # folds for the first network's out-of-fold scores that train the second
# Pages whose gold bodies share this much (Jaccard of shingles) are one group:
# Readability's test pages reuse one body under many names.
SAME_BODY = 0.3
_WORD = re.compile(r"\w+")


@dataclass
class Page:
    name: str
    flattener: str
    content: str
    gold: str
    rows: np.ndarray
    labels: np.ndarray


def label_lines(lines: list[text.Line], gold: str) -> np.ndarray:
    """1 for each line most of whose words align with the gold body."""
    words: list[str] = []
    owner: list[int] = []
    for index, line in enumerate(lines):
        found = _WORD.findall(line.text)
        words += found
        owner += [index] * len(found)
    sizes = np.bincount(owner, minlength=len(lines)) if owner else np.zeros(len(lines), int)
    hits = np.zeros(len(lines))
    matcher = SequenceMatcher(None, words, _WORD.findall(gold), autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        # a run of three words, or a whole short line, is evidence; one stray word is not
        if size >= 3 or (size and size == sizes[owner[start]]):
            np.add.at(hits, owner[start : start + size], 1)
    return (hits > 0.5 * np.maximum(sizes, 1)).astype(int)


def load_gold(root: Path) -> dict[str, str]:
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return {name: (entry or {}).get("articleBody") or "" for name, entry in gold.items()}


def load_pages(folder: Path, flattener: str, gold: dict[str, str]) -> list[Page]:
    """Every gold page's dump in ``folder`` (NAME.txt), with features and labels."""
    registry = Registry.load()
    pages = []
    for name in sorted(gold):
        content = (folder / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
        lines = [text.classify(line, registry) for line in text.split_lines(content)]
        rows = text.line_rows(lines, content)
        pages.append(Page(name, flattener, content, gold[name], rows, label_lines(lines, gold[name])))
    return pages


def site_groups(gold: dict[str, str]) -> dict[str, str]:
    """A group per site (the page name without its number), joined where bodies coincide."""
    site = {name: re.split(r"[-_]", name.split("-", 1)[-1])[0] for name in gold}
    parent = {s: s for s in site.values()}

    def root(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    bodies = {name: set(shingles(body)) for name, body in gold.items()}
    names = sorted(bodies)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            union = len(bodies[a] | bodies[b])
            if union and len(bodies[a] & bodies[b]) / union > SAME_BODY:
                parent[root(site[a])] = root(site[b])
    return {name: root(site[name]) for name in gold}


def fit_network(rows: np.ndarray, labels: np.ndarray) -> Network:
    """A network distilled from gradient-boosted trees.

    Trees fit these features best (in cross-validation they beat networks
    trained on the labels by 0.015 F1) but cost milliseconds per page to
    evaluate; a network costs microseconds. So the trees are the teacher:
    STUDENTS networks learn the trees' log-odds on the training lines, and are
    merged side by side into one network whose output is their mean.
    """
    teacher = HistGradientBoostingClassifier(
        max_iter=TEACHER_TREES, learning_rate=TEACHER_RATE, l2_regularization=1.0, random_state=0
    ).fit(rows, labels)
    odds = np.clip(teacher.predict_proba(rows)[:, 1], 1e-3, 1 - 1e-3)
    targets = np.log(odds / (1 - odds))
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-6] = 1.0
    students = [
        MLPRegressor(
            hidden_layer_sizes=HIDDEN, alpha=ALPHA, max_iter=200, early_stopping=True, random_state=seed
        ).fit((rows - mean) / scale, targets)
        for seed in range(STUDENTS)
    ]
    return Network(mean, scale, *_side_by_side(students))


def _side_by_side(students: list[MLPRegressor]) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """One-hidden-layer networks as one wider network whose output is their mean."""
    hidden = np.hstack([s.coefs_[0] for s in students])
    hidden_bias = np.concatenate([s.intercepts_[0] for s in students])
    output = np.vstack([s.coefs_[1] for s in students]) / len(students)
    output_bias = sum(s.intercepts_[1] for s in students) / len(students)
    return (hidden, output), (hidden_bias, output_bias)


def fit(pages: list[Page], groups: dict[str, str]) -> LineModel:
    """Both networks and the chain's odds, from these pages alone."""
    rows = np.vstack([p.rows for p in pages])
    labels = np.concatenate([p.labels for p in pages])
    first_scores: list[np.ndarray | None] = [None] * len(pages)
    page_groups = [groups[p.name] for p in pages]
    inner = GroupKFold(min(INNER_FOLDS, len(set(page_groups))))
    for train, held in inner.split(pages, groups=page_groups):
        network = fit_network(
            np.vstack([pages[i].rows for i in train]), np.concatenate([pages[i].labels for i in train])
        )
        for i in held:
            first_scores[i] = network(pages[i].rows)
    in_context = fit_network(
        np.vstack(
            [
                np.hstack([p.rows, context(s, content_lines(p.rows))])
                for p, s in zip(pages, first_scores, strict=True)
            ]
        ),
        labels,
    )
    return LineModel(fit_network(rows, labels), in_context, float(labels.mean()), _stay(pages))


def _stay(pages: list[Page]) -> tuple[float, float]:
    counts = np.ones((2, 2))  # add-one: a label never followed by the other still may be
    for page in pages:
        np.add.at(counts, (page.labels[:-1], page.labels[1:]), 1)
    return float(counts[0, 0] / counts[0].sum()), float(counts[1, 1] / counts[1].sum())


def extract(stage: ArticleStage, page: Page) -> str:
    try:
        return stage(RawItem(page.name, page.name, "text/plain", page.content)).body
    except ItemError:
        return ""


def cross_validate(
    pages: list[Page], groups: dict[str, str], folds: int, train_on: tuple[str, ...] = FLATTENERS
) -> dict[tuple[str, str], str]:
    """Each page's body as extracted by a model that never saw its site.

    Models train on the dumps of ``train_on`` flatteners and are tested on
    every dump of the held-out sites, so a flattener outside ``train_on``
    measures how the model holds on another tool's layout.
    """
    names = sorted(groups)
    predicted: dict[tuple[str, str], str] = {}
    splits = GroupKFold(folds).split(names, groups=[groups[n] for n in names])
    for fold, (train, test) in enumerate(splits, 1):
        started = time.perf_counter()
        train_names = {names[i] for i in train}
        test_names = {names[i] for i in test}
        model = fit([p for p in pages if p.name in train_names and p.flattener in train_on], groups)
        stage = ArticleStage(line_model=model)
        for page in pages:
            if page.name in test_names:
                predicted[page.flattener, page.name] = extract(stage, page)
        elapsed = time.perf_counter() - started
        print(f"  fold {fold}/{folds}: {len(test_names)} pages, {elapsed:.0f} s", file=sys.stderr)
    return predicted
