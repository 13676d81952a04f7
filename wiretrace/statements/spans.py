"""Where a cue, a speaker mention and a content end: edges learned from data.

The parse finds the head of a cue ("said") and of a speaker ("Lopez"); how far
each span reaches around its head is a convention of the annotation: a cue
with its auxiliaries, adverbs and particle ("has long said", "called for"), a
source with its apposition ("Maria Lopez, a lawyer for the city"), a content
running on past the clause the parse closed. Rather than a rule per shape, a
span grows from the rules' span one token at a time on each side while a
logistic regression over the next token's place in the parse says it belongs.
The regressions are trained on PolNeAR train by ``scripts/train_statements.py``
(regularisation and thresholds chosen by cross-validation on train) and
shipped as plain JSON weights in ``wiretrace/models/spans.json``. Without that
file the spans stay what the rules give.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from wiretrace.statements import cues

MODEL_FILE = "spans.json"
KINDS = ("cue", "source", "content")
MAX_GROWTH = 24  # tokens a span may gain on one side: an apposition with a relative clause fits


def _relation(token: Token, head: Token) -> str:
    """How a token hangs from the span's head: child, grandchild, the head's own head, a deeper
    descendant, or none of these."""
    if token.head.i == head.i:
        return "child"
    if token.head.head.i == head.i:
        return "grandchild"
    if head.head.i == token.i:
        return "parent"
    if any(ancestor.i == head.i for ancestor in token.ancestors):
        return "descendant"
    return "other"


def features(token: Token, head: Token, side: str, distance: int) -> dict[str, float]:
    """What the edge model sees of the token next to a growing span."""
    relation = _relation(token, head)
    found = {
        f"side={side}": 1.0,
        f"dep={side}|{token.dep_}": 1.0,
        f"tag={side}|{token.tag_}": 1.0,
        f"rel={side}|{relation}|{token.dep_}": 1.0,
        f"head_dep={side}|{token.head.dep_}|{token.dep_}": 1.0,
        f"w={side}|{token.lower_}": 1.0,
        f"head_w={head.lower_}|{side}|{token.dep_}": 1.0,
        f"dist={side}|{min(distance, 6)}": 1.0,
        f"punct={side}|{token.text}": float(token.is_punct),
    }
    if token.i + 1 < len(token.doc):
        found[f"next_dep={side}|{token.nbor(1).dep_}"] = 1.0
    if token.i > 0:
        found[f"prev_dep={side}|{token.nbor(-1).dep_}"] = 1.0
    return found


class EdgeModel(cues.CueModel):
    """One logistic regression over ``features`` (read as the cue model is) and the
    probability a token must reach to join the span."""

    def grow(self, head: Token, first: int, last: int, bounds: tuple[int, int]) -> tuple[int, int]:
        """Token indexes (first, last) of the span grown from the rules' span ``first..last``
        within ``bounds`` (the sentence's token indexes), one token at a time on each side."""
        doc = head.doc
        left_edge, right_edge = first, last
        while first > bounds[0] and left_edge - first < MAX_GROWTH:
            if self.probability(features(doc[first - 1], head, "L", head.i - first + 1)) < self.threshold:
                break
            first -= 1
        while last + 1 < bounds[1] and last - right_edge < MAX_GROWTH:
            if self.probability(features(doc[last + 1], head, "R", last + 1 - head.i)) < self.threshold:
                break
            last += 1
        return first, last


def from_json(data: dict[str, Any]) -> dict[str, EdgeModel]:
    return {kind: EdgeModel.from_json(model) for kind, model in data["models"].items() if kind in KINDS}


@cache
def load_models() -> dict[str, EdgeModel]:
    """The shipped edge models by kind (``KINDS``); empty when the package holds none."""
    try:
        text = resources.files("wiretrace.models").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    return from_json(json.loads(text))
