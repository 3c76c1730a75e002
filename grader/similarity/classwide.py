"""A class's similarity read from the gradebook: every exercise compared, the top pairs with
their evidence, and notes on what could not be compared.

The one call behind `grade similarity` and the "Similar submissions" section of the HTML class
report. Notes are `Feedback` values (a wording key and its parameters) so each front end words
them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from grader.course.load import all_exercises
from grader.gradebook.store import Gradebook
from grader.model import Feedback
from grader.similarity.analysis import (
    THRESHOLD,
    ExerciseSimilarity,
    Pair,
    compare_exercise,
    evidence_for,
)
from grader.similarity.evidence import Evidence

TOP = 20  # pairs per exercise shown with their evidence in an HTML report


@dataclass(frozen=True)
class PairEvidence:
    """A flagged pair with both sources and the regions they share."""

    pair: Pair
    source_a: str
    source_b: str
    evidence: Evidence


@dataclass
class ClassSimilarity:
    """Every compared exercise of a class (by name), the evidence of each exercise's `top`
    pairs (when asked for), notes, and the students' names."""

    threshold: float
    top: int
    exercises: list[ExerciseSimilarity] = field(default_factory=list)
    shown: dict[str, list[PairEvidence]] = field(default_factory=dict)
    notes: list[Feedback] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def pair_count(self) -> int:
        return sum(len(e.pairs) for e in self.exercises)

    def name(self, student: str) -> str:
        return self.names.get(student, student)


def stubs() -> dict[str, str]:
    """exercise -> the code of its stub (boilerplate that never counts)."""
    return {
        name: exercise.stub.read_text(encoding="utf-8")
        for name, exercise in all_exercises().items()
        if exercise.stub.is_file()
    }


def class_similarity(
    book: Gradebook,
    exercises: Iterable[str] | None = None,
    threshold: float = THRESHOLD,
    top: int = TOP,
    evidence: bool = True,
    stub_code: dict[str, str] | None = None,
) -> ClassSimilarity:
    """Compare the latest code of every student, exercise by exercise (`exercises`: these only;
    default every exercise with code). An empty gradebook, an exercise with fewer than two
    submissions with code, code that does not parse and attempts graded before the gradebook
    kept code are notes, in that order."""
    result = ClassSimilarity(threshold, top, names={s.id: s.name for s in book.students()})
    if not book.attempt_count():
        result.notes.append(Feedback("similarity.empty"))
        return result
    names = None if exercises is None else tuple(exercises)
    sources = book.latest_sources(names)
    graded = {key for key in book.latest_keys() if names is None or key[1] in names}
    missing = len(graded - set(sources))
    if missing:
        result.notes.append(Feedback("similarity.no-code", {"count": missing}))
    by_exercise: dict[str, dict[str, str]] = {}
    for (student, exercise), source in sources.items():
        by_exercise.setdefault(exercise, {})[student] = source
    stub_code = stubs() if stub_code is None else stub_code
    for exercise in sorted(set(names or ()) | set(by_exercise)):
        code = by_exercise.get(exercise, {})
        if len(code) < 2:
            result.notes.append(
                Feedback("similarity.too-few", {"exercise": exercise, "count": len(code)})
            )
            continue
        stub = stub_code.get(exercise, "")
        compared = compare_exercise(exercise, code, stub, threshold)
        result.exercises.append(compared)
        result.notes += [
            Feedback("similarity.unparsed", {"exercise": exercise, "student": student})
            for student in compared.unparsed
        ]
        if evidence:
            result.shown[exercise] = [
                PairEvidence(
                    p,
                    code[p.student_a],
                    code[p.student_b],
                    evidence_for(code[p.student_a], code[p.student_b], stub),
                )
                for p in compared.pairs[:top]
            ]
    return result
