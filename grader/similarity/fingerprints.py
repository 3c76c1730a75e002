"""Fingerprints of a token stream: hashed k-grams, thinned out by winnowing.

A k-gram is a run of K consecutive normalised tokens. Its hash is a polynomial over the tokens'
own 64-bit hashes (blake2b, so the same on every machine and in every process, unlike Python's
salted `hash`). Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
document fingerprinting", SIGMOD 2003, the algorithm behind MOSS) keeps the smallest hash of
every window of W consecutive k-grams: any run of K + W - 1 tokens two submissions share yields
at least one common fingerprint, wherever it sits in either file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

K = 12  # tokens in a k-gram
WINDOW = 4  # k-grams in a winnowing window
_BASE = np.uint64(0x100000001B3)


@lru_cache(maxsize=65536)
def token_hash(text: str) -> int:
    """A token's stable 64-bit hash."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def kgram_hashes(texts: Sequence[str], k: int = K) -> np.ndarray:
    """The hash of every k-gram of `texts`, in order (uint64; empty when fewer than k)."""
    count = len(texts) - k + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((token_hash(t) for t in texts), dtype=np.uint64, count=len(texts))
    acc = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _BASE + ids[j : j + count]
        acc ^= acc >> np.uint64(29)  # spread high bits into the low ones winnowing compares
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(32)
    return acc


def winnow(hashes: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """The positions winnowing selects: in every `window` consecutive hashes, the rightmost
    minimum; each position once, in order."""
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64)
    if window <= 1:
        return np.arange(len(hashes), dtype=np.int64)
    if len(hashes) <= window:
        return np.array([len(hashes) - 1 - int(np.argmin(hashes[::-1]))], dtype=np.int64)
    windows = sliding_window_view(hashes, window)
    rightmost = window - 1 - np.argmin(windows[:, ::-1], axis=1)
    return np.unique(np.arange(len(windows)) + rightmost)


def fingerprints(
    texts: Sequence[str], k: int = K, window: int = WINDOW
) -> tuple[np.ndarray, np.ndarray]:
    """(selected hashes, their k-gram positions) of a normalised token stream."""
    hashes = kgram_hashes(texts, k)
    positions = winnow(hashes, window)
    return hashes[positions], positions
