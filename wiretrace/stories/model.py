"""Stories in the making: the working state of events and storylines, and how
an article (or an event) is scored against one.

The score is the cosine of TF-IDF vectors (entity features included), gated
and weighted by what makes two reports one event:

- *participants*: when both sides name entities in their titles and leads, they
  must share at least one, so look-alike events with other people or places in
  them (two celebrities entering rehab) do not join on shared wording;
- *time*: an article joins an event only within ``EVENT_WINDOW`` days of the
  event's mean day, and the score halves every ``HALF_LIFE_DAYS`` days of gap,
  so the same kind of event a year later (another earthquake) opens its own;
- *quotes*, where a side has no date: reports of one event quote the same words,
  so shared quoted word runs stand in for the calendar, and without them the
  score is discounted and the protagonists must agree.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from wiretrace.records import StoryCluster, StoryLevel
from wiretrace.stories.features import ENTITY_PREFIX, ArticleFeatures, is_entity, stem

# An article joins the best event whose score reaches this. Chosen on other data than
# BASIL: the 95th percentile (0.209) of the best score an article of PolNeAR (2016 US
# election coverage, seven outlets, ~3 articles a day) reaches with articles 30-37 days
# away shifted into its window, i.e. with different events at the density of a real
# week of that stream (benchmarks/stories_calibrate.py).
EVENT_THRESHOLD = 0.21
# Events join storylines at a lower bar: a storyline shares its topic and actors, not
# its wording. Set to the score an article needs to join an event one half-life
# (three days) away, without the decay: half the event threshold.
STORYLINE_THRESHOLD = EVENT_THRESHOLD / 2
# Coverage of one event by different outlets comes within days; a week bounds it.
EVENT_WINDOW = 7
# The weight of a day's gap: halves every three days (so a gap of one week keeps ~20%).
HALF_LIFE_DAYS = 3.0
# Where a side has no date, the gap is unknown: score it at the mean of the decay over
# the window (0.5 ** (gap / 3) averaged over gaps of 0-7 days is 0.50), unless the two
# quote the same words (QUOTE_EVIDENCE).
UNDATED_FACTOR = 0.5
# Without dates, time cannot tell one event from the next in a storyline, so an undated
# article that quotes no words of an event joins it only if both name actors (people,
# organisations) and share one of their KEY_ENTITIES most weighted ones (the
# protagonists, not the country both name).
KEY_ENTITIES = 3
# A storyline takes an event within a month of its first or last event, and spans at
# most half a year; a longer saga shows as successive storylines.
STORYLINE_GAP = 30
STORYLINE_MAX_SPAN = 180
# Centroid terms kept per story: the rest of its long tail weighs little (BASIL's figures
# are the same at 100, 150 and 300; fewer terms make each comparison cheaper). Terms
# filed in the candidate index per story and per query.
CENTROID_TERMS = 150
INDEX_TERMS = 30
INDEX_ENTITIES = 20
INDEX_QUOTES = 32
# Quoted word runs two undated sides must share to count as one event's reports: two
# five-word runs, i.e. the same quote of six words or more (one run alone is as often
# a stock phrase, or a line the same person repeats at another event).
QUOTE_EVIDENCE = 2
# Whether two events, one of them undated, merge only on shared quotes (on principle:
# see event_score; docs/evaluation.md shows BASIL without it).
UNDATED_MERGE_NEEDS_QUOTES = True
# Quote fingerprints a story keeps (the most shared first): evidence for undated reports.
QUOTE_PRINTS_KEPT = 200
# Undated stories are filed by creation order in buckets of this many stories; a dated
# article also looks at the last two buckets (so a dated report can absorb recent undated
# ones at a flat cost). An undated article looks at any time: each of its terms' latest
# postings (StoryCandidates.per_term), a bound of the same kind.
UNDATED_BUCKET = 1000

# How many articles the prior (general English word frequencies) counts as: until the
# store holds a few thousand articles of its own, the prior keeps a young store's
# chance co-occurrences from passing for rare words (five articles on one topic would
# otherwise make the topic's own words look common). Chosen on principle: the order of
# a week of a mid-sized outlet's output; docs/evaluation.md shows 0, 300 and 3,000.
PRIOR_DOCUMENTS = 1000

# In labels, a place or nationality counts half as much as a person or organisation:
# "Sergey Lavrov, Kommersant" says more than "Moscow, Russia".
PLACE_NAME_WEIGHT = 0.5

Idf = Callable[[str], float]


def idf_value(docs: int, df: int, prior: float) -> float:
    """Smoothed IDF over the store's articles plus PRIOR_DOCUMENTS pseudo-articles."""
    return math.log((docs + PRIOR_DOCUMENTS + 1) / (df + PRIOR_DOCUMENTS * prior + 1))


