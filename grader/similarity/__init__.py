"""Similar submissions: which students of a class handed in unusually similar code.

Modules, one job each: `tokens` (Python's tokenize, names and strings normalised),
`fingerprints` (hashed k-grams and winnowing), `discount` (the stub's code removed, code common
in the class weighed down), `pairs` (scoring every pair), `evidence` (the matching regions of a
pair), `analysis` (one exercise of a class, end to end). Similarity is a reason to look at a
pair, never proof of copying.
"""

from grader.similarity.analysis import (
    THRESHOLD,
    ExerciseSimilarity,
    Pair,
    compare_exercise,
    evidence_for,
)
from grader.similarity.evidence import Evidence, Region

__all__ = [
    "THRESHOLD",
    "Evidence",
    "ExerciseSimilarity",
    "Pair",
    "Region",
    "compare_exercise",
    "evidence_for",
]
