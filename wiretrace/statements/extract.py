"""Attributions in one parsed article body: cue, speaker, content, quotes.

The body is parsed paragraph by paragraph (only the paragraphs that can hold
an attribution; see ``needs_parse``). Then:

1. every verb the cue decision accepts becomes a *frame*: its speaker (the
   subject, or the subject of the verb it hangs from), its content by the
   parse (the clause or object it governs), its venue and relay;
2. every quoted passage is attached to a frame: the one whose content holds
   it, else the nearest cue in the sentences around it, else the cue of a
   sentence that leads into it (a colon, a comma, an unfinished sentence),
   else the speaker of the statement just before carries over;
3. each frame becomes one statement: direct when its content is wholly in
   quotation marks (split quotes around the cue make one statement), mixed
   when reported speech holds quoted words, indirect otherwise.

Everything here works in *body* offsets; the stage maps them to the input.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from wiretrace.statements import cues, spans
from wiretrace.statements.entities import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    Catalogue,
    EntityEntry,
    guess_kind,
)
from wiretrace.statements.marks import ALL_MARKS, Quote

# A quote with no cue near it and no speaker to carry over is kept (speaker
# null) only from this many words: shorter ones are scare quotes and titles
# ("so-called", "the ‘downward’ trend"), which PolNeAR does not annotate.
MIN_UNATTRIBUTED_WORDS = 8
# A quote with no cue of its own takes the speaker of the statement before it
# when that statement ends at most this many characters earlier (about two
# news paragraphs): further away, the text has moved on.
CARRY_OVER_CHARS = 400
# A cue in the sentences around a quote is taken for it when it sits at most
# this many characters from the quote (a long sentence's far clause is another matter).
NEAR_CUE_CHARS = 200
# Reported speech and a quote in one sentence join into one (mixed) statement
# when at most this many characters lie between them: a short connective ("for
# the", "as a") rather than another clause.
MAX_GAP_CHARS = 12
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
OBJECT_DEPS = ("dobj", "attr", "oprd")
SKIP_NO_SENTENCES = "text with no sentences"

_VENUE_PATTERNS = [
    re.compile(
        r"\b(?:speaking|talking|spoke|talked|telling|told|said)\s+(?:to|with)\s+(?P<venue>(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)"
    ),
    re.compile(
        r"\b(?:in\s+an?\s+)?(?P<venue>interview)\s+(?:published\s+by|with|to|on)\s+(?P<outlet>(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)"
    ),
    re.compile(
        r"\b(?:at|during)\s+(?P<venue>(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:press\s+(?:briefing|conference)|news\s+conference|briefing|rally|hearing|debate|summit|event|town\s+hall|speech|forum|meeting|convention|interview)(?:\s+in\s+[A-Z][\w-]*)?)"
    ),
    re.compile(
        r"\b(?:at|during)\s+(?P<venue>the\s+(?:[A-Z][\w-]*\s+){1,6}(?:Forum|Summit|Conference|Convention|Congress)(?:\s+in\s+[A-Z][\w-]*)?)"
    ),
]
_RELAY = re.compile(
    r"(?P<relay>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)\s+(?:quotes?|quoted|cites?|cited)\s+(?:\w+\s+){1,4}?as\s+(?:saying|telling|stating)"
)
_RELAY_REPORTED = re.compile(
    r",\s*(?P<relay>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)\s+(?:reported|reports|said|says)\b"
)


@dataclass
class Frame:
    """One cue with everything found around it (body offsets)."""

    cue: Token
    cue_span: tuple[int, int]
    sentence: int
    speaker: Span | None = None
    speaker_span: tuple[int, int] | None = None
    # the source as written around the speaker's name ("Maria Lopez, a lawyer for the city"), grown by
    # the learned edge model; the name alone (``speaker``) is what resolution reads
    source_span: tuple[int, int] | None = None
    # "who" or "which" where the subject is a relative pronoun: a mention of the speaker too
    relative_span: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    quotes: list[Quote] = field(default_factory=list)
    relayed_by: list[str] = field(default_factory=list)
    venue: str | None = None


@dataclass
class Found:
    """A statement in body offsets, before it becomes a record."""

    kind: str
    start: int
    end: int
    cue_span: tuple[int, int] | None
    speaker_mention: str | None
    speaker_span: tuple[int, int] | None
    entity: EntityEntry | None
    role: str | None
    venue: str | None
    relayed_by: tuple[str, ...]


@dataclass
class Sentence:
    start: int
    end: int
    span: Span
    base: int  # body offset of the span's document


@dataclass
class Parsed:
    """The parsed parts of a body: sentences in order, with the offset of their documents."""

    sentences: list[Sentence] = field(default_factory=list)

    def add(self, doc: Doc, base: int) -> None:
        for sent in doc.sents:
            self.sentences.append(Sentence(base + sent.start_char, base + sent.end_char, sent, base))

    def has_words(self) -> bool:
        """Whether any parsed sentence holds a word (text of figures and symbols holds none)."""
        return any(token.is_alpha and len(token) > 1 for s in self.sentences for token in s.span)

    def index_before(self, offset: int) -> int | None:
        """The last sentence that ends at or before ``offset``."""
        found = None
        for index, sentence in enumerate(self.sentences):
            if sentence.end <= offset:
                found = index
            else:
                break
        return found

    def index_at(self, offset: int) -> int | None:
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return index
        return None


# -- helpers -----------------------------------------------------------------


def token_span(tokens: Iterable[Token], base: int) -> tuple[int, int]:
    tokens = list(tokens)
    return base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1].text)


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """A content span without the spaces, commas and lead-in "that" around it (quote marks stay)."""
    while start < end and (body[start].isspace() or body[start] in ",;:—–-"):
        start += 1
    lead = re.match(r"(?:that|whether|if)\s+", body[start:end], re.IGNORECASE)
    if lead and end - start > len(lead.group(0)) + 3:
        start += len(lead.group(0))
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:—–-."):
        end -= 1
    if end < len(body) and body[end : end + 1] == "." and end > start and body[end - 1] not in ALL_MARKS:
        end += 1
    return start, end


def subtree_span(token: Token, base: int, exclude: Token | None = None) -> tuple[int, int]:
    excluded = {t.i for t in exclude.subtree} if exclude is not None else set()
    tokens = [t for t in token.subtree if t.i not in excluded]
    tokens = [t for t in tokens if not (t.is_punct and t.text not in ALL_MARKS)] or list(token.subtree)
    return token_span(tokens, base)


def in_any(quotes: list[Quote], start: int, end: int) -> bool:
    return any(quote.start <= start and end <= quote.end for quote in quotes)


# -- frames ------------------------------------------------------------------


QUOTING_VERBS = frozenset({"quote", "quotes", "quoted", "quoting", "cite", "cites", "cited", "citing"})


def _quoting(verb: Token) -> Token | None:
    """The verb of "X quotes him as saying", from the quoting verb or from "saying" under it."""
    if verb.lower_ in QUOTING_VERBS:
        return verb
    for ancestor in list(verb.ancestors)[:2]:
        if ancestor.lower_ in QUOTING_VERBS:
            return ancestor
    return None


RELAY_FORMS = frozenset({"saying", "telling", "stating", "writing"})
RELAY_REACH = 8  # tokens from the quoting verb to "as": "quoted a senior State Department official as saying"


def _relayed_verb(verb: Token) -> Token | None:
    """The "saying" of "X quotes/cites Y as saying|telling|stating|writing" (a relay whose
    object is the person quoted), from the quoting verb; None for other verbs."""
    if verb.lower_ not in QUOTING_VERBS:
        return None
    sentence_end = verb.sent.end
    for token in verb.doc[verb.i + 1 : min(verb.i + RELAY_REACH + 1, sentence_end - 1)]:
        if token.lower_ == "as" and token.nbor(1).lower_ in RELAY_FORMS:
            return token.nbor(1)
    return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a verb: its subject, or the subject of the clause it hangs from."""
    quoting = _quoting(verb) if depth == 0 else None
    if quoting is not None:
        quoted = [c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")]
        if quoted:
            return quoted[0]
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if depth < 2 and verb.dep_ in ("advcl", "conj", "xcomp", "acl", "parataxis") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    return None


def _antecedent(subject: Token) -> Token:
    """ "who"/"which" as a subject stands for the noun its clause describes ("Morial, who said")."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _speaker_tokens(subject: Token) -> list[Token]:
    """The speaker mention: the subject's phrase without relative clauses and trailing punctuation."""
    subject = _antecedent(subject)
    dropped = {"relcl", "acl", "punct", "advcl", "appos", "cc", "conj"}
    keep = [subject]
    for child in subject.children:
        if child.dep_ not in dropped:
            keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # a contiguous stretch around the head
    left = min(t.i for t in keep)
    right = max(t.i for t in keep)
    tokens = [t for t in subject.doc[left : right + 1] if not t.is_punct or t.text in "'’."]
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
        tokens.pop()
    return tokens


def _content(verb: Token, base: int, body: str) -> tuple[int, int] | None:
    """What a cue reports, by the parse."""
    if cues.is_according(verb):
        head = verb.head
        if head.i != verb.i:
            start, end = subtree_span(head, base, exclude=verb)
            return trim(body, start, end) if end > start else None
        return None
    relayed = _relayed_verb(verb)
    if relayed is not None:
        # "X quoted him as saying that ...": the object is the person quoted (the speaker,
        # see ``_subject``), not what was said; the content is the clause of "saying"
        # ("TASS quotes him as telling MIC Izvestia" has none: quotes attached to the frame
        # are its content, else it only says who relayed the statement before it)
        clauses = [c for c in relayed.children if c.dep_ in CONTENT_DEPS and c.i > relayed.i]
        if not clauses:
            return None
        starts, ends = zip(*(subtree_span(c, base) for c in clauses), strict=True)
        return trim(body, min(starts), max(ends))
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ in CONTENT_DEPS and c.i > verb.i or c.dep_ == "ccomp"]
    if clauses:
        starts, ends = zip(*(subtree_span(c, base) for c in clauses), strict=True)
        return trim(body, min(starts), max(ends))
    if verb.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in children):
        # "…grew 4.1%, as reported by the prime minister": the clause it hangs from
        start, end = subtree_span(verb.head, base, exclude=verb)
        return trim(body, start, end)
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
        start, end = subtree_span(verb.head, base, exclude=verb)
        cue_start = base + verb.idx
        return trim(body, start, min(end, cue_start))
    if verb.dep_ == "parataxis" and verb.head.i > verb.i and _opens_before(verb):
        # "The museum, he said, celebrated ...": the content lies on both sides of the cue
        # and is one statement (its hull), as PolNeAR annotates it
        return trim(body, *subtree_span(verb.head, base, exclude=verb))
    addressee = verb.lower_ in cues.ADDRESSEE_VERBS
    objects = [c for c in children if c.dep_ in OBJECT_DEPS and not (addressee and c.dep_ == "dobj")]
    if objects:
        return trim(body, *subtree_span(objects[0], base))
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return trim(body, *subtree_span(objects[0], base))
    return None


