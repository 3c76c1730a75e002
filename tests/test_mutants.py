"""Every hand-written mutant loses points, and its declared misconception is named."""

from __future__ import annotations

import pytest
from gradeutil import course_jobs, grade_jobs, named

from grader.course.load import all_exercises
from grader.grading.mutants import load_mutants

EXERCISES = all_exercises()
MUTANTS = [m for ex in EXERCISES.values() for m in load_mutants(ex)]


@pytest.fixture(scope="module")
def graded():
    return grade_jobs(
        EXERCISES, [job for job in course_jobs(EXERCISES) if job.student.startswith("mutant:")]
    )


def test_each_core_exercise_has_at_least_five_mutants():
    for name in ("sigmoid", "conv", "net"):
        assert len([m for m in MUTANTS if m.exercise == name]) >= 5


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: f"{m.exercise}-{m.name}")
def test_mutant_loses_points_and_is_named(graded, mutant):
    result = graded[(mutant.exercise, f"mutant:{mutant.name}")]
    assert result.error is None
    assert result.score < result.max_score
    if mutant.misconception:
        assert mutant.misconception in named(result)
