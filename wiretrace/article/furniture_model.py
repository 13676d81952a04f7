"""The learned line classifier: which lines of a text dump are the article.

Two small neural networks read the line features of ``lines.py``: the first
scores each line alone; the second reads those scores again around each line
(how sure the first was of the lines nearby, over windows of 3 to 65 lines,
and how much of the page's article mass lies before it), because a line's
context says more than its shape: a short line inside the body run is a
subheading, the same line in a menu is navigation. A two-state hidden Markov
model then smooths the second network's scores over the page (the article is
mostly one run), with transition odds counted on the training pages.

The weights are plain JSON in ``wiretrace/models/furniture.json``, written by
``scripts/train_furniture.py`` (``make train-furniture``) from
``../shared/eval/textdumps``; forward passes are two matrix products in NumPy,
so scoring a page costs well under a millisecond.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from wiretrace.article.lines import FEATURE_NAMES, shifted, window_mean

MODEL_FILE = "furniture.json"
CONTEXT_WINDOWS = (1, 2, 4, 8, 16, 32)
# Windows over the lines no rule calls furniture: an advertisement label between
# every two paragraphs must not make the body look thin.
CONTENT_WINDOWS = (2, 8, 32)
CONTEXT_NAMES = (
    "score",
    *(f"score_window{w}" for w in CONTEXT_WINDOWS),
    *(f"content_score_window{w}" for w in CONTENT_WINDOWS),
    "score_mass_before",
    "page_best_score",
    "score_of_best",
    "score_at-1",
    "score_at+1",
)
# When smoothing keeps no line, the best run of lines is the article only if some
# line scores at least this; below it the page is all furniture.
MIN_ARTICLE_SCORE = 0.2
BLOCK_ROWS = 8192


def context(scores: np.ndarray, content: np.ndarray) -> np.ndarray:
    """Context columns of the second network, from the first network's scores.

    ``content`` marks the lines no rule names as furniture (1.0) or does (0.0).
    """
    count = len(scores)
    best = float(scores.max()) if count else 0.0
    mass = np.cumsum(scores)
    columns = [scores[:, None]]
    columns += [window_mean(scores, w)[:, None] for w in CONTEXT_WINDOWS]
    for w in CONTENT_WINDOWS:
        lines = window_mean(content, w)
        columns.append((window_mean(scores * content, w) / np.maximum(lines, 1e-9))[:, None])
    columns.append((mass / max(mass[-1], 1e-9))[:, None] if count else np.zeros((0, 1)))
    columns.append(np.full((count, 1), best))
    columns.append((scores / max(best, 1e-9))[:, None])
    columns.append(shifted(scores, -1)[:, None])
    columns.append(shifted(scores, 1)[:, None])
    return np.hstack(columns)


_RULE_FURNITURE = [
    FEATURE_NAMES.index(f"kind={kind}") for kind in ("dateline", "credit", "byline", "furniture", "outlet")
]


def content_lines(rows: np.ndarray) -> np.ndarray:
    """1.0 for each line no rule names as furniture, read from its feature row."""
    return (rows[:, _RULE_FURNITURE].sum(axis=1) == 0).astype(float)


@dataclass(frozen=True)
class Network:
    """A feed-forward network with ReLU hidden layers and a logistic output."""

    mean: np.ndarray
    scale: np.ndarray
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        # in blocks of rows: a dump of millions of lines must not need gigabytes of activations
        return np.concatenate(
            [self._block(rows[i : i + BLOCK_ROWS]) for i in range(0, len(rows), BLOCK_ROWS)] or [np.zeros(0)]
        )

    def _block(self, rows: np.ndarray) -> np.ndarray:
        hidden = (rows - self.mean) / self.scale
        for weight, bias in zip(self.weights[:-1], self.biases[:-1], strict=True):
            hidden = np.maximum(hidden @ weight + bias, 0.0)
        logits = (hidden @ self.weights[-1] + self.biases[-1])[:, 0]
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))

    def to_json(self) -> dict:
        return {
            "mean": _rounded(self.mean),
            "scale": _rounded(self.scale),
            "weights": [_rounded(w) for w in self.weights],
            "biases": [_rounded(b) for b in self.biases],
        }

    @classmethod
    def from_json(cls, data: dict) -> Network:
        return cls(
            np.array(data["mean"]),
            np.array(data["scale"]),
            tuple(np.array(w) for w in data["weights"]),
            tuple(np.array(b) for b in data["biases"]),
        )


def _rounded(values: np.ndarray) -> list:
    return np.round(values, 5).tolist()


@dataclass(frozen=True)
class LineModel:
    """Both networks and the smoothing that turns their scores into kept lines."""

    lines: Network
    in_context: Network
    prior: float  # share of body lines on the training pages
    stay: tuple[float, float]  # P(next line has the same label | furniture), (| body)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Probability, per line, that it is article text."""
        if not len(rows):
            return np.zeros(0)
        first = self.lines(rows)
        return self.in_context(np.hstack([rows, context(first, content_lines(rows))]))

    def keep(self, scores: np.ndarray) -> list[bool]:
        """Which lines are the article: the smoothed labels, never empty unless no line is."""
        if not len(scores) or float(scores.max()) < MIN_ARTICLE_SCORE:
            return [False] * len(scores)
        labels = viterbi(scores.tolist(), self.prior, self.stay)
        if not any(labels):
            labels = best_run(scores.tolist())
        return labels

    def to_json(self) -> dict:
        return {
            "lines": self.lines.to_json(),
            "in_context": self.in_context.to_json(),
            "prior": round(self.prior, 5),
            "stay": [round(s, 5) for s in self.stay],
        }

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        return cls(
            Network.from_json(data["lines"]),
            Network.from_json(data["in_context"]),
            float(data["prior"]),
            (float(data["stay"][0]), float(data["stay"][1])),
        )


