"""Stories: articles clustered online into events, and events linked into storylines.

``StoriesStage`` is a store-level stage (it keeps its state in the store, through
``tables.py``); ``features`` turns an article into what the clustering compares;
``model`` holds the scores and the thresholds, each with how it was chosen.

The stage's names load on first use, so a command that only reads stories
(``wiretrace stories``, ``tables.py``) never loads scikit-learn.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CanonicalOf", "StoriesStage", "no_families"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from wiretrace.stories import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
