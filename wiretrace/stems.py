"""English word stems (Snowball), for the stories stage's terms and the pages' highlighting.

A Snowball stemmer keeps state between the words it stems, so each thread has its
own: the web server renders pages in a thread pool, and a stemmer shared between
them mixed their words up (``tests/web/test_api.py``). Stemming costs about 0.1 ms
a word in Python, so stems are cached.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_STEMMERS = threading.local()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A lower-case word's English stem."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)
