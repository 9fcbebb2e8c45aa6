"""Near-duplicate clusters: MinHash signatures of word 5-grams, banded LSH, verified pairs.

Each text becomes the set of its word 5-grams (words as in filters.tokens, so CJK text
works too), hashed into a MinHash signature of NUM_PERM values. LSH (datasketch's
MinHashLSH, with bands and rows chosen for the threshold) proposes candidates; a
candidate pair joins a cluster only when the signatures' estimated Jaccard similarity
reaches the threshold, and clusters are the connected components of those pairs.

Memory: unlike the rest of the export this holds something per document: the signature
(NUM_PERM x 4 bytes = 512 bytes) and its LSH band keys, about 4 KB a document in all
(tracemalloc over 3,000 synthetic 5 KB articles): a million documents need about 4 GB.
Speed: about 2 ms a document on an idle core, most of it the NUM_PERM x shingles
hashing (measured on a 900-word text), so near-dup adds minutes to a 200,000-row export.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from archive.export.filters import tokens

# Signature length. The standard error of a Jaccard estimate is about
# sqrt(J(1-J)/NUM_PERM): 0.035 at J = 0.8 with 128, enough to tell 0.7 from 0.8.
NUM_PERM = 128

# Words per shingle. 5-grams are the usual choice for news near-duplicates (syndicated
# copies with a changed intro or footer); shorter n-grams make unrelated articles on the
# same topic look alike.
SHINGLE_WORDS = 5


def shingles(text: str) -> set[bytes]:
    """The word 5-grams of a text (the whole text when it has fewer words)."""
    words = tokens(text)
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


class NearDuplicates:
    """Feed (position, text) pairs with `add`; read clusters with `groups`."""

    def __init__(self, threshold: float) -> None:
        self._threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        # CRC-32 as the base hash: the MinHash permutations are applied on top of it, and it
        # is about twice as fast as datasketch's default SHA-1 here.
        seed = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)
        self._permutations = seed.permutations
        self._scheme = seed.scheme
        self._signatures: dict[int, npt.NDArray[np.uint32]] = {}
        self._parent: dict[int, int] = {}

    def add(self, position: int, text: str) -> None:
        grams = shingles(text)
        if not grams:
            return
        minhash = MinHash(
            num_perm=NUM_PERM,
            hashfunc=zlib.crc32,
            permutations=self._permutations,
            scheme=self._scheme,
        )
        minhash.update_batch(list(grams))
        signature = minhash.hashvalues.astype(np.uint32)
        for other in self._lsh.query(minhash):
            if float(np.mean(self._signatures[other] == signature)) >= self._threshold:
                self._union(other, position)
        self._lsh.insert(position, minhash, check_duplication=False)
        self._signatures[position] = signature

    def groups(self) -> list[npt.NDArray[np.int64]]:
        """Clusters of more than one position."""
        members: dict[int, list[int]] = {}
        for position in self._parent:
            members.setdefault(self._root(position), []).append(position)
        return [np.array(sorted(group), dtype=np.int64) for group in members.values()]

    def _root(self, position: int) -> int:
        while self._parent[position] != position:
            position = self._parent[position]
        return position

    def _union(self, a: int, b: int) -> None:
        self._parent.setdefault(a, a)
        self._parent.setdefault(b, b)
        root_a, root_b = self._root(a), self._root(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)
