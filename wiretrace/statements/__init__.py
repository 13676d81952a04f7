"""The statements stage: who said what in each article.

Needs: ``Analysis`` with its ``Article`` (body and body-to-input offset map).
Adds: ``Analysis.statements`` (kind, content, cue, speaker, role, venue, relay
chain; every span in input offsets) and ``Analysis.entities`` (the people and
organisations the article names, with the spans that refer to them).

spaCy runs only where an attribution can be: the paragraphs of the body
outside long quotations, with the tagger and parser alone (no NER, no
lemmatizer: the entity catalogue reads names from the text itself), batched
across the whole batch of articles with ``nlp.pipe``. Odd text never raises:
what cannot be read is skipped and counted in ``StatementStage.skipped`` (every
batch since the stage was built) and in ``take_counts`` (since last asked: the
pipeline's per-stage counts, sent back from worker processes with each batch).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language

from wiretrace.nlp import ANALYSIS_COMPONENTS_EXCLUDED, PARSE_ONLY, load_english
from wiretrace.records import (
    Analysis,
    Article,
    Cue,
    Entity,
    Failure,
    OffsetMap,
    Run,
    Span,
    Speaker,
    Statement,
)
from wiretrace.stage import AnalysisStage
from wiretrace.statements import cues, spans
from wiretrace.statements.entities import Catalogue, EntityEntry
from wiretrace.statements.extract import (
    SKIP_NO_SENTENCES,
    Found,
    Parsed,
    attach_quotes,
    build,
    find_frames,
)
from wiretrace.statements.marks import ALL_MARKS, Quote, find_quotes

__all__ = ["StatementStage", "extract_statements"]

# Paragraph pieces per nlp.pipe batch. The parser's precomputed features grow with the
# tokens of a batch: at 256 pieces a worker rose by about 200 MiB while it parsed (two
# workers together peaked over 1 GB); at 64 the peak falls by 300 MiB in all, and the rate
# is unchanged within the machine's noise (docs/evaluation.md, issue 16).
PIPE_BATCH = 64
SKIP_NOT_ENGLISH = "not English text"
# Below this share of common English words, a body of 30 words or more is not
# English (English news runs at 35-45%; French or Russian text at 0-2%).
MIN_ENGLISH_SHARE = 0.08
MIN_WORDS_FOR_LANGUAGE = 30
_ENGLISH = frozenset(
    "the of and to a in is that for on was with he it as said by at from his be have has are".split()
)


def is_english(article: Article) -> bool:
    if article.language and not article.language.lower().startswith("en"):
        return False
    words = re.findall(r"[^\W\d_]+", article.body.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True
    return sum(word in _ENGLISH for word in words) / len(words) >= MIN_ENGLISH_SHARE


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Body offsets of each non-blank line (paragraphs are lines in wiretrace bodies)."""
    found = []
    for match in re.finditer(r"[^\n]+", body):
        if match.group(0).strip():
            found.append((match.start(), match.end()))
    return found


def needs_parse(start: int, end: int, quotes: list[Quote]) -> bool:
    """A paragraph wholly inside one quotation holds no cue of its own: leave it unparsed."""
    return not any(quote.start <= start and end <= quote.end for quote in quotes)


# A sentence ends at . ! or ? (a closing mark may follow) before a space and a capital or an opening mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[a-z]+")
_ABBREVIATION = re.compile(
    r"(?:^|\W)(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|"
    r"Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|No|Inc|Corp|Co|Ltd|vs|Ave|Mt|Ft)\.[\"”’)]?$"
)


