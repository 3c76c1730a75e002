"""Every hand-written mutant loses points, and its declared misconception is named."""

from __future__ import annotations

import pytest

from grader.load import all_exercises
from grader.mutants import load_mutants
from grader.run import Job, grade_many

EXERCISES = all_exercises()
MUTANTS = [m for ex in EXERCISES.values() for m in load_mutants(ex)]


@pytest.fixture(scope="module")
def graded():
    results = {}
    jobs = [Job(m.exercise, m.source, f"{m.exercise}.py", student=m.name) for m in MUTANTS]
    grade_many(EXERCISES, jobs, lambda r: results.__setitem__((r.exercise, r.student), r))
    return results


def test_each_core_exercise_has_at_least_five_mutants():
    for name in ("sigmoid", "conv", "net"):
        assert len([m for m in MUTANTS if m.exercise == name]) >= 5


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: f"{m.exercise}-{m.name}")
def test_mutant_loses_points_and_is_named(graded, mutant):
    result = graded[(mutant.exercise, mutant.name)]
    assert result.error is None
    assert result.score < result.max_score
    if mutant.misconception:
        named = {c.feedback.misconception for c in result.checks if c.feedback}
        assert mutant.misconception in named
