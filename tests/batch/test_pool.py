"""The worker pool: results reach the parent; a grader failure costs one job, not the batch."""

from __future__ import annotations

import pytest

from grader.classroom.pool import GradingStopped, grade_parallel
from grader.course.load import all_exercises
from grader.grading.run import Job

SIGMOID = all_exercises()["sigmoid"]


def job(student: str, exercise: str = "sigmoid") -> Job:
    return Job(exercise, SIGMOID.solution.read_text(), f"{student}/sigmoid.py", 1, student)


def test_every_result_comes_back_with_its_job_index():
    jobs = [job(f"s{i}") for i in range(6)]
    got = {}
    outcome = grade_parallel({"sigmoid": SIGMOID}, jobs, got.__setitem__, workers=2)
    assert outcome.delivered == 6 and not outcome.failed and not outcome.interrupted
    assert {i: r.student for i, r in got.items()} == {i: f"s{i}" for i in range(6)}
    assert all(r.full_marks for r in got.values())


def test_a_job_the_grader_fails_on_is_reported_and_the_rest_are_graded():
    jobs = [job("a"), job("b", exercise="no-such-exercise"), job("c"), job("d")]
    got = {}
    outcome = grade_parallel({"sigmoid": SIGMOID}, jobs, got.__setitem__, workers=1)
    assert sorted(got) == [0, 2, 3]
    assert [index for index, _ in outcome.failed] == [1]
    assert "KeyError" in outcome.failed[0][1]


def test_grading_stops_when_every_job_fails():
    jobs = [job(f"x{i}", exercise="no-such-exercise") for i in range(6)]
    with pytest.raises(GradingStopped, match="KeyError"):
        grade_parallel({"sigmoid": SIGMOID}, jobs, lambda *a: None, workers=1)
