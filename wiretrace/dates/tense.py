"""The tense of the clause a temporal expression belongs to: past, future, or neither.

A weekday, a month or a day without a year is resolved by the tense of the
clause it belongs to ("met on Friday" is the Friday before the publication
date, "will meet on Friday" the one after). That tense comes from spaCy's
parse of the sentence: the verb that governs the expression, its auxiliaries
("will", "had", "is"), and for an infinitive the verb it depends on ("planned
to leave Thursday"). Only sentences that hold such an expression are parsed,
in one ``nlp.pipe`` batch per text. Where the parse finds no verb, the nearest
tense word in a window around the expression decides, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from wiretrace.nlp import ANALYSIS_COMPONENTS_EXCLUDED, PARSE_ONLY, load_english

# How many sentences spaCy takes at once.
PARSE_BATCH = 64

PAST = "past"
FUTURE = "future"
PRESENT = "present"

FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "sha"}
PERFECT_AUXILIARIES = {"has", "have", "'ve", "'s"}
# Verbs and adjectives whose infinitive complement is still to come: "planned to leave
# Thursday", "is due to expire Friday", "agreed to meet on Monday".
PROSPECTIVE_HEADS = {
    "plan",
    "plans",
    "planned",
    "planning",
    "schedule",
    "scheduled",
    "expect",
    "expects",
    "expected",
    "due",
    "set",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "aimed",
    "hope",
    "hopes",
    "hoped",
    "going",
    "agreed",
    "decided",
    "promised",
    "vowed",
    "threatened",
    "ready",
    "prepared",
    "likely",
    "poised",
    "prepare",
    "preparing",
    "want",
    "wants",
    "wanted",
}
AMBIGUOUS_MODALS = {"could"}
# How far up the parse to look for the clause's verb (phrases nest a few levels deep).
MAX_CLIMB = 12


@dataclass(frozen=True)
class ClauseTense:
    """What the parse says of an expression's clause."""

    tense: str | None  # PAST, FUTURE, PRESENT, or None where no verb governs the expression
    pluperfect: bool = False  # "had filed by Wednesday": past even after "by" or "until"


Spans = dict[tuple[int, int], ClauseTense]


def parsed_tenses(text: str, spans: Sequence[tuple[int, int]]) -> Spans:
    """The clause tense of every span of ``text``, from one batched parse of their sentences."""
    return parsed_tenses_of_texts([(text, spans)])[0]


