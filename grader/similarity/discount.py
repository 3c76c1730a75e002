"""How much a shared fingerprint counts: nothing if it is the exercise stub's, less the more
students of the class have it.

A fingerprint `df` of `n` students have weighs log(n / df) / log(n / 2), clipped to [0, 1]:
1 when at most two students have it (all a copied pair can share), 0 when everyone has it, and
in between by how rare it is (an inverse document frequency, scaled so a pair-only fingerprint
weighs 1). The lecture's `np.sum(image[i:i+3, j:j+3] * filter)` is then worth little between
two students who both followed the lecture, and a copied helper no one else wrote is worth
fully. With two students nothing can be told common, and every fingerprint weighs 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def remove(hashes: np.ndarray, boilerplate: np.ndarray) -> np.ndarray:
    """The unique `hashes` that are not in `boilerplate` (the stub's k-grams)."""
    unique = np.unique(hashes)
    if len(boilerplate) == 0:
        return unique
    return unique[~np.isin(unique, boilerplate, assume_unique=False)]


def document_frequency(documents: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(every distinct fingerprint, sorted; how many documents hold it). Each document's
    fingerprints must be unique."""
    if not documents:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    vocabulary, counts = np.unique(np.concatenate(documents), return_counts=True)
    return vocabulary, counts


def weights(df: np.ndarray, n: int) -> np.ndarray:
    """The weight of fingerprints held by `df` of `n` documents (see the module docstring)."""
    if n <= 2:
        return np.ones(len(df), dtype=np.float64)
    scaled = np.log(n / np.maximum(df, 1)) / np.log(n / 2)
    return np.clip(scaled, 0.0, 1.0)
