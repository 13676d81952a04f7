"""The origins stage: groups syndicated copies into families, as articles arrive.

Per article: its signature (``signature.py``), the articles filed under its
buckets (an indexed lookup per bucket, so no query reads the whole
store), the containment of the shorter in the longer against each candidate,
and the family of the best candidate at or above ``COPY_CONTAINMENT`` — or a
family of its own. The family's canonical member is the publisher's own
article where one member is it, else the earliest dated, else the most
complete; each member records how it differs from the canonical.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wiretrace.origins.signature import (
    CANDIDATE_WEIGHT,
    Signature,
    containment,
    shingle_set,
    signature,
    words_of,
)
from wiretrace.origins.tables import tables
from wiretrace.records import Analysis, Article, OriginMember
from wiretrace.stage import StoreStage
from wiretrace.store import Store

# Two bodies are copies when this share of the shorter's shingles is in the longer.
# Reports of one event in different words share a few quoted sentences; a copy, even
# trimmed by a paragraph at each end, keeps most of its text.
COPY_CONTAINMENT = 0.6
# Bodies of fewer shingles (about a dozen words) never join a family: too little text
# to tell a copy from a coincidence (empty and one-word articles among them).
MIN_SHINGLES = 10
# At most this many candidates, best bucket score first, are compared word by word.
CANDIDATES = 20
# A bucket shared by this many articles is boilerplate (a newsletter prompt), not a copy.
PER_BUCKET = 200
# A member lacking (or adding) more than this share of the canonical's text is trimmed (extended).
SAME_TEXT = 0.9


class OriginsStage(StoreStage):
    """Store-level stage: near-duplicate detection and copy families."""

    name = "origins"
    needs = ("article",)
    adds = ("families",)

    def __init__(self, *, threshold: float = COPY_CONTAINMENT, pieces: bool = True) -> None:
        self.threshold = threshold
        self.pieces = pieces

    def pipe(self, analyses: Sequence[Analysis], store: Store) -> None:
        articles = [analysis.article for analysis in analyses]
        self.forget(store, [article.id for article in articles])
        for article in articles:
            self.place(store, article)

    # -- one article ------------------------------------------------------------------

    def place(self, store: Store, article: Article) -> OriginMember | None:
        """File an article in the index and in a family; None when it is too short to."""
        sig = signature(article.body, pieces=self.pieces)
        if sig.size < MIN_SHINGLES:
            return None
        matches = self._matches(store, article.id, sig)
        tables(store).save_origin_buckets(article.id, sig.buckets)
        known = {m.article_id: m for m in tables(store).origin_members(article_ids=[m[0] for m in matches])}
        matches = [match for match in matches if match[0] in known]
        if not matches:
            return self._alone(store, article.id, sig)
        best_id = matches[0][0]
        family_id = known[best_id].family_id
        joined = OriginMember(article.id, family_id, False, None, (), sig.size, best_id)
        # The newcomer inside two families' text is one text they share: the families are
        # one. (A page holding two articles is the longer side of both and merges nothing.)
        others = {known[other].family_id for other, _, inside in matches[1:] if inside} - {family_id}
        if others:
            members = tables(store).origin_members(family_ids=[family_id, *sorted(others)])
            return self._rebuild(store, family_id, [*members, joined], {article.id: article})[article.id]
        return self._settle(store, family_id, joined, article, sig)

    def _alone(self, store: Store, article_id: str, sig: Signature) -> OriginMember:
        member = OriginMember(article_id, article_id, True, 1.0, (), sig.size)
        tables(store).save_origin_members([member])
        return member

    def _matches(self, store: Store, article_id: str, sig: Signature) -> list[tuple[str, float, bool]]:
        """Stored copies of the article, best first: (id, containment, whether the article
        is the shorter of the two)."""
        scores = tables(store).origin_candidates([bucket for bucket, _ in sig.buckets], per_bucket=PER_BUCKET)
        ranked = sorted(
            (other for other, score in scores.items() if score >= CANDIDATE_WEIGHT and other != article_id),
            key=lambda other: (-scores[other], other),
        )[:CANDIDATES]
        found = []
        for other_id, other in tables(store).articles_by_id(ranked).items():
            shingles = shingle_set(other.body)
            share = containment(sig.shingles, shingles)
            if share >= self.threshold:
                found.append((other_id, share, sig.size <= len(shingles)))
        found.sort(key=lambda match: (-match[1], match[0]))
        return found

    # -- families -----------------------------------------------------------------------

    def _settle(
        self, store: Store, family_id: str, joined: OriginMember, article: Article, sig: Signature
    ) -> OriginMember:
        """Add a member; choose the canonical again if the newcomer beats it."""
        members = tables(store).origin_members(family_ids=[family_id])
        canonical = next((m for m in members if m.is_canonical), None)
        canonical_article = (
            tables(store).articles_by_id([canonical.article_id]).get(canonical.article_id)
            if canonical
            else None
        )
        # Dates decide without reading the family; a tie is settled by completeness. (A family
        # whose canonical is gone, as after a store edited by hand, is settled afresh.)
        if canonical_article is None or evidence_rank(article) <= evidence_rank(canonical_article):
            return self._rebuild(store, family_id, [*members, joined], {article.id: article})[article.id]
        member = with_difference(joined, article, sig.shingles, canonical_article)
        tables(store).save_origin_members([member])
        return member

    def _rebuild(
        self,
        store: Store,
        family_id: str,
        members: list[OriginMember],
        known: dict[str, Article] | None = None,
    ) -> dict[str, OriginMember]:
        """Choose a family's canonical and every member's difference from it."""
        articles = dict(known or {})
        articles.update(
            tables(store).articles_by_id(m.article_id for m in members if m.article_id not in articles)
        )
        present = [m for m in members if m.article_id in articles]
        if not present:
            return {}
        sets = {m.article_id: shingle_set(articles[m.article_id].body) for m in present}
        support = story_support(sets)
        canonical_id = min(
            present, key=lambda m: canonical_rank(articles[m.article_id], support[m.article_id])
        ).article_id
        canonical = articles[canonical_id]
        updated = {}
        for member in present:
            shingles = sets[member.article_id]
            member = OriginMember(
                member.article_id,
                family_id,
                member.article_id == canonical_id,
                None,
                (),
                len(shingles),
                member.joined_via,
            )
            updated[member.article_id] = with_difference(
                member, articles[member.article_id], shingles, canonical
            )
        tables(store).save_origin_members(updated.values())
        return updated

    def forget(self, store: Store, article_ids: Iterable[str]) -> None:
        """Take articles out of the index and their families (reprocessing places them again)."""
        previous = tables(store).origin_members(article_ids=article_ids)
        if not previous:
            return
        gone = {member.article_id for member in previous}
        tables(store).delete_origins(gone)
        for family_id in {member.family_id for member in previous if member.is_canonical}:
            remaining = tables(store).origin_members(family_ids=[family_id])
            if remaining:
                self._rebuild(store, family_id, remaining)


def evidence_rank(article: Article) -> tuple:
    """What the page itself says, lower first: the credited publisher's own article, then
    dated before undated, then the earliest."""
    published = article.value("published")
    outlet = article.value("outlet")
    original = article.value("original_publisher")
    own = outlet is not None and original is not None and outlet.casefold() == original.casefold()
    return (not own, published is None, (published or "")[:10], published or "")


def canonical_rank(article: Article, support: int) -> tuple:
    """Lower is more canonical: the page's evidence, then the most complete (the most of
    the family's shared text), then the fewest words (no furniture around it), then the id."""
    return (*evidence_rank(article), -support, article.words, article.id)


