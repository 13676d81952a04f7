"""What an article looks like to the clustering: weighted terms, entities, a day.

An article becomes a sparse vector of stemmed terms in which the title and the
lead count above the body (news puts the event first: the inverted pyramid),
plus entity features (``e:<token>``) for the people, organisations and places
that spaCy's named-entity recogniser finds in the title and lead. Only that
part of the text goes through spaCy, and only its ``ner`` component runs: it is
the costly step, and the body adds little that the terms do not already carry.

The vector holds term frequencies only (sublinear, unit length); IDF is applied
when vectors are compared, with the store's document frequencies of that moment.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import wordfreq
from sklearn.feature_extraction.text import CountVectorizer

from wiretrace.recogniser import LEAD_WORDS, recognised_of
from wiretrace.records import Analysis
from wiretrace.stems import stem

# Field weights: each occurrence of a word in the title counts three times, in the
# lead twice, in the body once. Chosen on principle (headline and lead state the
# event; the body adds background); docs/evaluation.md shows neighbouring weights.
WEIGHT_TITLE = 3.0
WEIGHT_LEAD = 2.0
WEIGHT_BODY = 1.0
# An entity token weighs as much as a title word: shared participants are the best
# evidence that two articles report one event.
WEIGHT_ENTITY = 3.0
# The lead (``LEAD_WORDS``, imported): the first 60 words of the body, about the first
# two sentences of a news report (standfirst and first paragraph); the recogniser stage
# reads the same words for the entities.
# Words of the body read at all; past this, long articles add background, not the
# event, and cost grows with length.
BODY_WORDS = 600
# Entity labels that name the actors of an event, and those that name its setting
# (places, nationalities). Dates, numbers and quantities are left out: not who or where.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "EVENT", "FAC", "LAW", "PRODUCT", "WORK_OF_ART"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
# Words in entity spans that name a role or are grammar, not the entity.
ENTITY_STOPWORDS = frozenset(
    {"the", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor", "president", "s"}
)
ENTITY_PREFIX = "e:"  # actors
PLACE_PREFIX = "p:"  # places and nationalities
# The prior share of news articles holding a word, from its frequency in general English
# (wordfreq): 1 - exp(-DOCUMENT_TOKENS * frequency), the chance that a word of that
# frequency turns up among the ~300 content words of a news article.
DOCUMENT_TOKENS = 300
# Surface words kept per article for labels.
LABEL_WORDS = 20
# Quoted words: outlets reporting one event paraphrase its facts but quote the same
# words, so a run of QUOTE_WORDS words inside quotation marks found in two articles is
# evidence of one event that needs no date. Five words: long enough that stock phrases
# rarely match, short enough to survive each outlet cutting a quote differently. An
# article keeps the QUOTE_PRINTS smallest fingerprints of its runs (a bottom-k sample,
# so two articles keep the same ones of the runs they share).
QUOTE_WORDS = 5
QUOTE_PRINTS = 64
# Runs read per article at most: a news article quotes a few hundred words (BASIL's most
# is 876 runs); past this, a page of quotes (a transcript) adds cost, not evidence.
QUOTE_RUNS_READ = 5000
QUOTE_PREFIX = "q:"
# Characters of the body read for the words it writes as names (capitalised_words): far
# more than a news article, so only a page of another kind is cut.
NAMES_READ = 200_000

_analyzer = CountVectorizer(stop_words="english").build_analyzer()
_letters = re.compile(r"[^\W\d_]+")
# Text between a pair of quotation marks, within one paragraph.
_quoted = re.compile(r'["“”]([^"“”\n]{10,2000}?)["“”]')
_word = re.compile(r"\w+")


@dataclass(frozen=True)
class ArticleFeatures:
    """One article, ready to be clustered."""

    article_id: str
    day: str | None
    outlet: str | None
    terms: dict[str, float]  # unit-length weighted term frequencies
    names: dict[str, str]  # entity as written -> "actor" or "place"
    words: dict[str, str]  # term -> word as written
    priors: dict[str, float]  # term -> prior share of articles holding it
    quotes: tuple[str, ...] = ()  # fingerprints of quoted word runs (quote_prints)
    # The day counted in its event's mean day: the publication day. (Stores of earlier
    # versions also counted an undated article at the stream's latest day; taking such a
    # member out again subtracts what it added.)
    when: str | None = None


@lru_cache(maxsize=200_000)
def word_prior(word: str) -> float:
    return 1.0 - math.exp(-DOCUMENT_TOKENS * wordfreq.word_frequency(word, "en"))


def words_of(text: str) -> list[str]:
    """Lowercased words without stop words and bare numbers (sklearn's English analyzer)."""
    return [word for word in _analyzer(text) if not word.isdigit()]


def article_day(published: str | None) -> str | None:
    """The YYYY-MM-DD day of a publication date, or None where there is none usable."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def fields(title: str | None, body: str) -> tuple[str, str, str]:
    """Title, lead and the part of the body read after the lead."""
    body_words = body.split()
    return title or "", " ".join(body_words[:LEAD_WORDS]), " ".join(body_words[LEAD_WORDS:BODY_WORDS])


def entity_key(text: str) -> tuple[str, ...]:
    """The tokens that identify an entity: "Russian Foreign Minister Sergey Lavrov's" -> (..., 'lavrov')."""
    return tuple(
        token for token in _letters.findall(text.lower()) if token not in ENTITY_STOPWORDS and len(token) > 1
    )


def display_name(text: str) -> str:
    """An entity as a label shows it: no leading article, possessive or unclosed bracket."""
    name = " ".join(text.split())
    name = re.sub(r"^(the|The)\s+", "", name)
    name = re.sub(r"\s*\([^)]*$", "", name)
    return re.sub(r"['’]s$", "", name)


def weighted_terms(title: str | None, body: str) -> tuple[Counter[str], dict[str, str], dict[str, float]]:
    """Stemmed term counts weighted by field, a surface word for each title and lead
    term, and each term's prior (from the most frequent of its words)."""
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    priors: dict[str, float] = {}
    for weight, text, is_head in zip(
        (WEIGHT_TITLE, WEIGHT_LEAD, WEIGHT_BODY), fields(title, body), (True, True, False), strict=True
    ):
        for word in words_of(text):
            term = stem(word)
            counts[term] += weight
            priors[term] = max(priors.get(term, 0.0), word_prior(word))
            if is_head:
                surfaces.setdefault(term, Counter())[word] += 1
    ranked = sorted(surfaces, key=lambda term: -counts[term])[:LABEL_WORDS]
    return counts, {term: surfaces[term].most_common(1)[0][0] for term in ranked}, priors


def quote_prints(body: str) -> tuple[str, ...]:
    """Fingerprints of the QUOTE_WORDS-word runs inside quotation marks (a bottom-k sample)."""
    prints: set[str] = set()
    read = 0
    for match in _quoted.finditer(body):
        words = [word.lower() for word in _word.findall(match.group(1))]
        for start in range(len(words) - QUOTE_WORDS + 1):
            run = " ".join(words[start : start + QUOTE_WORDS]).encode()
            prints.add(QUOTE_PREFIX + hashlib.blake2b(run, digest_size=6).hexdigest())
        read += max(len(words) - QUOTE_WORDS + 1, 0)
        if read >= QUOTE_RUNS_READ:
            break
    return tuple(sorted(prints)[:QUOTE_PRINTS])


def unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {key: value / norm for key, value in vector.items()} if norm else {}


def capitalised_words(body: str) -> set[str] | None:
    """The words the body writes with a capital letter (lowercased), or None for a script
    without case. A headline in title case capitalises every word ("Obama Poised to Back
    Curbs"), so the recogniser takes some for names; a name is written so in the text too."""
    words = _letters.findall(body[:NAMES_READ])
    if not any(word[0].isupper() for word in words[:200]):
        return None
    return {word.lower() for word in words if word[0].isupper()}


def build(
    article_id: str,
    title: str | None,
    body: str,
    published: str | None,
    outlet: str | None,
    entities: Sequence[tuple[str, str]],
) -> ArticleFeatures:
    """Features of one article from its text and the (text, label) entities of its title and lead."""
    counts, surfaces, priors = weighted_terms(title, body)
    vector = {term: 1.0 + math.log(count) for term, count in counts.items()}
    entity_counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    named = capitalised_words(body)
    own = set(entity_key(outlet or ""))
    for text, label in entities:
        prefix = ENTITY_PREFIX if label in ACTOR_LABELS else PLACE_PREFIX if label in PLACE_LABELS else None
        key = tuple(
            token for token in entity_key(text) if (named is None or token in named) and token not in own
        )
        if prefix is None or not key:
            continue
        entity_counts.update(prefix + token for token in key)
        names.setdefault(display_name(text), "actor" if prefix == ENTITY_PREFIX else "place")
    for feature, count in entity_counts.items():
        vector[feature] = WEIGHT_ENTITY * (1.0 + math.log(count))
        priors[feature] = word_prior(feature[len(ENTITY_PREFIX) :])
    return ArticleFeatures(
        article_id=article_id,
        day=article_day(published),
        outlet=outlet,
        terms=unit(vector),
        names=names,
        words=surfaces,
        priors=priors,
        when=article_day(published),
        quotes=quote_prints(body),
    )


def extract(analyses: Sequence[Analysis]) -> list[ArticleFeatures]:
    """Features of a batch of articles, with the entities the recogniser stage found in each
    title and lead (read here for analyses that come without them)."""
    found = [recognised.lead for recognised in recognised_of(analyses)]
    return [
        build(
            a.article.id,
            a.article.value("title"),
            a.article.body,
            a.article.value("published"),
            a.article.value("outlet"),
            entities,
        )
        for a, entities in zip(analyses, found, strict=True)
    ]


def is_entity(term: str) -> bool:
    return term.startswith((ENTITY_PREFIX, PLACE_PREFIX))


def entity_terms(terms: dict[str, float]) -> set[str]:
    """The entity features (actors and places) of a vector."""
    return {term for term in terms if is_entity(term)}