def rough_sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph cut into sentences by punctuation alone (only to choose what to parse)."""
    pieces = []
    cursor = start
    for match in _SENTENCE_END.finditer(body, start, end):
        word = body[max(start, match.start() - 12) : match.start()].split()
        if word and _ABBREVIATION.search(word[-1]):
            continue  # "U.S. President", "Sen. Warren": not a sentence end
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    return [(a, b) for a, b in pieces if b > a]


_CASED_WORD = re.compile(r"[A-Za-z]+")


def is_case_blind(paragraph: str) -> bool:
    """Whether case says nothing in a paragraph: a Title Case headline, text in capitals
    (fewer than half its words start in lower case)."""
    words = _CASED_WORD.findall(paragraph)
    return sum(word[0].islower() for word in words) * 2 < len(words)


def has_trigger(sentence: str, triggers: frozenset[str], case_blind: bool = False) -> bool:
    """Whether a sentence holds a trigger word as a verb can be written: in lower case, or
    capitalised as its first word. Capitalised inside a sentence, the word is part of a
    name ("the United States", "Secretary of State", "the Clinton Campaign"), never a cue."""
    for index, word in enumerate(_CASED_WORD.findall(sentence)):
        lowered = word.lower()
        if lowered in triggers and (case_blind or index == 0 or word == lowered):
            return True
    return False


def parse_chunks(body: str, quotes: list[Quote], triggers: frozenset[str]) -> list[tuple[int, int]]:
    """The stretches of the body worth parsing: runs of sentences that can hold an attribution.

    A sentence can when it holds a word that is ever a cue (``cues.trigger_words``),
    a quotation mark or a colon; sentences wholly inside a quotation cannot (a cue
    inside quotation marks is the quoted person's, not the article's).
    Neighbouring kept sentences of one paragraph are parsed together, so the parser
    sees them as the text gives them.
    """
    chunks: list[tuple[int, int]] = []
    for start, end in paragraphs(body):
        if not needs_parse(start, end, quotes):
            continue
        run: tuple[int, int] | None = None
        inside = [q for q in quotes if q.start < end and start < q.end]
        case_blind = is_case_blind(body[start:end])
        for sentence_start, sentence_end in rough_sentences(body, start, end):
            text = body[sentence_start:sentence_end]
            quoted = any(q.start <= sentence_start and sentence_end <= q.end for q in inside)
            keep = not quoted and (
                any(mark in text for mark in _MARKS_AND_COLON) or has_trigger(text, triggers, case_blind)
            )
            if keep:
                run = (run[0], sentence_end) if run else (sentence_start, sentence_end)
            elif run:
                chunks.append(run)
                run = None
        if run:
            chunks.append(run)
    return chunks


# The most words of one article the stage parses. News articles run to a few
# thousand words (PolNeAR's longest is under 6,000); a page past 20,000 is a
# dump or a feed, and parsing it whole would cost minutes and a gigabyte. The
# rest is skipped and counted.
MAX_PARSED_WORDS = 20_000
SKIP_TOO_LONG = f"article longer than {MAX_PARSED_WORDS:,} words to parse: the rest left unread"


def within_budget(chunks: list[tuple[int, int]], text: str, skipped: Counter[str]) -> list[tuple[int, int]]:
    """The chunks up to ``MAX_PARSED_WORDS`` words; the rest is counted in ``skipped``."""
    kept = []
    words = 0
    for start, end in chunks:
        words += text.count(" ", start, end) + 1
        if words > MAX_PARSED_WORDS:
            skipped[SKIP_TOO_LONG] += 1
            break
        kept.append((start, end))
    return kept


_MARKS_AND_COLON = tuple(ALL_MARKS) + (":",)


@dataclass(frozen=True)
class Text:
    """What the stage reads: the headline (where the input holds it verbatim) and the body,
    as one string with its map to the input. Headlines attribute too ("Lavrov says ...")."""

    text: str
    offsets: OffsetMap
    headline_end: int = 0  # where the headline ends (0: the text has none)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_source(start, end)


HEADLINE_BREAK = "\n\n"


def article_text(article: Article, source: str) -> Text:
    title = article.title
    runs = article.body_map.runs
    if (
        title is None
        or title.span is None
        or source[title.span.start : title.span.end] != title.value
        or (runs and title.span.end > runs[0].source_start)
    ):
        return Text(article.body, article.body_map)
    shift = len(title.value) + len(HEADLINE_BREAK)
    moved = [Run(run.body_start + shift, run.source_start, run.length) for run in runs]
    offsets = OffsetMap((Run(0, title.span.start, len(title.value)), *moved))
    return Text(title.value + HEADLINE_BREAK + article.body, offsets, len(title.value))


def statement_id(article_id: str, start: int, end: int) -> str:
    digest = hashlib.sha256(f"{article_id}:{start}:{end}".encode())
    return digest.hexdigest()[:16]


class StatementStage(AnalysisStage):
    """Statements and entities for a batch of analyses; loads spaCy and the cue model once."""

    name = "statements"
    needs = ("article",)
    adds = ("statements", "entities")

    def __init__(self) -> None:
        self._nlp: Language | None = None
        self.model = cues.load_model()
        self.edges = spans.load_models()
        self.triggers = cues.trigger_words(self.model)
        self.skipped: Counter[str] = Counter()

    @property
    def nlp(self) -> Language:
        """spaCy, loaded on first use: a process that only builds the stage list (the
        parent of analysis workers) never pays for it."""
        if self._nlp is None:
            self._nlp = load_english(ANALYSIS_COMPONENTS_EXCLUDED)
        return self._nlp

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]:
        plans = []
        texts: list[str] = []
        for analysis in analyses:
            text = article_text(analysis.article, analysis.item.content)
            skipped: Counter[str] = Counter()
            if not is_english(analysis.article):
                skipped[SKIP_NOT_ENGLISH] += 1
                plans.append((analysis, text, [], [], skipped))
                continue
            quotes = find_quotes(text.text, skipped)
            parts = within_budget(parse_chunks(text.text, quotes, self.triggers), text.text, skipped)
            plans.append((analysis, text, quotes, parts, skipped))
            texts.extend(text.text[s:e] for s, e in parts)
        docs = iter(self.nlp.pipe(texts, batch_size=PIPE_BATCH, disable=PARSE_ONLY))
        results: list[Analysis | Failure] = []
        for analysis, text, quotes, parts, skipped in plans:
            parsed = Parsed()
            for start, _ in parts:
                parsed.add(next(docs), start)
            results.append(self._finish(analysis, text, quotes, parsed, skipped))
        return results

    def _finish(
        self, analysis: Analysis, text: Text, quotes: list[Quote], parsed: Parsed, skipped: Counter[str]
    ) -> Analysis:
        article = analysis.article
        if not parsed.has_words():
            skipped[SKIP_NO_SENTENCES] += 1
            parsed = Parsed()
        found, catalogue = extract_statements(
            text.text, quotes, parsed, self.model, skipped, text.headline_end, self.edges
        )
        self.skipped.update(skipped)
        self.count_each(skipped)
        statements = tuple(_statement(article.id, text, item) for item in found)
        speakers = {id(item.entity) for item in found if item.entity is not None}
        entities = tuple(
            _entity(text, entry)
            for entry in catalogue.entries.values()
            if id(entry) in speakers or entry.kind in ("PERSON", "ORG")
        )
        return replace(analysis, statements=statements, entities=entities)


def extract_statements(
    body: str,
    quotes: list[Quote],
    parsed: Parsed,
    model: cues.CueModel | None,
    skipped: Counter[str],
    headline_end: int = 0,
    edges: dict[str, spans.EdgeModel] | None = None,
) -> tuple[list[Found], Catalogue]:
    """Statements of one parsed body (body offsets) and the entity catalogue they resolved against;
    ``edges`` are the learned span-edge models (``spans.load_models``), none for the rules' spans."""
    catalogue = Catalogue(body)
    if not parsed.sentences:
        return [], catalogue
    frames = find_frames(parsed, body, quotes, model, edges)
    unclaimed = attach_quotes(frames, quotes, parsed, body)
    return build(frames, unclaimed, body, quotes, catalogue, skipped, headline_end), catalogue