def parsed_tenses_of_texts(texts: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[Spans]:
    """``parsed_tenses`` for many texts at once: all their sentences go through one ``nlp.pipe``."""
    sentences: list[tuple[int, int, int]] = []  # (text index, sentence start, sentence end)
    spans_of: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for index, (text, spans) in enumerate(texts):
        for start, end in spans:
            key = (index, *sentence_bounds(text, start, end))
            if key not in spans_of:
                sentences.append(key)
            spans_of.setdefault(key, []).append((start, end))
    tenses: list[Spans] = [{} for _ in texts]
    if not sentences:
        return tenses
    # the statements stage's pipeline, with the recogniser left out of the parse
    nlp = load_english(ANALYSIS_COMPONENTS_EXCLUDED)
    docs = nlp.pipe((texts[i][0][a:b] for i, a, b in sentences), batch_size=PARSE_BATCH, disable=PARSE_ONLY)
    for key, doc in zip(sentences, docs, strict=True):
        index, sentence_start, _ = key
        for start, end in spans_of[key]:
            span = doc.char_span(start - sentence_start, end - sentence_start, alignment_mode="expand")
            tenses[index][(start, end)] = clause_tense(span) if span is not None else ClauseTense(None)
    return tenses


def clause_tense(span: Span) -> ClauseTense:
    verb = governing_verb(span)
    return verb_tense(verb) if verb is not None else ClauseTense(None)


def governing_verb(span: Span) -> Token | None:
    """The nearest verb above the expression in the parse ("met" in "met on Friday")."""
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.head is token:
            return None
        token = token.head
        if token.tag_.startswith("VB") and token not in span:
            return token
    return None


def verb_tense(verb: Token, depth: int = 0) -> ClauseTense:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return ClauseTense(FUTURE)
    modals = {child.lower_ for child in auxiliaries if child.tag_ == "MD"}
    if modals:  # "would", "may", "might"; "could" is as often a past ("could not be reached Friday")
        if "have" in words:
            return ClauseTense(PAST)
        return ClauseTense(None if modals <= AMBIGUOUS_MODALS else FUTURE)
    if any(child.tag_ == "TO" for child in auxiliaries):
        return _infinitive_tense(verb, depth)
    if "had" in words or ("'d" in words and verb.tag_ == "VBN"):
        return ClauseTense(PAST, pluperfect=True)
    if verb.tag_ == "VBN" and _prospective_participle(verb):
        return _prospective_tense(verb, depth)
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return ClauseTense(PAST)
    if words & PERFECT_AUXILIARIES and (verb.tag_ == "VBN" or "been" in words):
        return ClauseTense(
            PAST
        )  # "has said", "have been searching since": the present perfect tells of the past
    if verb.tag_ in ("VBZ", "VBP") or any(child.tag_ in ("VBZ", "VBP") for child in auxiliaries):
        return ClauseTense(PRESENT)
    if verb.tag_ == "VBN":
        return ClauseTense(PAST)  # "the plan announced Friday"
    if verb.tag_ == "VBG" and depth < 2 and verb.head is not verb:
        head = verb.head
        if head.tag_.startswith("VB"):
            return verb_tense(head, depth + 1)  # "..., saying Friday that": the main verb's tense
    return ClauseTense(None)


def _prospective_participle(verb: Token) -> bool:
    """ "scheduled", "planned", "due"...; "set" only with "for" ("set for April", not "a record set on Aug. 6")."""
    if verb.lower_ == "set":
        return any(child.lower_ == "for" for child in verb.children)
    return verb.lower_ in PROSPECTIVE_HEADS


def _prospective_tense(participle: Token, depth: int) -> ClauseTense:
    """ "has scheduled a news conference Thursday", "a summit set for April": still to come,
    unless the plan belongs to a noun of a past clause ("a service planned for Saturday was
    cancelled")."""
    if participle.dep_ == "acl" and depth < 2:
        outer = governing_verb(participle.doc[participle.head.i : participle.head.i + 1])
        if outer is not None and outer is not participle and verb_tense(outer, depth + 1).tense == PAST:
            return ClauseTense(PAST)
    return ClauseTense(FUTURE)


def _infinitive_tense(verb: Token, depth: int) -> ClauseTense:
    head = verb.head
    if head is verb or depth >= 2:
        return ClauseTense(None)
    # "had been due to expire Friday": the auxiliaries of "due" stand on its copula
    carrier = head.head if not head.tag_.startswith("VB") and head.dep_ == "acomp" else head
    head_auxiliaries = {child.lower_ for child in carrier.children if child.dep_ in ("aux", "auxpass")}
    if "had" in head_auxiliaries:
        return ClauseTense(PAST, pluperfect=True)  # "had been scheduled to expire Friday"
    if head.lower_ in PROSPECTIVE_HEADS:
        return ClauseTense(FUTURE)
    if head.tag_.startswith("VB"):
        return verb_tense(head, depth + 1)
    return ClauseTense(None)


# -- the window of words: where the parse finds no verb -------------------------------------------

# How far (in words) to look around an expression for the tense of its clause.
TENSE_WINDOW = 8

FUTURE_MARKERS = {
    "will",
    "'ll",
    "shall",
    "won't",
    "would",
    "scheduled",
    "due",
    "expected",
    "upcoming",
    "next",
    "planned",
    "planning",
    "plans",
    "intends",
    "expects",
}
# "to" marks the future after these words: "is to meet", "plans to visit".
TO_FUTURE = {
    "is",
    "are",
    "going",
    "plans",
    "plan",
    "due",
    "set",
    "expected",
    "scheduled",
    "aims",
    "intends",
    "hopes",
    "wants",
}
PAST_MARKERS = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "came",
    "began",
    "made",
    "took",
    "gave",
    "saw",
    "held",
    "left",
    "spoke",
    "wrote",
    "got",
    "rose",
    "fell",
    "sold",
    "bought",
    "paid",
    "won",
    "lost",
    "ran",
    "became",
    "ago",
    "last",
    "since",
    "earlier",
    "has",
    "have",
    "broke",
    "put",
    "shot",
    "hit",
    "struck",
    "led",
    "sent",
    "found",
    "kept",
    "brought",
    "thought",
    "felt",
    "heard",
    "meant",
    "stood",
    "grew",
    "drew",
    "flew",
    "knew",
    "threw",
    "chose",
    "spent",
    "fought",
    "sought",
    "taught",
    "caught",
    "dropped",
}
NOT_PAST = {
    "need",
    "indeed",
    "speed",
    "red",
    "bed",
    "hundred",
    "feed",
    "seed",
    "proceed",
    "succeed",
    "exceed",
    "shed",
    "breed",
    "greed",
    "weed",
    "deed",
    "bred",
    "fled",
    "sled",
}
SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[\"'“‘(]*[A-Z])|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in SENTENCE_BREAK.finditer(text, max(0, start - 400), start)]
    sentence_start = before[-1] if before else max(0, start - 400)
    after = SENTENCE_BREAK.search(text, end, min(len(text), end + 400))
    return sentence_start, after.start() if after else min(len(text), end + 400)


def window_tense(text: str, start: int, end: int) -> str | None:
    """PAST or FUTURE from the nearest tense word in the expression's sentence, else None."""
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    before = re.findall(r"[\w']+", text[sentence_start:start])[-TENSE_WINDOW:]
    after = re.findall(r"[\w']+", text[end:sentence_end])[:TENSE_WINDOW]
    best: tuple[int, str] | None = None
    for distance, word in enumerate(reversed(before)):
        marker = _marker(word, before[len(before) - distance - 2] if distance + 1 < len(before) else "")
        if marker:
            best = (distance, marker)
            break
    for distance, word in enumerate(after):
        if best is not None and distance >= best[0]:
            break
        marker = _marker(word, after[distance - 1] if distance else "")
        if marker:
            best = (distance, marker)
            break
    return best[1] if best else None


def _marker(token: str, previous: str) -> str | None:
    word, previous = token.lower(), previous.lower()
    if word == "to":
        return FUTURE if previous in TO_FUTURE else None
    if word in FUTURE_MARKERS:
        return FUTURE
    if word in PAST_MARKERS or word.endswith("'d"):
        return PAST
    if word.endswith("ed") and len(word) > 4 and word not in NOT_PAST and not token[0].isupper():
        return PAST
    return None
