"""Stories: articles clustered online into events, and events linked into storylines.

``StoriesStage`` is a store-level stage (it keeps its state in the store);
``features`` turns an article into what the clustering compares; ``model``
holds the scores and the thresholds, each with how it was chosen.
"""

from wiretrace.stories.stage import CanonicalOf, StoriesStage, no_families

__all__ = ["CanonicalOf", "StoriesStage", "no_families"]
