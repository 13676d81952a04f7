"""Labels for stories, made from their articles: key entities, then key terms."""

from __future__ import annotations

from wiretrace.stories.features import is_entity
from wiretrace.stories.model import Cluster, Idf

LABEL_NAMES = 3
LABEL_TERMS = 3


def key_names(cluster: Cluster, count: int = LABEL_NAMES) -> list[str]:
    """The most named entities, a shorter form folded into the longer one that holds it."""
    ranked = sorted(cluster.names, key=lambda name: (-cluster.names[name], -len(name), name))
    chosen: list[str] = []
    for name in ranked:
        lowered = name.lower()
        if any(lowered in kept.lower() or kept.lower() in lowered for kept in chosen):
            continue
        chosen.append(name)
        if len(chosen) == count:
            break
    return chosen


def key_terms(cluster: Cluster, idf: Idf, names: list[str], count: int = LABEL_TERMS) -> list[str]:
    """The heaviest terms (TF-IDF over the story's centroid) not already in its names."""
    named = " ".join(names).lower()
    ranked = sorted(
        (
            (value * idf(term), term)
            for term, value in cluster.centroid.items()
            if not is_entity(term) and term in cluster.words
        ),
        reverse=True,
    )
    chosen: list[str] = []
    for _, term in ranked:
        word = cluster.words[term]
        if word in named or word in chosen:
            continue
        chosen.append(word)
        if len(chosen) == count:
            break
    return chosen


def label(cluster: Cluster, idf: Idf) -> str:
    """ "Sergey Lavrov, Kommersant: sanctions, trade, chasing"."""
    names = key_names(cluster)
    terms = key_terms(cluster, idf, names)
    if names and terms:
        return f"{', '.join(names)}: {', '.join(terms)}"
    return ", ".join(names or terms) or "(no words)"
