"""Origins: syndicated copies grouped into families, each with a canonical member.

Needs: stored articles (the stage runs inside the batch's transaction, after
the articles are written). Adds: the copies index and family memberships in
the store (``origin_buckets``, ``origin_members``), read back through
``tables(store).origin_members`` and ``tables(store).family`` (``tables.py``). ``canonical_of`` gives the
stories stage each copy's canonical, so a story counts a copy once.
``publishers.inherited_publishers`` gives a copy its family's credit.

The stage's names load on first use, so a command that only reads the store
(``wiretrace articles``) never loads MinHash and NumPy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["COPY_CONTAINMENT", "MIN_SHINGLES", "OriginsStage", "canonical_of"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from wiretrace.origins import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