def _opens_before(verb: Token) -> bool:
    """Whether the clause a parenthetical cue interrupts has words before the cue's own."""
    return min(t.i for t in verb.head.subtree) < min(t.i for t in verb.subtree)


def _according_source(verb: Token) -> Token | None:
    for child in verb.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def cue_tokens(verb: Token) -> tuple[int, int]:
    """The cue by rule (first and last token indexes): the verb with its particle, "according to"."""
    tokens = [verb]
    if cues.is_according(verb):
        tokens.append(next(child for child in verb.children if child.lower_ == "to"))
    for child in verb.children:
        if child.dep_ == "prt":
            tokens.append(child)
    tokens.sort(key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i > len(tokens) - 1:
        return verb.i, verb.i
    return tokens[0].i, tokens[-1].i


def _cue_span(
    verb: Token, base: int, bounds: tuple[int, int], edge: spans.EdgeModel | None
) -> tuple[int, int]:
    """The cue as written: the rule's tokens, grown by the learned edge model where there is one
    (auxiliaries, negation, adverbs, "called for", "said on Friday")."""
    first, last = cue_tokens(verb)
    if edge is not None:
        first, last = edge.grow(verb, first, last, bounds)
    doc = verb.doc
    while last > verb.i and doc[last].is_space:
        last -= 1
    while first < verb.i and doc[first].is_space:
        first += 1
    return token_span(doc[first : last + 1], base)


def _source_span(
    speaker: Span, base: int, bounds: tuple[int, int], edge: spans.EdgeModel | None
) -> tuple[int, int]:
    """The speaker's mention grown over what the annotation counts as its source (an apposition,
    a party and state after a name), by the learned edge model; the mention itself where there
    is none."""
    first, last = speaker.start, speaker.end - 1
    if edge is not None:
        first, last = edge.grow(speaker.root, first, last, bounds)
    doc = speaker.doc
    while last > first and (doc[last].is_space or doc[last].is_punct and doc[last].text not in ".’'"):
        last -= 1  # a comma, dash or odd space the walk stepped onto before stopping
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return token_span(doc[first : last + 1], base)


def content_reach(
    content: tuple[int, int], verb: Token, base: int, bounds: tuple[int, int], body: str
) -> tuple[int, int] | None:
    """Where a content after its cue may run on: the index of its last token and the token
    index it must stop before (the sentence's end, or a quotation mark: marks decide where
    quoted words end). None unless the content lies in the cue's sentence and stops short."""
    start, end = content
    doc = verb.doc
    if start < base + verb.idx + len(verb.text) or any(mark in body[start:end] for mark in ALL_MARKS):
        return None  # a content before its cue, or a quotation's
    last = None
    for i in range(verb.i + 1, bounds[1]):
        if base + doc[i].idx + len(doc[i].text) > end:
            break
        last = i
    if last is None or last + 1 >= bounds[1] or base + doc[last].idx + len(doc[last].text) < end - 1:
        return None
    stop = next((i for i in range(last + 1, bounds[1]) if doc[i].text in ALL_MARKS), bounds[1])
    return (last, stop) if stop > last + 1 else None


def _grown_content(
    content: tuple[int, int],
    verb: Token,
    base: int,
    bounds: tuple[int, int],
    body: str,
    edge: spans.EdgeModel,
) -> tuple[int, int]:
    """A content whose clause the parse closed early ("called the plan | a waste of money")
    runs on to where the learned edge model stops it."""
    reach = content_reach(content, verb, base, bounds, body)
    if reach is None:
        return content
    last, stop = reach
    _, grown = edge.grow(verb, last, last, (last, stop))
    if grown == last:
        return content
    doc = verb.doc
    return trim(body, content[0], base + doc[grown].idx + len(doc[grown].text))


def find_frames(
    parsed: Parsed,
    body: str,
    quotes: list[Quote],
    model: cues.CueModel | None,
    edges: dict[str, spans.EdgeModel] | None = None,
) -> list[Frame]:
    edges = edges or {}
    frames = []
    candidates: dict[int, list[int]] = {}  # per doc (keyed by id): its possible cue tokens
    for index, sentence in enumerate(parsed.sentences):
        span = sentence.span
        doc = span.doc
        if id(doc) not in candidates:
            candidates[id(doc)] = cues.candidate_indexes(doc)
        bounds = (span.start, span.end)
        indexes = candidates[id(doc)]
        for i in indexes[bisect_left(indexes, span.start) : bisect_left(indexes, span.end)]:
            token = doc[i]
            start = sentence.base + token.idx
            inside = in_any(quotes, start, start + len(token.text))
            if not cues.is_cue(token, inside, model, bounds):
                continue
            cue_span = _cue_span(token, sentence.base, bounds, edges.get("cue"))
            frame = Frame(cue=token, cue_span=cue_span, sentence=index)
            subject = _according_source(token) if cues.is_according(token) else _subject(token)
            if subject is not None and not in_any(
                quotes, sentence.base + subject.idx, sentence.base + subject.idx + 1
            ):
                tokens = _speaker_tokens(subject)
                if tokens:
                    frame.speaker = subject.doc[tokens[0].i : tokens[-1].i + 1]
                    frame.speaker_span = token_span(tokens, sentence.base)
                    frame.source_span = _source_span(
                        frame.speaker, sentence.base, bounds, edges.get("source")
                    )
                    if _antecedent(subject) is not subject:
                        frame.relative_span = token_span([subject], sentence.base)
            frame.content = _content(token, sentence.base, body)
            if frame.content is not None and "content" in edges:
                frame.content = _grown_content(
                    frame.content, token, sentence.base, bounds, body, edges["content"]
                )
            _add_relay_and_venue(frame, sentence, body)
            frames.append(frame)
    return _without_carriers(frames)


def _without_carriers(frames: list[Frame]) -> list[Frame]:
    """Drop a frame whose object only carries another report: in "the comment follows a
    report which claimed X" the attribution is the report's claim, not the following."""
    cues_at = {(id(f.cue.doc), f.cue.i) for f in frames}
    kept = []
    for frame in frames:
        objects = [c for c in frame.cue.children if c.dep_ in OBJECT_DEPS]
        carried = any(
            token.dep_ == "relcl" and (id(token.doc), token.i) in cues_at
            for obj in objects
            for token in obj.subtree
        )
        clause = any(c.dep_ in ("ccomp", "xcomp") for c in frame.cue.children)
        if carried and not clause and frame.cue.lower_ not in cues.SPEECH_FORMS:
            continue
        kept.append(frame)
    return kept


def _add_relay_and_venue(frame: Frame, sentence: Sentence, body: str) -> None:
    venue, relays = _relay_and_venue(body[sentence.start : sentence.end])
    if venue is not None:
        frame.venue = venue
    frame.relayed_by.extend(relays)


_TELLING = re.compile(r"\btelling\s+(?:the\s+)?(?P<venue>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)")


@lru_cache(maxsize=256)  # the frames of one sentence read the same text
def _relay_and_venue(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The venue a sentence names and the outlets relaying its report."""
    venue = None
    for pattern in _VENUE_PATTERNS:
        match = pattern.search(text)
        if match:
            venue = match.group("venue")
            if "outlet" in match.groupdict() and match.group("outlet"):
                venue = f"interview with {match.group('outlet').removeprefix('the ')}"
            venue = _name_text(venue)
            break
    relay = _RELAY.search(text)
    if not relay:
        return venue, ()
    telling = _TELLING.search(text)
    if telling:
        venue = _name_text(telling.group("venue"))
    # a sentence-initial "The" is caught with the name; mid-sentence "the" is not
    return venue, (_name_text(relay.group("relay")).removeprefix("The "),)


def _name_text(text: str) -> str:
    """A name caught by a pattern, without the sentence's punctuation after it."""
    return text.strip().rstrip(".,;:")


# -- quotes to frames ---------------------------------------------------------------


def _frames_in(frames: list[Frame], sentence_indexes: set[int]) -> list[Frame]:
    return [frame for frame in frames if frame.sentence in sentence_indexes]


def _leads_in(body: str, quote: Quote) -> bool:
    """The text just before a quote leads into it: a colon, a comma, an unfinished sentence."""
    before = body[: quote.start].rstrip()
    if not before:
        return False
    if before[-1] in ":,":
        return True
    paragraph_break = "\n" in body[len(before) : quote.start]
    return paragraph_break and before[-1].isalpha()


def attach_quotes(frames: list[Frame], quotes: list[Quote], parsed: Parsed, body: str) -> list[Quote]:
    """Give each quote to a frame; return the quotes no cue claims."""
    unclaimed = []
    for quote in quotes:
        first = parsed.index_at(quote.start)
        last = parsed.index_at(max(quote.end - 1, quote.start))
        around = {i for i in (first, last) if i is not None}
        following = parsed.index_at(_next_non_space(body, quote.end))
        if following is not None and (last is None or following == last + 1):
            around.add(following)  # “…?” Clinton said. — the parser may end the sentence at the mark
        holders = [
            f for f in frames if f.content and f.content[0] <= quote.start and quote.end <= f.content[1]
        ]
        near = [f for f in _frames_in(frames, around) if not quote.contains(*f.cue_span)]
        near = [f for f in near if _distance(f.cue_span, quote) <= NEAR_CUE_CHARS]
        joined = [f for f in near if f.content and _runs_into(body, f.content, quote.start, quote.end)]
        if holders:
            min(holders, key=lambda f: f.content[1] - f.content[0]).quotes.append(quote)
        elif joined:
            min(joined, key=lambda f: _distance(f.content, quote)).quotes.append(quote)
        elif near:
            min(near, key=lambda f: _distance(f.cue_span, quote)).quotes.append(quote)
        elif _leads_in(body, quote) and (before := parsed.index_before(quote.start)) is not None:
            previous = _frames_in(frames, {before} | ({first} if first is not None else set()))
            previous = [f for f in previous if f.cue_span[1] <= quote.start]
            if previous:
                previous[-1].quotes.append(quote)
            else:
                unclaimed.append(quote)
        else:
            unclaimed.append(quote)
    return unclaimed


def _next_non_space(body: str, offset: int) -> int:
    while offset < len(body) and body[offset] in " \t":
        offset += 1
    return offset


def _distance(span: tuple[int, int], quote: Quote) -> int:
    if span[1] <= quote.start:
        return quote.start - span[1]
    if span[0] >= quote.end:
        return span[0] - quote.end
    return 0


# -- statements ------------------------------------------------------------------


def _outside_quotes(body: str, start: int, end: int, quotes: list[Quote]) -> str:
    """The words of a span that are not inside its quotes."""
    pieces = []
    cursor = start
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.end <= start or quote.start >= end:
            continue
        pieces.append(body[cursor : max(cursor, quote.start)])
        cursor = max(cursor, quote.end)
    pieces.append(body[cursor:end])
    return " ".join(pieces)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _runs_into(body: str, content: tuple[int, int], quote_start: int, quote_end: int) -> bool:
    """Reported speech and quoted words that make one statement: they overlap, or only a few
    words of the same sentence lie between them ("blamed X for the “death of globalisation”").
    A quote set off in its own paragraph stands alone, even after "said that,"."""
    if content[0] <= quote_end and quote_start <= content[1]:
        return "\n" not in body[content[0] : quote_start]
    gap = body[content[1] : quote_start] if content[1] <= quote_start else body[quote_end : content[0]]
    return len(gap) <= MAX_GAP_CHARS and not re.search(r"[.!?\n]", gap)


def frame_statement(frame: Frame, body: str, all_quotes: list[Quote]) -> tuple[str, int, int] | None:
    """Kind and body span of a frame's statement, or None when it reports nothing."""
    content = frame.content
    if frame.quotes:
        quote_start = min(q.start for q in frame.quotes)
        quote_end = max(q.end for q in frame.quotes)
        if content is None:
            return "direct", quote_start, quote_end
        # reported speech takes the quotes that run into it; a quote apart from it is the statement
        joined = [q for q in frame.quotes if _runs_into(body, content, q.start, q.end)]
        if not joined:
            return "direct", quote_start, quote_end
        quote_start = min(q.start for q in joined)
        quote_end = max(q.end for q in joined)
        # reported speech running into its quoted words: one statement over both
        start, end = min(content[0], quote_start), max(content[1], quote_end)
        rest = _outside_quotes(body, start, end, all_quotes)
        cue_words = set(_words(body[frame.cue_span[0] : frame.cue_span[1]]))
        speaker_words = set(_words(frame.speaker.text)) if frame.speaker is not None else set()
        leftover = [w for w in _words(rest) if w not in cue_words and w not in speaker_words]
        return ("mixed" if leftover else "direct"), start, end
    if content is None or content[1] - content[0] < 2:
        return None
    start, end = content
    inner = [q for q in all_quotes if start <= q.start and q.end <= end]
    if inner:
        return ("direct" if not _words(_outside_quotes(body, start, end, inner)) else "mixed"), start, end
    return "indirect", start, end


PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
ROLE_GENDER = {
    "mr.": "m",
    "spokesman": "m",
    "congressman": "m",
    "chairman": "m",
    "king": "m",
    "prince": "m",
    "mrs.": "f",
    "ms.": "f",
    "spokeswoman": "f",
    "congresswoman": "f",
    "chairwoman": "f",
    "queen": "f",
}


class Resolver:
    """Speaker mentions to catalogue entries, remembering recent speakers for pronouns.

    "He" and "she" go to the most recent speaker whose gender (learnt from the
    pronouns and titles used for them so far) does not contradict the pronoun.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.speakers: list[EntityEntry] = []  # most recent last
        self.gender: dict[int, str] = {}

    def resolve(self, mention: Span | None, span: tuple[int, int] | None) -> EntityEntry | None:
        if mention is None or span is None:
            return None
        entry = self._lookup(mention, span)
        if entry is not None:
            self.catalogue.add_mention(entry, *span)
            self._learn_gender(entry, mention)
            if entry.kind == "PERSON":
                self.speakers = [e for e in self.speakers if e is not entry] + [entry]
        return entry

    def _learn_gender(self, entry: EntityEntry, mention: Span) -> None:
        words = [t.lower_ for t in mention] + " ".join(entry.roles).lower().split()
        for word in words:
            gender = ROLE_GENDER.get(word)
            if gender and id(entry) not in self.gender:
                self.gender[id(entry)] = gender

    def _by_pronoun(self, pronoun: str, offset: int) -> EntityEntry | None:
        wanted = PRONOUN_GENDER[pronoun]
        for entry in reversed(self.speakers):
            if self.gender.get(id(entry), wanted) == wanted:
                return entry
        named = self.catalogue.person_before(offset)
        if named is not None and self.gender.get(id(named), wanted) == wanted:
            return named
        return None

    def _lookup(self, mention: Span, span: tuple[int, int]) -> EntityEntry | None:
        words = [t for t in mention if not t.is_punct]
        if not words:
            return None
        head = mention.root
        lowered = head.lower_
        if len(words) == 1 and lowered in PERSON_PRONOUNS:
            # news goes on about the person just quoted; failing that, the person just named
            return self._by_pronoun(lowered, span[0])
        if len(words) == 1 and lowered in GROUP_PRONOUNS:
            return None
        proper = _proper_run(mention)
        if proper and _described(mention):
            # "a spokeswoman for Hillary Clinton", "the Trump campaign": someone speaking for a
            # person, never the person; one of the article's people only by role ("the Kremlin
            # spokesman" where Dmitry Peskov is that). An organisation's report is its own.
            by_role = self.catalogue.lookup_role(_head_nouns(mention))
            named = self.catalogue.lookup_name(proper)
            if named is None or _personal(named):
                # never the person spoken for: "Carter's press secretary" is not Defense Secretary Carter
                return by_role if by_role is not named else None
            return by_role or named
        if proper:
            entry = self.catalogue.lookup_name(proper)
            if entry is None:
                titles = [t.text for t in mention if t.lower_ in TITLE_WORDS]
                kind = guess_kind(proper.split(), titles, self.catalogue.organisations)
                entry = self.catalogue.ensure(proper, kind, *span)
            return entry
        nouns = [t.text for t in mention if t.tag_.startswith("NN") or t.tag_ == "JJ"]
        return self.catalogue.lookup_role(nouns)


def _personal(entry: EntityEntry) -> bool:
    """Anyone the text did not call an organisation: "the Obama administration" is not Obama,
    while "a Reuters report" is Reuters'."""
    return entry.kind != "ORG"


def _described(mention: Span) -> bool:
    """Whether a mention's head is not the name it holds: a common noun ("X's campaign", "a
    spokesman for X") or a number or quantifier ("one of X's advisers", "some of X's allies")."""
    return mention.root.tag_ in ("NN", "NNS", "CD", "DT")


def _head_nouns(mention: Span) -> list[str]:
    """The words of a description up to its head, honorifics aside: "the Kremlin spokesman"
    gives Kremlin and spokesman; "a spokesman for Mr. Clinton" gives spokesman alone."""
    head = mention.root
    return [
        t.text
        for t in mention
        if t.i <= head.i
        and (t.tag_ in ("NN", "NNS", "JJ") or t.tag_ in ("NNP", "NNPS") and t.lower_ not in TITLE_WORDS)
    ]


def _in_title(token: Token) -> bool:
    """A word of a title: "Secretary", or "State" in "Secretary of State", but not "National"
    in "Republican National Committee"."""
    lowered = token.lower_
    if lowered not in TITLE_WORDS:
        return False
    if lowered not in TITLE_MODIFIERS:
        return True
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return before == "of" or before in TITLE_WORDS or after in TITLE_WORDS


def _proper_run(mention: Span) -> str | None:
    """The proper name in a mention: the run of proper nouns holding the head, else the last run."""
    runs: list[list[Token]] = []
    for token in mention:
        if token.tag_ in ("NNP", "NNPS") and not _in_title(token):
            if runs and runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
        elif token.tag_ == "POS" and runs:
            continue
    if not runs:
        return None
    head = mention.root
    chosen = next((run for run in runs if head in run), runs[-1])
    return " ".join(t.text for t in chosen)


def build(
    frames: list[Frame],
    unclaimed: list[Quote],
    body: str,
    quotes: list[Quote],
    catalogue: Catalogue,
    skipped: Counter[str],
    headline_end: int = 0,
) -> list[Found]:
    """Statements from frames and leftover quotes, in text order, speakers resolved.

    ``headline_end`` is where the headline ends when the text starts with one
    (0 when it does not): headlines have their own forms of attribution.
    """
    resolver = Resolver(catalogue)
    items: list[tuple[int, object]] = [(f.cue_span[0], f) for f in frames]
    items += [(q.start, q) for q in unclaimed]
    items.sort(key=lambda pair: pair[0])
    found: list[Found] = []
    for _, item in items:
        if isinstance(item, Frame):
            made = _from_frame(item, body, quotes, resolver)
            if made is None:
                _relay_to_previous(item, body, found, resolver)
        else:
            made = _from_lone_quote(item, body, found, skipped, resolver)
        if made is not None:
            found.append(made)
    if headline_end and not any(f.start < headline_end for f in found):
        made = headline_statement(body, headline_end, quotes, resolver)
        if made is not None:
            found.append(made)
    found.sort(key=lambda f: f.start)
    return _dedupe(found)


_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
# "Pat Caddell: Democrat voters worried ..." and "Russia not chasing anyone for relief – Lavrov"
_HEADLINE_COLON = re.compile(rf"(?P<speaker>{_NAME})(?P<cue>\s*:)\s+(?P<content>\S.*)")
_HEADLINE_DASH = re.compile(rf"(?P<content>.*\S)(?P<cue>\s+[–—-])\s+(?P<speaker>{_NAME})\s*")


def headline_statement(body: str, end: int, quotes: list[Quote], resolver: Resolver) -> Found | None:
    """A headline that names its speaker with a colon or a dash."""
    headline = body[:end]
    match = _HEADLINE_COLON.fullmatch(headline) or _HEADLINE_DASH.fullmatch(headline)
    if match is None:
        return None
    speaker_span = match.span("speaker")
    name = match.group("speaker")
    entity = resolver.catalogue.lookup_name(name)
    if entity is not None:
        resolver.catalogue.add_mention(entity, *speaker_span)
    start, stop = match.span("content")
    inner = [q for q in quotes if start <= q.start and q.end <= stop]
    kind = "indirect"
    if inner:
        kind = "direct" if not _words(_outside_quotes(body, start, stop, inner)) else "mixed"
    cue_start, cue_end = match.span("cue")
    cue_start += len(match.group("cue")) - len(match.group("cue").lstrip())
    return Found(kind, start, stop, (cue_start, cue_end), name, speaker_span, entity, None, None, ())


def _from_frame(frame: Frame, body: str, quotes: list[Quote], resolver: Resolver) -> Found | None:
    shape = frame_statement(frame, body, quotes)
    if shape is None:
        return None
    kind, start, end = shape
    entity = resolver.resolve(frame.speaker, frame.speaker_span)
    if entity is not None and frame.relative_span is not None:
        resolver.catalogue.add_mention(entity, *frame.relative_span)
    source = frame.source_span or frame.speaker_span
    mention = body[source[0] : source[1]] if source else None
    role = _role(frame.speaker, entity)
    return Found(
        kind=kind,
        start=start,
        end=end,
        cue_span=frame.cue_span,
        speaker_mention=mention,
        speaker_span=source,
        entity=entity,
        role=role,
        venue=frame.venue,
        relayed_by=tuple(frame.relayed_by),
    )


def _relay_to_previous(frame: Frame, body: str, found: list[Found], resolver: Resolver) -> None:
    """A relay with no content of its own ("TASS quotes him as telling MIC Izvestia." after a
    quote) says who relayed the statement just before it and where it was made, when that
    statement is the same speaker's and ends at most ``CARRY_OVER_CHARS`` earlier."""
    if not frame.relayed_by or not found:
        return  # a venue alone ("He spoke at a rally.") is not taken as the earlier statement's
    previous = found[-1]
    if not 0 <= frame.cue_span[0] - previous.end <= CARRY_OVER_CHARS:
        return
    entity = resolver.resolve(frame.speaker, frame.speaker_span)
    if entity is None or entity is not previous.entity:
        return
    relays = previous.relayed_by + tuple(r for r in frame.relayed_by if r not in previous.relayed_by)
    found[-1] = replace(previous, venue=previous.venue or frame.venue, relayed_by=relays)


def _role(mention: Span | None, entity: EntityEntry | None) -> str | None:
    """The role as written in the mention ("Russian Foreign Minister"), else the entity's first."""
    if mention is not None:
        words = mention.text.split()
        from wiretrace.statements.entities import split_role

        role, _ = split_role(words)
        while role and role[0].lower() in ("the", "a", "an"):
            role = role[1:]
        if role and any(w.lower() in TITLE_WORDS for w in role):
            return " ".join(role)
    if entity is not None and entity.roles:
        return entity.roles[0]
    return None


def _from_lone_quote(
    quote: Quote, body: str, found: list[Found], skipped: Counter[str], resolver: Resolver
) -> Found | None:
    """A quote no cue claims: the speaker before it carries over, or none is named."""
    words = len(_words(body[quote.start : quote.end]))
    signed = _signature(body, quote)
    if signed is not None:
        name = body[signed[0] : signed[1]]
        entity = resolver.catalogue.ensure(name, "PERSON", *signed)
        return Found("direct", quote.start, quote.end, None, name, signed, entity, None, None, ())
    previous = found[-1] if found else None
    if (
        previous is not None
        and previous.kind == "direct"
        and 0 <= quote.start - previous.end
        and "\n" not in body[previous.end : quote.start]
    ):
        # “A,” X said. “B.” in one paragraph: B goes on with A's statement.
        found[-1] = replace(previous, end=quote.end)
        return None
    if previous is not None and 0 <= quote.start - previous.end <= CARRY_OVER_CHARS and words >= 3:
        return Found(
            kind="direct",
            start=quote.start,
            end=quote.end,
            cue_span=previous.cue_span,
            speaker_mention=previous.speaker_mention,
            speaker_span=previous.speaker_span,
            entity=previous.entity,
            role=previous.role,
            venue=previous.venue,
            relayed_by=previous.relayed_by,
        )
    if words < MIN_UNATTRIBUTED_WORDS:
        return None
    return Found("direct", quote.start, quote.end, None, None, None, None, None, None, ())


_SIGNATURE = re.compile(r"\s*[―—–-]{1,2}\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})")


def _signature(body: str, quote: Quote) -> tuple[int, int] | None:
    """A quote signed below or after it with a dash and a name ("― Adriana Rodarte")."""
    match = _SIGNATURE.match(body, quote.end)
    if not match:
        return None
    return match.start("name"), match.end("name")


def _dedupe(found: list[Found]) -> list[Found]:
    """One statement per content span (two cues over one quote keep the first)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for item in found:
        if (item.start, item.end) in seen:
            continue
        seen.add((item.start, item.end))
        kept.append(item)
    return kept
