"""One exercise of a class compared pair by pair: the library call behind `grade similarity`.

`compare_exercise` reads every student's latest code (a mapping student -> source), removes the
exercise stub's k-grams, weighs the rest by how common it is in the class and scores every
pair; `evidence_for` then finds the matching regions of one pair for the side-by-side view.
Nothing here runs student code: sources are only read as tokens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from grader.similarity import discount, pairs
from grader.similarity.evidence import Evidence, find_evidence
from grader.similarity.fingerprints import WINDOW, K, fingerprints, kgram_hashes
from grader.similarity.tokens import Tokens, normalise

THRESHOLD = 0.5


@dataclass(frozen=True)
class Pair:
    """A flagged pair of one exercise: `similarity` is the weighted share of the smaller
    submission found in the other (0..1); `shared` the weight of what they share."""

    exercise: str
    student_a: str
    student_b: str
    similarity: float
    shared: float


@dataclass
class ExerciseSimilarity:
    """The comparison of one exercise: the flagged pairs, most similar first, and notes on the
    submissions (read past a tokenizer error; too little code of their own to compare)."""

    exercise: str
    students: list[str]
    pairs: list[Pair]
    threshold: float
    unparsed: list[str] = field(default_factory=list)
    too_small: list[str] = field(default_factory=list)
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False)

    def score(self, a: str, b: str) -> float:
        """The similarity of two students of this exercise (0 when either is too small)."""
        i, j = sorted((self.students.index(a), self.students.index(b)))
        return float(self.matrix[i, j])


def compare_exercise(
    exercise: str,
    sources: Mapping[str, str],
    stub: str = "",
    threshold: float = THRESHOLD,
    k: int = K,
    window: int = WINDOW,
    min_weight: float = pairs.MIN_WEIGHT,
) -> ExerciseSimilarity:
    """Compare every pair of `sources` (student -> latest code of `exercise`)."""
    if not 0 < threshold <= 1:
        raise ValueError("the threshold is a similarity between 0 (excluded) and 1")
    students = sorted(sources)
    boilerplate = (
        np.unique(kgram_hashes(normalise(stub).texts(), k))
        if stub
        else np.zeros(0, dtype=np.uint64)
    )
    documents: list[np.ndarray] = []
    unparsed: list[str] = []
    for student in students:
        tokens = normalise(sources[student])
        if not tokens.parsed:
            unparsed.append(student)
        selected, _ = fingerprints(tokens.texts(), k, window)
        documents.append(discount.remove(selected, boilerplate))
    vocabulary, df = discount.document_frequency(documents)
    weight = discount.weights(df, len(documents))
    shared = pairs.shared_weights(documents, vocabulary, weight)
    matrix = pairs.score_pairs(shared, min_weight)
    too_small = [s for s, own in zip(students, np.diag(shared), strict=True) if own < min_weight]
    found = [
        Pair(exercise, students[p.a], students[p.b], p.similarity, p.shared)
        for p in pairs.flagged(matrix, shared, threshold)
    ]
    return ExerciseSimilarity(exercise, students, found, threshold, unparsed, too_small, matrix)


def evidence_for(source_a: str, source_b: str, stub: str = "", k: int = K) -> Evidence:
    """The matching regions of one pair's sources."""
    stub_tokens: Tokens | None = normalise(stub) if stub else None
    return find_evidence(normalise(source_a), normalise(source_b), stub_tokens, k)