def ordinal(day: str | None) -> int | None:
    return date.fromisoformat(day).toordinal() if day else None


def day_of(ordinal_day: float) -> str:
    return date.fromordinal(round(ordinal_day)).isoformat()


@dataclass
class Cluster:
    """A story being built: mutable while a batch is placed, saved as a ``StoryCluster``."""

    id: str
    level: StoryLevel
    seq: int
    parent_id: str | None = None
    centroid: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    words: dict[str, str] = field(default_factory=dict)
    outlets: Counter[str] = field(default_factory=Counter)
    quotes: Counter[str] = field(default_factory=Counter)
    size: int = 0
    day_sum: int = 0
    dated: int = 0
    start: str | None = None
    end: str | None = None
    label: str = ""
    version: int = 0  # bumped on every change, so views of it can be cached

    @classmethod
    def from_record(cls, record: StoryCluster) -> Cluster:
        return cls(
            id=record.id,
            level=record.level,
            seq=record.seq,
            parent_id=record.parent_id,
            centroid=Counter(record.centroid),
            names=Counter(record.names),
            words=dict(record.words),
            outlets=Counter(record.outlets),
            quotes=Counter(record.quotes),
            size=record.size,
            day_sum=record.day_sum,
            dated=record.dated,
            start=record.start,
            end=record.end,
            label=record.label,
        )

    def to_record(self, idf: Idf) -> StoryCluster:
        kept = dict(self.centroid.most_common(CENTROID_TERMS))
        return StoryCluster(
            id=self.id,
            level=self.level,
            seq=self.seq,
            parent_id=self.parent_id,
            centroid={term: round(value, 5) for term, value in kept.items() if value > 1e-6},
            names=dict(self.names.most_common(INDEX_ENTITIES)),
            words={term: word for term, word in self.words.items() if term in kept},
            outlets=dict(self.outlets),
            size=self.size,
            day_sum=self.day_sum,
            dated=self.dated,
            start=self.start,
            end=self.end,
            anchor=self.anchor,
            label=self.label,
            quotes=dict(self.quotes.most_common(QUOTE_PRINTS_KEPT)),
        )

    @property
    def mean_day(self) -> float | None:
        return self.day_sum / self.dated if self.dated else None

    @property
    def anchor(self) -> str:
        """The index's filing day: events by their mean day, storylines by their last day."""
        if not self.dated:
            return undated_anchor(self.seq)
        if self.level == "event":
            return day_of(self.mean_day or 0)
        return self.end or ""

    def add(self, features: ArticleFeatures, sign: int = 1) -> None:
        """Add (or, with sign -1, take out) one article's contribution."""
        self.version += 1
        for term, value in features.terms.items():
            self.centroid[term] += sign * value
            if self.centroid[term] <= 1e-9:
                del self.centroid[term]
        for name, kind in features.names.items():
            self.names[name] += sign * (1.0 if kind == "actor" else PLACE_NAME_WEIGHT)
        self.names = Counter({name: weight for name, weight in self.names.items() if weight > 1e-9})
        if sign > 0:
            for term, word in features.words.items():
                self.words.setdefault(term, word)
        if features.outlet:
            self.outlets[features.outlet] += sign
            self.outlets = +self.outlets
        self.quotes.update({fingerprint: sign for fingerprint in features.quotes})
        self.quotes = +self.quotes
        if self.level == "event":
            self.size += sign
        if features.when:
            self.day_sum += sign * (ordinal(features.when) or 0)
            self.dated += sign
        if features.day and sign > 0:
            self._widen(features.day, features.day)

    def absorb(self, other: Cluster) -> None:
        """Take in another story's whole contribution (a merge)."""
        self.version += 1
        self.centroid.update(other.centroid)
        self.names.update(other.names)
        for term, word in other.words.items():
            self.words.setdefault(term, word)
        self.outlets.update(other.outlets)
        self.quotes.update(other.quotes)
        self.size += other.size
        self.day_sum += other.day_sum
        self.dated += other.dated
        if other.start and other.end:
            self._widen(other.start, other.end)

    def release(self, other: Cluster) -> None:
        """Take out a contained story's contribution (an event leaving a storyline)."""
        self.version += 1
        self.centroid.subtract(other.centroid)
        self.centroid = Counter({t: v for t, v in self.centroid.items() if v > 1e-9})
        self.names.subtract(other.names)
        self.names = +self.names
        self.outlets.subtract(other.outlets)
        self.outlets = +self.outlets
        self.quotes.subtract(other.quotes)
        self.quotes = +self.quotes
        self.day_sum -= other.day_sum
        self.dated -= other.dated

    def _widen(self, start: str, end: str) -> None:
        self.start = min(self.start, start) if self.start else start
        self.end = max(self.end, end) if self.end else end

    def entity_terms(self) -> set[str]:
        return {term for term in self.centroid if is_entity(term)}