def story_support(sets: dict[str, frozenset[str]]) -> dict[str, int]:
    """How much of the family's shared text each member holds: its shingles found in at
    least one other member (furniture around a copy is in no other member)."""
    counts: dict[str, int] = {}
    for shingles in sets.values():
        for shingle in shingles:
            counts[shingle] = counts.get(shingle, 0) + 1
    if len(sets) == 1:
        return {article_id: len(shingles) for article_id, shingles in sets.items()}
    return {
        article_id: sum(1 for shingle in shingles if counts[shingle] > 1)
        for article_id, shingles in sets.items()
    }


def with_difference(
    member: OriginMember, article: Article, shingles: frozenset[str], canonical: Article
) -> OriginMember:
    """The member with its similarity to the canonical and how it differs."""
    if member.article_id == canonical.id:
        return OriginMember(
            member.article_id, member.family_id, True, 1.0, (), len(shingles), member.joined_via
        )
    canonical_shingles = shingle_set(canonical.body)
    shared = len(shingles & canonical_shingles)
    difference = []
    if canonical_shingles and shared / len(canonical_shingles) < SAME_TEXT:
        difference.append("trimmed")
    if shingles and shared / len(shingles) < SAME_TEXT:
        difference.append("extended")
    if _retitled(article, canonical):
        difference.append("retitled")
    return OriginMember(
        member.article_id,
        member.family_id,
        False,
        round(containment(shingles, canonical_shingles), 4),
        tuple(difference),
        len(shingles),
        member.joined_via,
    )


def _retitled(article: Article, canonical: Article) -> bool:
    mine, theirs = article.value("title"), canonical.value("title")
    return bool(mine and theirs and words_of(mine) != words_of(theirs))


def canonical_of(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """Each article's family canonical (for the stories stage: copies count once)."""
    members = tables(store).origin_members(article_ids=article_ids)
    families = {member.family_id for member in members if not member.is_canonical}
    if not families:
        return {}
    canonicals = {
        m.family_id: m.article_id for m in tables(store).origin_members(family_ids=families) if m.is_canonical
    }
    return {m.article_id: canonicals[m.family_id] for m in members if m.family_id in canonicals}
