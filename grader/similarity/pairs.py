"""Scoring every pair of a class from their weighted fingerprints.

The similarity of students A and B is the weight of the fingerprints they share over the
weight of the smaller of the two: how much of the smaller submission is found in the larger.
Dead code added to a copy only makes it larger, so it does not hide the copy. A pair is scored
only when both submissions hold at least `min_weight` of their own (weighted) fingerprints;
a stub handed in unchanged has nothing to compare.

Sharing is counted through an inverted index, one fingerprint at a time, so the work is the
number of (fingerprint, pair of its holders) and the memory one n × n matrix of float32 (1 MB
for 500 students).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_WEIGHT = 6.0


@dataclass(frozen=True)
class PairScore:
    """Two documents (indices into the class) and how similar they are."""

    a: int
    b: int
    similarity: float  # shared weight / the smaller document's weight, in [0, 1]
    shared: float  # the weight of the fingerprints both hold


def shared_weights(
    documents: Sequence[np.ndarray], vocabulary: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """The n × n matrix of the weight each pair of documents shares (diagonal: each
    document's own weight). `vocabulary` is sorted; `weight` is each entry's weight."""
    n = len(documents)
    shared = np.zeros((n, n), dtype=np.float32)
    if not n or not len(vocabulary):
        return shared
    owners = np.concatenate([np.full(len(d), i, dtype=np.int64) for i, d in enumerate(documents)])
    entries = np.searchsorted(vocabulary, np.concatenate(documents))
    order = np.argsort(entries, kind="stable")
    entries, owners = entries[order], owners[order]
    bounds = np.flatnonzero(np.diff(entries)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(entries)]])
    for start, end in zip(starts, ends, strict=True):
        w = weight[entries[start]]
        if end - start < 2 or w <= 0:
            continue
        holders = owners[start:end]
        shared[np.ix_(holders, holders)] += np.float32(w)
    # the loop added shared fingerprints only to the diagonal: put each document's own back
    np.fill_diagonal(shared, _own_weights(documents, vocabulary, weight))
    return shared


def _own_weights(
    documents: Sequence[np.ndarray], vocabulary: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    return np.array(
        [float(weight[np.searchsorted(vocabulary, d)].sum()) for d in documents], dtype=np.float32
    )


def score_pairs(shared: np.ndarray, min_weight: float = MIN_WEIGHT) -> np.ndarray:
    """The n × n similarity matrix (upper triangle; 0 where a document is too small)."""
    own = np.diag(shared).astype(np.float64)
    smaller = np.minimum.outer(own, own)
    with np.errstate(divide="ignore", invalid="ignore"):
        similarity = np.where(smaller >= min_weight, shared / np.maximum(smaller, 1e-9), 0.0)
    return np.triu(np.clip(similarity, 0.0, 1.0), k=1)


def flagged(similarity: np.ndarray, shared: np.ndarray, threshold: float) -> list[PairScore]:
    """The pairs at or above `threshold`, most similar first (then by index)."""
    rows, cols = np.nonzero(similarity >= threshold)
    found = [
        PairScore(int(a), int(b), float(similarity[a, b]), float(shared[a, b]))
        for a, b in zip(rows, cols, strict=True)
    ]
    return sorted(found, key=lambda p: (-p.similarity, p.a, p.b))