def viterbi(scores: list[float], prior: float, stay: tuple[float, float]) -> list[bool]:
    """Most likely furniture/body labels given per-line posteriors and a two-state chain.

    Posteriors become scaled likelihoods by dividing by the prior, the usual
    hybrid network-HMM step. Plain floats: with two states a Python loop beats
    NumPy calls per line.
    """
    eps = 1e-6
    stay_out, stay_in = math.log(stay[0]), math.log(stay[1])
    leave_out, leave_in = math.log(1 - stay[0]), math.log(1 - stay[1])
    out_prior, in_prior = 1 - prior, prior
    first = scores[0]
    out_score = math.log((1 - first) / out_prior + eps) + math.log(out_prior)
    in_score = math.log(first / in_prior + eps) + math.log(in_prior)
    came_from: list[tuple[bool, bool]] = []  # for each line: (best previous of out, of in) is "in"
    for p in scores[1:]:
        out_from_out, out_from_in = out_score + stay_out, in_score + leave_in
        in_from_out, in_from_in = out_score + leave_out, in_score + stay_in
        came_from.append((out_from_in > out_from_out, in_from_in > in_from_out))
        out_score = max(out_from_out, out_from_in) + math.log((1 - p) / out_prior + eps)
        in_score = max(in_from_out, in_from_in) + math.log(p / in_prior + eps)
    state = in_score > out_score
    labels = [state]
    for choices in reversed(came_from):
        state = choices[1] if state else choices[0]
        labels.append(state)
    labels.reverse()
    return labels


def best_run(scores: list[float]) -> list[bool]:
    """The run of lines with the largest total log-odds against half the best score.

    Used when smoothing keeps nothing though some line looks like article text:
    a page whose article is one short paragraph among long furniture.
    """
    threshold = math.log(max(scores) * 0.5)
    best, best_start, best_end = -math.inf, 0, 0
    running, start = 0.0, 0
    for i, p in enumerate(scores):
        gain = math.log(p + 1e-6) - threshold
        if running <= 0:
            running, start = gain, i
        else:
            running += gain
        if running > best:
            best, best_start, best_end = running, start, i
    return [best_start <= i <= best_end for i in range(len(scores))]


# The shipped file holds two models: for text dumps, and for HTML pages (whose
# lines carry ``html.HTML_FEATURE_NAMES`` after the text features).
TEXT, HTML = "model", "html_model"


@cache
def load(kind: str = TEXT) -> LineModel | None:
    """A shipped model, read once per process; None when it has not been trained."""
    found = _shipped().get(kind)
    return LineModel.from_json(found) if found else None


@cache
def _shipped() -> dict:
    path = resources.files("wiretrace.models") / MODEL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