def undated_anchor(seq: int) -> str:
    return f"~{seq // UNDATED_BUCKET:08d}"


def weighted(vector: dict[str, float], idf: Idf) -> dict[str, float]:
    """A vector with IDF applied, at unit length."""
    scaled = {term: value * idf(term) for term, value in vector.items()}
    norm = math.sqrt(sum(value * value for value in scaled.values()))
    return {term: value / norm for term, value in scaled.items() if value} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


# Where both sides name actors (people, organisations), one side must name an actor of
# the other: two singers entering the same clinic are two stories, however alike the
# words. On by principle for events (docs/evaluation.md shows BASIL without it); not for
# storylines, whose events often quote different spokespeople of one side on one topic.
ACTOR_GATE = True


def actors(entities: frozenset[str]) -> set[str]:
    return {term for term in entities if term.startswith(ENTITY_PREFIX)}


def share_actors(a: View, b: View) -> bool:
    """The actor gate: true unless both sides name actors and neither names (as an entity,
    or as a word anywhere in its text) an actor of the other."""
    mine, theirs = actors(a.entities), actors(b.entities)
    if not mine or not theirs or mine & theirs:
        return True
    return any(stem(term[len(ENTITY_PREFIX) :]) in b.vector for term in mine) or any(
        stem(term[len(ENTITY_PREFIX) :]) in a.vector for term in theirs
    )


def share_entities(a: set[str], b: set[str]) -> bool:
    """The participant gate: true unless both sides name entities and none in common."""
    return not a or not b or bool(a & b)


def time_factor(day_a: float | None, day_b: float | None, window: float) -> float:
    """How much a gap in days leaves of a score: 0 beyond the window."""
    if day_a is None or day_b is None:
        return UNDATED_FACTOR
    gap = abs(day_a - day_b)
    if gap > window:
        return 0.0
    return 0.5 ** (gap / HALF_LIFE_DAYS)


def key_entities(weighted_vector: dict[str, float], count: int = KEY_ENTITIES) -> set[str]:
    """The most weighted actor features of a vector with IDF applied."""
    actors = ((value, term) for term, value in weighted_vector.items() if term.startswith(ENTITY_PREFIX))
    return {term for _, term in heapq.nlargest(count, actors)}


