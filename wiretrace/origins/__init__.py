"""Origins: syndicated copies grouped into families, each with a canonical member.

Needs: stored articles (the stage runs inside the batch's transaction, after
the articles are written). Adds: the copies index and family memberships in
the store (``origin_buckets``, ``origin_members``), read back through
``Store.origin_members`` and ``Store.family``. ``canonical_of`` gives the
stories stage each copy's canonical, so a story counts a copy once.
"""

from wiretrace.origins.stage import COPY_CONTAINMENT, MIN_SHINGLES, OriginsStage, canonical_of

__all__ = ["COPY_CONTAINMENT", "MIN_SHINGLES", "OriginsStage", "canonical_of"]
