"""Near-duplicate articles (the same story re-posted) by MinHash over word shingles.

Memory stays bounded on a large corpus: each article keeps a fixed-size signature, and the
locality-sensitive index holds a few band keys per article, not the text.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3
PERMUTATIONS = 64
# 16 bands of 4 rows: a pair at 0.6 Jaccard becomes a candidate 9 times in 10, a pair at 0.3 once
# in 8; every candidate is then checked against the threshold on the whole signature.
BANDS = 16
THRESHOLD = 0.6
_rng = np.random.default_rng(20231012)
# One hash function per permutation: x -> (a*x + b) mod 2**32 with odd a, over the shingles'
# 32-bit CRCs. a and x are below 2**32, so a*x + b fits in 64 bits: no overflow to reason about.
_A = (_rng.integers(0, 1 << 31, size=PERMUTATIONS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_MASK = np.uint64(0xFFFFFFFF)


def signature(text: str) -> np.ndarray | None:
    """MinHash signature of the text's word shingles; None for texts too short to compare."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE * 3:
        return None
    hashes = np.fromiter(
        {
            zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
            for i in range(len(words) - SHINGLE + 1)
        },
        dtype=np.uint64,
    )
    mixed = (np.outer(_A, hashes) + _B[:, None]) & _MASK
    sig: np.ndarray = mixed.min(axis=1)
    return sig


class DuplicateIndex:
    """Remembers the articles seen so far and says which earlier one a new article repeats."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._bands: dict[tuple[int, bytes], list[str]] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def check_and_add(self, article_id: str, text: str) -> str | None:
        """The id of an earlier near-duplicate of `text`, or None; then remember `text`."""
        sig = signature(text)
        if sig is None:
            return None
        rows = PERMUTATIONS // BANDS
        keys = [(b, sig[b * rows : (b + 1) * rows].tobytes()) for b in range(BANDS)]
        best: tuple[float, str] | None = None
        for key in keys:
            for other in self._bands.get(key, ()):
                score = float(np.mean(self._signatures[other] == sig))
                if score >= self.threshold and (best is None or score > best[0]):
                    best = (score, other)
        if best is not None:
            return best[1]
        self._signatures[article_id] = sig
        for key in keys:
            self._bands.setdefault(key, []).append(article_id)
        return None
