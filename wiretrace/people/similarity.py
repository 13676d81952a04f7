"""How close two statements are in meaning: the echo scorer, and the timeline's --about.

Each statement is cut into sentences by spaCy's parser. A sentence is the mean
of spaCy's context vectors of its words (the tok2vec layer of the English
pipeline: it reflects each word and its neighbours, so "not begging" and "not
chasing ... asking" land near each other though they share no content word)
and its content-word lemmas. Two statements score by their best pair of
sentences:

    score = VECTOR_WEIGHT * cosine(vectors) + LEXICAL_WEIGHT * cosine(TF-IDF of lemmas)

with IDF from the statements being compared (the speaker's own), so the words
a speaker always uses count for less, and the vectors centred on the mean of
the statements compared (``centred``), so what all of them share counts for
nothing. Everything is packaged (spaCy's small
English model, scikit-learn); nothing needs torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from wiretrace.records import SpokenStatement

# The meaning (context vectors) leads; shared words add a little, so that of two
# paraphrases the one that also shares the topic's words ranks first.
VECTOR_WEIGHT = 0.8
LEXICAL_WEIGHT = 0.2
# Sentences of fewer words than this carry no stance of their own ("he said").
MIN_WORDS = 3
# A statement is "about" a query whose meaning is at least this close to one of its sentences
# (cosine of context vectors), when it shares no content lemma with it.
ABOUT_SIMILARITY = 0.8
# Below this many sentences the pool's mean vector is mostly those sentences themselves,
# so vectors are compared as they are.
CENTER_MIN_SENTENCES = 10
# The parser reads at most this many characters of one statement.
MAX_CHARS = 5000


@dataclass(frozen=True)
class Encoded:
    """A text as sentences: their words, unit vectors and content lemmas."""

    sentences: tuple[str, ...]
    vectors: np.ndarray  # (sentences, width), each row of unit length
    lemmas: tuple[str, ...]  # per sentence, content lemmas joined by spaces


def _nlp():
    from wiretrace.nlp import load_english

    return load_english(exclude=("ner",))


def encode(texts: Sequence[str]) -> list[Encoded]:
    """Texts as sentence vectors and lemmas, one ``nlp.pipe`` over all of them."""
    encoded = []
    for doc in _nlp().pipe((text[:MAX_CHARS] for text in texts), batch_size=64):
        sentences, vectors, lemmas = [], [], []
        spans = [sent for sent in doc.sents if _words(sent) >= MIN_WORDS] or [doc[:]]
        for sent in spans:
            indices = [token.i for token in sent if not (token.is_punct or token.is_space)]
            if not indices or doc.tensor is None or not len(doc.tensor):
                continue
            vector = doc.tensor[indices].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm == 0.0:
                continue
            sentences.append(sent.text.strip())
            vectors.append(vector / norm)
            lemmas.append(
                " ".join(
                    token.lemma_.lower()
                    for token in sent
                    if token.is_alpha and not token.is_stop and len(token) > 1
                )
            )
        width = doc.tensor.shape[1] if doc.tensor is not None and doc.tensor.ndim == 2 else 0
        encoded.append(
            Encoded(
                tuple(sentences),
                np.vstack(vectors) if vectors else np.zeros((0, width)),
                tuple(lemmas),
            )
        )
    return encoded


def centred(texts: Sequence[Encoded]) -> list[Encoded]:
    """Sentence vectors less the mean of them all, at unit length again.

    Mean context vectors share a large common part (what makes any news sentence
    a news sentence), so long sentences on anything score high against each other.
    Taking the pool's mean out leaves what sets a sentence apart: the common-
    component removal of SIF embeddings (Arora et al., 2017).
    """
    stacked = [encoded.vectors for encoded in texts if len(encoded.vectors)]
    if sum(len(vectors) for vectors in stacked) < CENTER_MIN_SENTENCES:
        return list(texts)
    mean = np.vstack(stacked).mean(axis=0)
    found = []
    for encoded in texts:
        if not len(encoded.vectors):
            found.append(encoded)
            continue
        vectors = encoded.vectors - mean
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        found.append(Encoded(encoded.sentences, vectors / np.where(norms == 0, 1.0, norms), encoded.lemmas))
    return found


def _words(sent) -> int:
    return sum(1 for token in sent if token.is_alpha)


def _lexical(query: Encoded, others: Sequence[Encoded]) -> list[np.ndarray]:
    """TF-IDF cosines of the query's sentences against each other text's sentences."""
    corpus = [lemma for encoded in (query, *others) for lemma in encoded.lemmas]
    if not any(corpus):
        return [np.zeros((len(query.lemmas), len(other.lemmas))) for other in others]
    vectoriser = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True).fit(corpus)
    asked = vectoriser.transform(query.lemmas)
    found = []
    for other in others:
        if not other.lemmas:
            found.append(np.zeros((len(query.lemmas), 0)))
            continue
        found.append((asked @ vectoriser.transform(other.lemmas).T).toarray())
    return found


def best_pairs(query: Encoded, others: Sequence[Encoded]) -> list[tuple[float, str]]:
    """Each other text's score against the query, with its sentence that matched best."""
    lexical = _lexical(query, others)
    scores = []
    for other, words in zip(others, lexical, strict=True):
        if not len(other.vectors) or not len(query.vectors):
            scores.append((0.0, ""))
            continue
        combined = VECTOR_WEIGHT * (query.vectors @ other.vectors.T) + LEXICAL_WEIGHT * words
        best = np.unravel_index(int(np.argmax(combined)), combined.shape)
        scores.append((float(combined[best]), other.sentences[best[1]]))
    return scores


def about_filter(about: str, entries: Sequence[SpokenStatement]) -> list[SpokenStatement]:
    """The statements about a topic: sharing a content lemma with it, or close to it in meaning."""
    if not entries:
        return []
    query, *encoded = encode([about, *(entry.statement.text for entry in entries)])
    wanted = {lemma for sentence in query.lemmas for lemma in sentence.split()}
    kept = []
    for entry, text in zip(entries, encoded, strict=True):
        lemmas = {lemma for sentence in text.lemmas for lemma in sentence.split()}
        close = (
            len(text.vectors)
            and len(query.vectors)
            and float((query.vectors @ text.vectors.T).max()) >= ABOUT_SIMILARITY
        )
        if wanted & lemmas or close:
            kept.append(entry)
    return kept
