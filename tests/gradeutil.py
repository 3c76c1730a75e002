"""Grading a set of exercises' references, stubs and mutants in one session, for the tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

from grader.course.load import Exercise
from grader.grading.run import Job, grade_many
from grader.model import ExerciseResult


def reference_jobs(exercises: dict[str, Exercise], seeds: Iterable[int]) -> list[Job]:
    """The reference solution of each exercise at each seed ("reference@SEED")."""
    return [
        Job(name, ex.solution.read_text(encoding="utf-8"), f"{name}.py", seed, f"reference@{seed}")
        for name, ex in exercises.items()
        for seed in seeds
    ]


def grade_jobs(
    exercises: dict[str, Exercise], jobs: Iterable[Job]
) -> dict[tuple[str, str], ExerciseResult]:
    """Results by (exercise, Job.student), all graded in one grade_many session."""
    results: dict[tuple[str, str], ExerciseResult] = {}
    grade_many(exercises, jobs, lambda r: results.__setitem__((r.exercise, r.student), r))
    return results


def named(result: ExerciseResult) -> set[str]:
    """The misconceptions a result's feedback names."""
    return {c.feedback.misconception for c in result.checks if c.feedback}


# A row of `grade validate`'s table.
VALIDATE_ROW = re.compile(
    r"^(?P<name>\S+)\s+(?P<reference>\S+, \S+|-)\s+(?P<stub>\S+)\s+"
    r"(?:(?P<caught>\d+)/(?P<hand>\d+) caught(?:, (?P<named>\d+)/(?P<declared>\d+) "
    r"named)?|-)\s+(?:(?P<killed>\d+)/(?P<automatic>\d+) caught"
    r"(?:, (?P<equivalent>\d+) equivalent)?|-)\s+(?:(?P<score>[\d.]+) %|-)\s+"
    r"(?P<status>ok|FAIL|incomplete)$"
)


def validate_table(stdout: str) -> dict[str, dict]:
    """`grade validate`'s table rows, by exercise."""
    return {m["name"]: m.groupdict() for m in map(VALIDATE_ROW.match, stdout.splitlines()) if m}
