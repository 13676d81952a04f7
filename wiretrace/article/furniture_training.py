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

import re
import sys
import time
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold
from sklearn.neural_network import MLPRegressor

from wiretrace.article import ArticleStage, html, text
from wiretrace.article.furniture_model import LineModel, Network, content_lines, context
from wiretrace.errors import ItemError
from wiretrace.eval.extraction import shingles
from wiretrace.records import RawItem
from wiretrace.registry import Registry

FLATTENERS = ("text", "text-inscriptis")
HTML_PAGES = "html"  # the folder of the pages' HTML, read by the HTML model
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


def load_pages(folder: Path, flattener: str, gold: dict[str, str]) -> list[Page]:
    """Every gold page's dump in ``folder`` (NAME.txt), with features and labels."""
    registry = Registry.load()
    pages = []
    for name in sorted(gold):
        content = (folder / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
        lines = text.classified_lines(content, registry)
        rows = text.model_rows(lines, content)
        pages.append(Page(name, flattener, content, gold[name], rows, label_lines(lines, gold[name])))
    return pages


def load_html_pages(folder: Path, gold: dict[str, str]) -> list[Page]:
    """Every gold page's HTML in ``folder`` (NAME.html), read as the article stage reads it.

    Pages where trafilatura finds no article are left out: the stage reads
    those with the text model.
    """
    registry = Registry.load()
    pages = []
    for name in sorted(gold):
        content = (folder / f"{name}.html").read_text(encoding="utf-8", errors="replace")
        try:
            read = html.read(content, None)
        except ItemError:
            continue
        if read.extracted is None:
            continue
        lines = text.classified_lines(read.visible.text, registry)
        rows = text.model_rows(lines, read.visible.text, partial(html.line_columns, read))
        pages.append(Page(name, HTML_PAGES, content, gold[name], rows, label_lines(lines, gold[name])))
    return pages


def site_of(name: str) -> str:
    """A page's site as its name says it: "readability-cnn-2" is "cnn"."""
    return re.split(r"[-_]", name.split("-", 1)[-1])[0]


def site_groups(gold: dict[str, str]) -> dict[str, str]:
    """A group per site (the page name without its number), joined where bodies coincide."""
    site = {name: site_of(name) for name in gold}
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

    Trees fit these features best (in exploratory cross-validation they beat
    networks trained on the labels; docs/evaluation.md) but cost milliseconds per page to
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
    media_type = "text/html" if page.flattener == HTML_PAGES else "text/plain"
    try:
        return stage(RawItem(page.name, page.name, media_type, page.content)).body
    except ItemError:
        return ""


def cross_validate(
    pages: list[Page], groups: dict[str, str], folds: int, train_on: tuple[str, ...] = FLATTENERS
) -> dict[tuple[str, str], str]:
    """Each page's body as extracted by models that never saw its site.

    The text model trains on the dumps of ``train_on`` flatteners and is
    tested on every dump of the held-out sites, so a flattener outside
    ``train_on`` measures how the model holds on another tool's layout. Where
    ``pages`` hold HTML pages (flattener ``HTML_PAGES``), the HTML model trains
    on the training sites' pages and reads the held-out ones.
    """
    names = sorted(groups)
    predicted: dict[tuple[str, str], str] = {}
    splits = GroupKFold(folds).split(names, groups=[groups[n] for n in names])
    for fold, (train, test) in enumerate(splits, 1):
        started = time.perf_counter()
        train_names = {names[i] for i in train}
        test_names = {names[i] for i in test}
        text_pages = [p for p in pages if p.name in train_names and p.flattener in train_on]
        html_pages = [p for p in pages if p.name in train_names and p.flattener == HTML_PAGES]
        stage = ArticleStage(
            line_model=fit(text_pages, groups) if text_pages else None,
            html_model=fit(html_pages, groups) if html_pages else None,
        )
        for page in pages:
            if page.name in test_names:
                predicted[page.flattener, page.name] = extract(stage, page)
        elapsed = time.perf_counter() - started
        print(f"  fold {fold}/{folds}: {len(test_names)} pages, {elapsed:.0f} s", file=sys.stderr)
    return predicted
