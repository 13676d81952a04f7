"""What the copies index keeps of an article: word shingles, MinHash LSH buckets.

An article's body becomes lower-cased words (punctuation dropped, so quotes
re-punctuated by a reprint change nothing) and overlapping runs of
``SHINGLE_WORDS`` words. Two kinds of bucket file it in the index:

- the bands of one MinHash of the whole body (datasketch), the usual LSH for
  near-duplicates of about the same length;
- one small MinHash per *piece* of the body, where pieces end after a shingle
  whose hash is divisible by ``PIECE_DIVISOR`` (content-defined boundaries, as
  in rsync or LBFS). A boundary depends only on the words around it, so an
  article copied into a page of other text is cut into the same pieces inside
  the page as on its own: the pieces find the copy when text around it makes
  the whole-body similarity low.

Containment (the share of the shorter article's shingles found in the longer)
then decides whether two candidates are copies.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
# 32 bands of 4 rows: two bodies become candidates at a Jaccard similarity of about
# (1/32) ** (1/4) = 0.42 or more.
BANDS = 32
ROWS = NUM_PERM // BANDS
# Pieces of about 24 shingles (a paragraph of news prose), at least 8.
PIECE_DIVISOR = 24
MIN_PIECE = 8
# Each piece's MinHash has two values: equal pieces always match, pieces with a few
# words changed match with probability J**2.
PIECE_PERM = 2
# Weights: one shared band, or two shared pieces, make a candidate.
BAND_WEIGHT = 2
PIECE_WEIGHT = 1
CANDIDATE_WEIGHT = 2
SEED = 1
# Named, not left to the default: stored buckets must not change with a datasketch upgrade.
SCHEME = "affine32"

# Only the first 50,000 words of a body are shingled: a copy is recognised long before,
# and a pathological item (a book-length page) must not take the memory of a batch.
MAX_WORDS = 50_000

_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles_of(text: str) -> list[str]:
    """The body's word shingles in text order (repeats kept); none under SHINGLE_WORDS words."""
    words = words_of(text)[:MAX_WORDS]
    return [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


@dataclass(frozen=True)
class Signature:
    shingles: frozenset[str]
    buckets: tuple[tuple[int, int], ...]  # (bucket, weight)

    @property
    def size(self) -> int:
        return len(self.shingles)


def signature(text: str, *, pieces: bool = True) -> Signature:
    """The shingle set of a body and the buckets that file it (pieces can be left out: the baseline)."""
    ordered = shingles_of(text)
    if not ordered:
        return Signature(frozenset(), ())
    encoded = [shingle.encode("utf-8", "surrogatepass") for shingle in ordered]
    whole = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(NUM_PERM, SEED), scheme=SCHEME)
    whole.update_batch(encoded)
    buckets = [
        (_bucket(b"band", band, whole.hashvalues[band * ROWS : (band + 1) * ROWS]), BAND_WEIGHT)
        for band in range(BANDS)
    ]
    if pieces:
        buckets += [(_bucket(b"piece", 0, values), PIECE_WEIGHT) for values in _piece_minhashes(encoded)]
    return Signature(frozenset(ordered), tuple(dict(buckets).items()))


def shingle_set(text: str) -> frozenset[str]:
    """The body's distinct shingles (what containment compares), without any MinHash."""
    return frozenset(shingles_of(text))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set's shingles found in the other."""
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    if not smaller:
        return 0.0
    return len(smaller & larger) / len(smaller)


def _piece_minhashes(encoded: list[bytes]) -> list[np.ndarray]:
    found = []
    start = 0
    for index, shingle in enumerate(encoded):
        if index + 1 - start >= MIN_PIECE and zlib.crc32(shingle) % PIECE_DIVISOR == 0:
            found.append(_minhash_values(encoded[start : index + 1]))
            start = index + 1
    if len(encoded) - start >= MIN_PIECE:
        found.append(_minhash_values(encoded[start:]))
    return found


def _minhash_values(encoded: list[bytes]) -> np.ndarray:
    piece = MinHash(
        num_perm=PIECE_PERM, seed=SEED, permutations=_permutations(PIECE_PERM, SEED), scheme=SCHEME
    )
    piece.update_batch(encoded)
    return piece.hashvalues


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch draws its permutations on every MinHash; drawn once here and shared."""
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def _bucket(kind: bytes, index: int, values: np.ndarray) -> int:
    """A signed 64-bit bucket key (fits an SQL INTEGER / BIGINT)."""
    digest = hashlib.blake2b(
        kind + index.to_bytes(2, "big") + np.asarray(values, dtype=np.uint64).tobytes(), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big", signed=True)