def _statement(article_id: str, text: Text, item: Found) -> Statement:
    start, end = text.to_source(item.start, item.end)
    cue = None
    if item.cue_span:
        cue_start, cue_end = text.to_source(*item.cue_span)
        cue = Cue(text.text[item.cue_span[0] : item.cue_span[1]], cue_start, cue_end)
    speaker = None
    if item.speaker_span and item.speaker_mention:
        speaker_start, speaker_end = text.to_source(*item.speaker_span)
        entity = item.entity
        speaker = Speaker(
            name=entity.name if entity else None,
            mention=item.speaker_mention,
            start=speaker_start,
            end=speaker_end,
            kind=entity.kind if entity else None,
        )
    return Statement(
        id=statement_id(article_id, start, end),
        article_id=article_id,
        kind=item.kind,  # type: ignore[arg-type]
        start=start,
        end=end,
        text=text.text[item.start : item.end],
        cue=cue,
        speaker=speaker,
        role=item.role,
        venue=item.venue,
        relayed_by=item.relayed_by,
    )


def _entity(text: Text, entry: EntityEntry) -> Entity:
    mentions = []
    for start, end in sorted(set(entry.mentions)):
        source_start, source_end = text.to_source(start, end)
        mentions.append(Span(source_start, source_end, text.text[start:end]))
    return Entity(name=entry.name, kind=entry.kind, mentions=tuple(mentions), roles=tuple(entry.roles))
