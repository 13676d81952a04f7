"""The stories stage: places each batch of articles into events and storylines.

Online single-pass clustering with repair. Each new article is scored against
the events filed near its day (at any day when it has none) under one of its
terms (the candidate index), and joins the best one that reaches
``EVENT_THRESHOLD`` or opens a new event. Then the events this batch touched
get a move pass (an undated member goes to another event it now fits better),
a split pass (a member that no longer fits the rest leaves) and a merge pass
(two events that fit each other become one), and each event is linked to the
storyline it continues, or opens one.

Everything the stage needs is in the store, so the next batch (or the next
process) goes on where this one stopped; per-article work depends on the
number of stories near the article's day, not on the size of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from wiretrace.records import Analysis, StoryLevel, StoryMember
from wiretrace.stage import StoreStage
from wiretrace.store import Store, StoryCandidates
from wiretrace.stories import model
from wiretrace.stories.features import ArticleFeatures, extract
from wiretrace.stories.labels import label
from wiretrace.stories.model import (
    EVENT_THRESHOLD,
    STORYLINE_THRESHOLD,
    Cluster,
    View,
    day_of,
    event_score,
    idf_value,
    index_terms,
    ordinal,
    storyline_score,
    undated_anchor,
    view,
)
from wiretrace.stories.tables import tables

# Events of up to this many articles get the split pass; larger ones are settled.
YOUNG_EVENT = 30
# How many candidate stories the index returns per query.
CANDIDATES = 20

# Maps article ids to the canonical article of their syndicated-copy family (ids absent
# from the answer are their own canonical). The origins stage provides one; until then
# every article stands for itself.
CanonicalOf = Callable[[Store, Sequence[str]], dict[str, str]]


def no_families(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    return {}


class StoriesStage(StoreStage):
    """Store-level stage: clusters articles into events and events into storylines."""

    name = "stories"
    needs = ("article",)  # families too when canonical_of is the origins stage's
    adds = ("stories",)

    def __init__(
        self,
        canonical_of: CanonicalOf = no_families,
        *,
        event_threshold: float = EVENT_THRESHOLD,
        storyline_threshold: float = STORYLINE_THRESHOLD,
        repair: bool = True,
    ) -> None:
        self.canonical_of = canonical_of
        self.event_threshold = event_threshold
        self.storyline_threshold = storyline_threshold
        self.repair = repair

    def pipe(self, analyses: Sequence[Analysis], store: Store) -> None:
        if analyses:
            _Batch(store, self).run(extract(analyses))


def member_features(member: StoryMember) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=member.article_id,
        day=member.day,
        outlet=member.outlet,
        terms=member.terms,
        names=member.names,
        words=member.words,
        priors={},
        when=member.when,
        quotes=member.quotes,
    )


def member_of(features: ArticleFeatures, event_id: str) -> StoryMember:
    return StoryMember(
        article_id=features.article_id,
        event_id=event_id,
        day=features.day,
        outlet=features.outlet,
        terms=features.terms,
        names=features.names,
        words=features.words,
        when=features.when,
        quotes=features.quotes,
    )


class _Batch:
    """One batch's work, with the stories it loaded and changed (saved at the end)."""

    def __init__(self, store: Store, stage: StoriesStage) -> None:
        self.store = store
        self.tables = tables(store)
        self.stage = stage
        state = self.tables.story_state()
        self.docs = int(state.get("docs", 0))
        self.seq = int(state.get("seq", 0))
        self.clusters: dict[str, Cluster] = {}
        self.dirty: set[str] = set()
        self.deleted: set[str] = set()
        self.members: dict[str, StoryMember] = {}
        self.removed_members: set[str] = set()
        self.df: dict[str, tuple[int, float]] = {}
        self.idfs: dict[str, float] = {}
        self.touched: list[str] = []
        self.views: dict[str, tuple[int, View]] = {}
        self.filed: dict[str, tuple[int, list[str]]] = {}

    # -- the batch, step by step --------------------------------------------------

    def run(self, batch: list[ArticleFeatures]) -> None:
        self._forget([features.article_id for features in batch])
        canonical = self.stage.canonical_of(self.store, [f.article_id for f in batch])
        originals = [f for f in batch if canonical.get(f.article_id, f.article_id) == f.article_id]
        self._count_documents(originals, +1)
        # Canonicals first, so that a copy in the same batch finds its canonical's event.
        copies = [f for f in batch if canonical.get(f.article_id, f.article_id) != f.article_id]
        for features in [*originals, *copies]:
            copy_of = canonical.get(features.article_id, features.article_id)
            if copy_of == features.article_id or not self._join_as_copy(features, copy_of):
                self._place(features)
        if self.stage.repair:
            self._reassign_pass()
            self._split_pass()
            self._merge_pass()
        self._storyline_pass()
        self._save()

    def _forget(self, article_ids: list[str]) -> None:
        """Take reprocessed articles out of their events before placing them again."""
        old = self.tables.story_members(article_ids=article_ids)
        self._count_documents([member_features(m) for m in old if not m.copy_of], -1)
        for member in old:
            event = self._get(member.event_id)
            if event is not None:
                self._take_out(event, member)
            self.removed_members.add(member.article_id)

    def _count_documents(self, batch: Iterable[ArticleFeatures], sign: int) -> None:
        deltas: Counter[str] = Counter()
        priors: dict[str, float] = {}
        count = 0
        for features in batch:
            deltas.update({term: sign for term in features.terms})
            priors.update(features.priors)
            count += 1
        if count:
            self.tables.add_story_df(dict(deltas), priors)
            self.docs += sign * count
            self.df.clear()
            self.idfs.clear()

    # -- document frequencies -----------------------------------------------------

    def _prefetch(self, terms: Iterable[str]) -> None:
        missing = [term for term in terms if term not in self.df]
        if missing:
            found = self.tables.story_df(missing)
            for term in missing:
                self.df[term] = found.get(term, (0, 0.0))

    def idf(self, term: str) -> float:
        value = self.idfs.get(term)
        if value is None:
            if term not in self.df:
                self._prefetch([term])
            value = self.idfs[term] = idf_value(self.docs, *self.df[term])
        return value

    def _article_view(self, features: ArticleFeatures | StoryMember) -> View:
        self._prefetch(features.terms)
        return view(
            features.terms, self.idf, ordinal(features.when), features.day is not None, features.quotes
        )

    def _index_terms(self, cluster: Cluster) -> list[str]:
        """A story's index terms, cached until it changes."""
        cached = self.filed.get(cluster.id)
        if cached is None or cached[0] != cluster.version:
            cached = (cluster.version, index_terms(cluster.centroid, self.idf, cluster.quotes))
            self.filed[cluster.id] = cached
        return cached[1]

    def _view(self, cluster: Cluster) -> View:
        """A story's view, cached until the story changes (IDF is fixed within a batch)."""
        cached = self.views.get(cluster.id)
        if cached is None or cached[0] != cluster.version:
            self._prefetch(cluster.centroid)
            dated = cluster.start is not None
            cached = (
                cluster.version,
                view(cluster.centroid, self.idf, cluster.mean_day, dated, cluster.quotes),
            )
            self.views[cluster.id] = cached
        return cached[1]

    # -- stories in the batch -------------------------------------------------------

    def _get(self, story_id: str | None) -> Cluster | None:
        if story_id is None or story_id in self.deleted:
            return None
        if story_id not in self.clusters:
            found = self.tables.story_clusters([story_id])
            if not found:
                return None
            self.clusters[story_id] = Cluster.from_record(found[0])
        return self.clusters[story_id]

    def _new(self, level: StoryLevel) -> Cluster:
        self.seq += 1
        prefix = "E" if level == "event" else "S"
        cluster = Cluster(id=f"{prefix}{self.seq}", level=level, seq=self.seq)
        self.clusters[cluster.id] = cluster
        self.dirty.add(cluster.id)
        return cluster

    def _candidates(self, level: StoryLevel, terms: list[str], day: str | None, reach: int) -> list[Cluster]:
        """Stories of a level filed under one of the terms, and those this batch changed: near
        the day where there is one, at any time (each term's latest postings) where not."""
        first = last = None
        if day:
            centre = ordinal(day) or 0
            first, last = (
                day_of(centre - reach),
                day_of(centre + reach + (model.STORYLINE_MAX_SPAN if level == "storyline" else 0)),
            )
        bucket = undated_anchor(self.seq)
        previous = undated_anchor(max(self.seq - model.UNDATED_BUCKET, 0))
        buckets = (bucket, previous) if day else ()
        query = StoryCandidates(level, tuple(terms), first, last, buckets, CANDIDATES, any_day=day is None)
        ids = set(self.tables.story_candidates(query))
        # Stories this batch made or changed are not (or not yet rightly) in the index:
        # those of the level that hold one of the query's terms are candidates too.
        ids.update(
            story_id
            for story_id in self.dirty
            if self.clusters[story_id].level == level
            and any(term in self.clusters[story_id].centroid for term in terms)
        )
        found = [self._get(story_id) for story_id in sorted(ids)]
        return [cluster for cluster in found if cluster is not None and cluster.size > 0]

    # -- placing articles ---------------------------------------------------------------

    def _place(self, features: ArticleFeatures) -> None:
        article = self._article_view(features)
        best, best_score = None, 0.0
        terms = index_terms(features.terms, self.idf, dict.fromkeys(features.quotes, 1))
        for event in self._candidates("event", terms, features.when, model.EVENT_WINDOW):
            score = event_score(article, self._view(event))
            if score > best_score:
                best, best_score = event, score
        if best is None or best_score < self.stage.event_threshold:
            best = self._new("event")
        self._put_in(best, member_of(features, best.id))

    def _join_as_copy(self, features: ArticleFeatures, canonical_id: str) -> bool:
        """A syndicated copy joins its canonical's event and counts once (its outlet shows)."""
        canonical = self.members.get(canonical_id)
        if canonical is None:
            found = self.tables.story_members(article_ids=[canonical_id])
            canonical = found[0] if found and canonical_id not in self.removed_members else None
        event = self._get(canonical.event_id) if canonical else None
        if event is None:
            return False
        member = replace(member_of(features, event.id), copy_of=canonical_id)
        self._put_in(event, member)
        return True

    def _put_in(self, event: Cluster, member: StoryMember) -> None:
        features = member_features(member)
        storyline = self._get(event.parent_id)
        for cluster in (event, storyline):
            if cluster is None:
                continue
            if member.copy_of:
                if member.outlet:
                    cluster.outlets[member.outlet] += 1
            else:
                cluster.add(features)
            self.dirty.add(cluster.id)
        self.members[member.article_id] = replace(member, event_id=event.id)
        self.removed_members.discard(member.article_id)
        if event.id not in self.touched:
            self.touched.append(event.id)

    def _take_out(self, event: Cluster, member: StoryMember) -> None:
        features = member_features(member)
        storyline = self._get(event.parent_id)
        for cluster in (event, storyline):
            if cluster is None:
                continue
            if member.copy_of:
                if member.outlet:
                    cluster.outlets[member.outlet] -= 1
                    cluster.outlets = +cluster.outlets
            else:
                cluster.add(features, -1)
            self.dirty.add(cluster.id)
        self.members.pop(member.article_id, None)
        if event.size <= 0 and not self._members_of(event):
            self._drop(event)

    def _members_of(self, event: Cluster) -> list[StoryMember]:
        stored = self.tables.story_members(event_ids=[event.id])
        found = {m.article_id: m for m in stored if m.article_id not in self.removed_members}
        for member in self.members.values():
            if member.event_id == event.id:
                found[member.article_id] = member
            elif member.article_id in found:
                del found[member.article_id]
        return list(found.values())

    def _drop(self, cluster: Cluster) -> None:
        if cluster.level == "event" and cluster.parent_id:
            storyline = self._get(cluster.parent_id)
            if storyline is not None:
                storyline.size -= 1
                self.dirty.add(storyline.id)
                if storyline.size <= 0:
                    self._drop(storyline)
        self.deleted.add(cluster.id)
        self.dirty.discard(cluster.id)
        self.clusters.pop(cluster.id, None)

    # -- repair: move, split and merge young events ---------------------------------------

    def _reassign_pass(self) -> None:
        """An undated report placed before its own event's reports arrived may sit in a
        look-alike event: it moves to the event it now fits better (so the result does
        not hang on which report came first)."""
        for event_id in list(self.touched):
            event = self._get(event_id)
            if event is None or event.size > YOUNG_EVENT:
                continue
            for member in self._members_of(event):
                if member.day is None and not member.copy_of:
                    better = self._better_event(event, member)
                    if better is not None:
                        self._move(event, member, better)

    def _better_event(self, event: Cluster, member: StoryMember) -> Cluster | None:
        """Another event this batch touched that the member fits better than the rest of
        its own, if one reaches the event threshold. (Events the batch left alone are as
        they were when the member was placed, and it chose against them then.)"""
        mine = self._article_view(member)
        here = event_score(mine, self._rest_view(event, member)) if event.size > 1 else 0.0
        best, best_score = None, max(here, self.stage.event_threshold)
        for other_id in self.touched:
            other = self._get(other_id)
            if other is not None and other.id != event.id and other.size > 0:
                score = event_score(mine, self._view(other))
                if score > best_score:
                    best, best_score = other, score
        return best

    def _split_pass(self) -> None:
        for event_id in list(self.touched):
            event = self._get(event_id)
            if event is None or not 3 <= event.size <= YOUNG_EVENT:
                continue
            for member in self._members_of(event):
                if not member.copy_of and not self._fits_the_rest(event, member):
                    self._move(event, member, self._new("event"))

    def _fits_the_rest(self, event: Cluster, member: StoryMember) -> bool:
        score = event_score(self._article_view(member), self._rest_view(event, member))
        return score >= self.stage.event_threshold

    def _rest_view(self, event: Cluster, member: StoryMember) -> View:
        """An event as it would be without one of its members."""
        rest = Cluster(
            event.id,
            "event",
            event.seq,
            centroid=Counter(event.centroid),
            size=event.size,
            day_sum=event.day_sum,
            dated=event.dated,
            start=event.start,
            quotes=Counter(event.quotes),
        )
        rest.add(member_features(member), -1)
        self._prefetch(rest.centroid)
        return view(rest.centroid, self.idf, rest.mean_day, rest.start is not None, rest.quotes)

    def _move(self, event: Cluster, member: StoryMember, target: Cluster) -> None:
        """Move a member, and the syndicated copies that follow it, to another event."""
        copies = [m for m in self._members_of(event) if m.copy_of == member.article_id]
        for moving in (member, *copies):
            self._take_out(event, moving)
            self._put_in(target, moving)

    def _merge_pass(self) -> None:
        queue = list(self.touched)
        while queue:
            event = self._get(queue.pop(0))
            if event is None or event.size <= 0:
                continue
            other = self._best_event_for(event)
            if other is None:
                continue
            keep, gone = (
                (event, other) if (event.size, -event.seq) >= (other.size, -other.seq) else (other, event)
            )
            self._merge_events(keep, gone)
            queue.append(keep.id)

    def _best_event_for(self, event: Cluster) -> Cluster | None:
        mine = self._view(event)
        day_text = day_of(event.mean_day) if event.mean_day else None
        best, best_score = None, 0.0
        for other in self._candidates("event", self._index_terms(event), day_text, model.EVENT_WINDOW):
            if other.id == event.id:
                continue
            score = event_score(mine, self._view(other), merging=True)
            if score > best_score:
                best, best_score = other, score
        return best if best_score >= self.stage.event_threshold else None

    def _merge_events(self, keep: Cluster, gone: Cluster) -> None:
        for member in self._members_of(gone):
            self.members[member.article_id] = replace(member, event_id=keep.id)
        if gone.parent_id != keep.parent_id:
            self._unlink(gone)
            storyline = self._get(keep.parent_id)
            if storyline is not None:
                self._add_contribution(storyline, gone)
        elif gone.parent_id:
            storyline = self._get(gone.parent_id)
            if storyline is not None:
                storyline.size -= 1  # its articles stay in the storyline, as one event fewer
                self.dirty.add(storyline.id)
        keep.absorb(gone)
        self.dirty.add(keep.id)
        gone.parent_id = None
        self._drop(gone)
        if keep.id not in self.touched:
            self.touched.append(keep.id)

    # -- storylines -----------------------------------------------------------------------

    def _storyline_pass(self) -> None:
        for event_id in self.touched:
            event = self._get(event_id)
            if event is None or event.parent_id:
                continue
            storyline = self._best_storyline_for(event)
            if storyline is None:
                storyline = self._new("storyline")
            self._link(event, storyline)

    def _best_storyline_for(self, event: Cluster) -> Cluster | None:
        mine = self._view(event)
        terms = self._index_terms(event)
        best, best_score = None, 0.0
        day = event.start or (day_of(event.mean_day) if event.mean_day else None)
        for storyline in self._candidates("storyline", terms, day, model.STORYLINE_GAP):
            score = storyline_score(event, mine, storyline, self._view(storyline))
            if score > best_score:
                best, best_score = storyline, score
        return best if best_score >= self.stage.storyline_threshold else None

    def _link(self, event: Cluster, storyline: Cluster) -> None:
        self._add_contribution(storyline, event)
        storyline.size += 1
        event.parent_id = storyline.id
        self.dirty.add(event.id)

    def _add_contribution(self, storyline: Cluster, event: Cluster) -> None:
        """Add an event's articles to a storyline's centroid, names, outlets and days."""
        storyline.absorb(event)
        storyline.size -= event.size  # absorb counts articles; a storyline's size counts events
        self.dirty.add(storyline.id)

    def _unlink(self, event: Cluster) -> None:
        storyline = self._get(event.parent_id)
        event.parent_id = None
        if storyline is None:
            return
        storyline.release(event)
        storyline.size -= 1
        self.dirty.add(storyline.id)
        if storyline.size <= 0:
            self._drop(storyline)

    # -- saving ---------------------------------------------------------------------------

    def _save(self) -> None:
        changed = [self.clusters[i] for i in sorted(self.dirty) if i in self.clusters]
        for cluster in changed:
            self._prefetch(cluster.centroid)
            cluster.label = label(cluster, self.idf)
        self.tables.delete_story_members(sorted(self.removed_members - set(self.members)))
        self.tables.save_story_members(self.members.values())
        self.tables.delete_story_clusters(sorted(self.deleted))
        self.tables.save_story_clusters(
            (cluster.to_record(self.idf), self._index_terms(cluster)) for cluster in changed
        )
        self.tables.set_story_state({"docs": str(self.docs), "seq": str(self.seq)})
