"""Which verbs introduce an attribution: rules for the clear cases, a learned model for the rest.

Reporting verbs such as *said*, *told* or *according to* are cues wherever
they head a clause with a speaker; those are rules. PolNeAR's notion of an
attribution is wider (beliefs, plans, calls, findings: *wants*, *called for*,
*found*, *expects*), and whether such a verb attributes depends on its
context. That decision is left to a logistic regression over the parse around
the verb, trained on PolNeAR train (``scripts/train_cues.py``) and shipped as
plain JSON weights in ``wiretrace/models/cues.json``.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from spacy.attrs import LOWER, TAG
from spacy.tokens import Doc, Token

# Forms of the verbs that report speech or writing: a cue wherever they have a speaker.
SPEECH_FORMS = frozenset(
    """say says said saying tell tells told telling state states stated stating add adds added adding
    note notes noted noting stress stresses stressed stressing insist insists insisted insisting
    explain explains explained explaining claim claims claimed claiming argue argues argued arguing
    write writes wrote writing tweet tweets tweeted tweeting announce announces announced announcing
    declare declares declared declaring warn warns warned warning report reports reported reporting
    assert asserts asserted asserting emphasize emphasizes emphasized emphasizing emphasise emphasised
    acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting
    suggest suggests suggested suggesting indicate indicates indicated indicating
    reply replies replied replying respond responds responded responding recall recalls recalled
    recalling remark remarks remarked observe observes observed complain complains complained complaining
    predict predicts predicted predicting contend contends contended maintain maintains maintained
    confirm confirms confirmed confirming deny denies denied denying ask asks asked asking
    continue continues continued quip quipped joke joked concede concedes conceded conclude concluded
    concludes point points pointed vow vows vowed pledge pledged promise promised promises
    mention mentions mentioned reiterate reiterated reiterates urge urged urges accuse accused accuses
    blame blamed blames charge charged charges""".split()
)
# Verbs whose object is the addressee, not the content: "told reporters".
ADDRESSEE_VERBS = frozenset(
    {"tell", "tells", "told", "telling", "ask", "asks", "asked", "asking", "urge", "urged"}
)

MODEL_FILE = "cues.json"
# A verb outside SPEECH_FORMS is taken as a cue when the model gives it at
# least this probability. Chosen on PolNeAR dev by scripts/train_cues.py (the
# threshold with the best F1 of all attributions under the lenient rule).
DEFAULT_THRESHOLD = 0.5


def features(token: Token, in_quote: bool, sentence: tuple[int, int] | None = None) -> dict[str, float]:
    """What the cue model sees of one verb: its form, its place in the parse, its neighbours.

    ``sentence`` is the token indexes (start, end) of the verb's sentence where the
    caller knows them: ``token.sent`` walks the parse to find them on every call."""
    if sentence is None:
        sent = token.sent
        sentence = (sent.start, sent.end)
    word = token.lower_
    children = list(token.children)
    deps = {child.dep_ for child in children}
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    found: dict[str, float] = {
        f"w={word}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"w+dep={word}|{token.dep_}": 1.0,
        f"head_tag={token.head.tag_}": 1.0,
        f"prev={token.nbor(-1).lower_ if token.i > sentence[0] else '<s>'}": 1.0,
        f"next={token.nbor(1).lower_ if token.i + 1 < sentence[1] else '</s>'}": 1.0,
        "in_quote": float(in_quote),
        "speech_form": float(word in SPEECH_FORMS),
    }
    for dep in deps:
        found[f"child={dep}"] = 1.0
        found[f"w+child={word}|{dep}"] = 1.0
    for child in children:
        if child.dep_ == "prep":
            found[f"w+prep={word}|{child.lower_}"] = 1.0
    if subject is not None:
        found[f"subj_tag={subject.tag_}"] = 1.0
        found[f"w+subj_tag={word}|{subject.tag_}"] = 1.0
    else:
        found["no_subject"] = 1.0
    return found


class CueModel:
    """A logistic regression over ``features``, read from its JSON weights."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CueModel:
        return cls(data["weights"], data["bias"], data.get("threshold", DEFAULT_THRESHOLD))

    def probability(self, found: dict[str, float]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in found.items())
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


@cache
def load_model() -> CueModel | None:
    """The shipped cue model, or None when the package holds none (rules alone then)."""
    try:
        text = resources.files("wiretrace.models").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return CueModel.from_json(json.loads(text))


def trigger_words(model: CueModel | None) -> frozenset[str]:
    """Words that can make a sentence hold an attribution: the speech verbs, "according",
    and every verb form the model weighs towards being a cue (weight above zero)."""
    learned = set()
    if model is not None:
        learned = {name[2:] for name, weight in model.weights.items() if name.startswith("w=") and weight > 0}
    return frozenset(SPEECH_FORMS | {"according"} | learned)


def is_candidate(token: Token) -> bool:
    """Tokens the cue decision looks at: verbs, and "according" of "according to"."""
    return token.tag_.startswith("VB") or is_according(token)


VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")  # the Penn tags starting "VB" (``is_candidate``)


def candidate_indexes(doc: Doc) -> list[int]:
    """Indexes of the tokens of a parsed doc that may be candidates (a verb tag, or the word
    "according"), read from the doc's arrays: a Python ``Token`` is made only for these,
    not for every word. A superset of ``is_candidate``; callers still ask it."""
    strings = doc.vocab.strings
    verb_tags = {strings.add(tag) for tag in VERB_TAGS}
    according = strings.add("according")
    rows = doc.to_array([TAG, LOWER]).tolist()  # plain lists: numpy's set operations cost more on short docs
    return [i for i, (tag, lower) in enumerate(rows) if tag in verb_tags or lower == according]


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(child.lower_ == "to" for child in token.children)


def is_cue(
    token: Token, in_quote: bool, model: CueModel | None, sentence: tuple[int, int] | None = None
) -> bool:
    if in_quote or not is_candidate(token):
        return False
    if is_according(token):
        return True
    if model is None:
        return token.lower_ in SPEECH_FORMS and _has_speaker_or_content(token)
    return model.probability(features(token, in_quote, sentence)) >= model.threshold


def _has_speaker_or_content(token: Token) -> bool:
    deps = {child.dep_ for child in token.children}
    return bool(deps & {"nsubj", "nsubjpass", "ccomp", "parataxis"}) or token.dep_ in (
        "advcl",
        "conj",
        "parataxis",
        "ccomp",
        "pcomp",
    )