@dataclass(frozen=True)
class View:
    """An article or a story as the scores see it: IDF-weighted vector, entities, time."""

    vector: dict[str, float]  # IDF applied, unit length
    entities: frozenset[str]  # actor and place features
    keys: frozenset[str]  # the KEY_ENTITIES most weighted actors
    day: float | None  # the ordinal day of its publication dates (None when it has none)
    dated: bool  # whether it has a publication date
    quotes: frozenset[str] = frozenset()  # fingerprints of its quoted word runs


def view(
    vector: dict[str, float], idf: Idf, day: float | None, dated: bool, quotes: Iterable[str] = ()
) -> View:
    scaled = weighted(vector, idf)
    return View(
        scaled,
        frozenset(term for term in scaled if is_entity(term)),
        frozenset(key_entities(scaled)),
        day,
        dated,
        frozenset(quotes),
    )


def event_score(article: View, event: View, *, merging: bool = False) -> float:
    """How well an article (or another event) fits an event: cosine, gated and decayed.

    Where either side has no date, a stricter content test stands in for the
    calendar: the score counts whole where they quote the same words (at least
    QUOTE_EVIDENCE fingerprints), else UNDATED_FACTOR of it where they share one
    of their key actors, else nothing. Two events the placement kept apart
    (``merging``) need the shared quotes: each holds its own reports already, and
    the same people in another month's event share actors and wording too."""
    if not share_entities(article.entities, event.entities):
        return 0.0
    if ACTOR_GATE and not share_actors(article, event):
        return 0.0
    if article.dated and event.dated:
        factor = time_factor(article.day, event.day, EVENT_WINDOW)
    elif len(article.quotes & event.quotes) >= QUOTE_EVIDENCE:
        factor = 1.0
    elif article.keys & event.keys and not (merging and UNDATED_MERGE_NEEDS_QUOTES):
        factor = UNDATED_FACTOR
    else:
        return 0.0
    return cosine(article.vector, event.vector) * factor if factor else 0.0


def span(cluster: Cluster) -> tuple[float, float] | None:
    """First and last day of a story (its mean reckoned day when it has no dates)."""
    if cluster.start and cluster.end:
        return float(ordinal(cluster.start) or 0), float(ordinal(cluster.end) or 0)
    if cluster.mean_day is not None:
        return cluster.mean_day, cluster.mean_day
    return None


def within_storyline_reach(event: Cluster, storyline: Cluster) -> bool:
    """Whether an event's days fall within a storyline's reach (gap and span limits)."""
    event_span, storyline_span = span(event), span(storyline)
    if event_span is None or storyline_span is None:
        return True
    if max(event_span[1], storyline_span[1]) - min(event_span[0], storyline_span[0]) > STORYLINE_MAX_SPAN:
        return False
    gap = max(event_span[0] - storyline_span[1], storyline_span[0] - event_span[1], 0)
    return gap <= STORYLINE_GAP


def storyline_score(event: Cluster, event_view: View, storyline: Cluster, storyline_view: View) -> float:
    """How well an event continues a storyline: cosine, gated by entities and reach."""
    if not share_entities(event_view.entities, storyline_view.entities):
        return 0.0
    if not within_storyline_reach(event, storyline):
        return 0.0
    factor = 1.0 if event.dated and storyline.dated else UNDATED_FACTOR
    return cosine(event_view.vector, storyline_view.vector) * factor


def index_terms(vector: dict[str, float], idf: Idf, quotes: dict[str, int] | None = None) -> list[str]:
    """The terms a story (or a query) is filed under: its heaviest terms, its entities and
    the smallest of its quote fingerprints (the same sample on every side)."""
    entities = [(value * idf(term), term) for term, value in vector.items() if is_entity(term)]
    plain = [(value * idf(term), term) for term, value in vector.items() if not is_entity(term)]
    return (
        [term for _, term in heapq.nlargest(INDEX_TERMS, plain)]
        + [term for _, term in heapq.nlargest(INDEX_ENTITIES, entities)]
        + sorted(quotes or ())[:INDEX_QUOTES]
    )
