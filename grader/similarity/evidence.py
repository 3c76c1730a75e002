"""Evidence for one pair: the regions of each file that the other file also has.

Every k-gram (not only the winnowed fingerprints) of the two files is compared, so the
highlighted regions cover all the shared runs of K or more normalised tokens, minus those of the
exercise stub. Regions are numbered in the order of the first file; a region of the second file
carries the number of the first file's region it shares the most k-grams with, so a reader can
see which goes with which even when functions were reordered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from grader.similarity.fingerprints import K, kgram_hashes
from grader.similarity.tokens import Tokens


@dataclass(frozen=True)
class Region:
    """A highlighted span of a source (1-based lines, 0-based columns, end exclusive) and the
    number of the matching region in the other file."""

    start: tuple[int, int]
    end: tuple[int, int]
    match: int


@dataclass(frozen=True)
class Evidence:
    """The matching regions of both files of a pair."""

    left: tuple[Region, ...]
    right: tuple[Region, ...]


def _runs(covered: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) token index runs where `covered` is true."""
    edges = np.diff(np.concatenate([[0], covered.astype(np.int8), [0]]))
    return list(
        zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True)
    )


def _coverage(
    hashes: np.ndarray, common: np.ndarray, count: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """(tokens covered by a common k-gram, positions of the common k-grams)."""
    positions = np.flatnonzero(np.isin(hashes, common))
    covered = np.zeros(count, dtype=bool)
    for offset in range(k):
        covered[positions + offset] = True
    return covered, positions


def find_evidence(left: Tokens, right: Tokens, stub: Tokens | None = None, k: int = K) -> Evidence:
    """The regions `left` and `right` share (see the module docstring)."""
    left_texts, right_texts = left.texts(), right.texts()
    hashes_l, hashes_r = kgram_hashes(left_texts, k), kgram_hashes(right_texts, k)
    common = np.intersect1d(hashes_l, hashes_r)
    if stub is not None:
        common = np.setdiff1d(common, kgram_hashes(stub.texts(), k))
    covered_l, positions_l = _coverage(hashes_l, common, len(left_texts), k)
    covered_r, positions_r = _coverage(hashes_r, common, len(right_texts), k)
    runs_l, runs_r = _runs(covered_l), _runs(covered_r)

    region_of_l = np.zeros(len(left_texts), dtype=np.int64)
    for number, (start, end) in enumerate(runs_l, 1):
        region_of_l[start:end] = number
    first_region: dict[int, int] = {}
    for position in positions_l.tolist():
        first_region.setdefault(int(hashes_l[position]), int(region_of_l[position]))

    right_regions: list[Region] = []
    for start, end in runs_r:
        inside = positions_r[(positions_r >= start) & (positions_r < end)]
        votes = Counter(first_region[int(hashes_r[p])] for p in inside.tolist())
        match = votes.most_common(1)[0][0] if votes else 0
        right_regions.append(_region(right, start, end, match))
    left_regions = [
        _region(left, start, end, number) for number, (start, end) in enumerate(runs_l, 1)
    ]
    return Evidence(tuple(left_regions), tuple(right_regions))


def _region(tokens: Tokens, start: int, end: int, match: int) -> Region:
    return Region(tokens.tokens[start].start, tokens.tokens[end - 1].end, match)
