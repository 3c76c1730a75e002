"""The library API behind the `grade` command; tests and other programs call it directly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from grader.course.limits import NOTEBOOK_SUFFIX
from grader.course.load import Exercise, all_exercises, find_exercise
from grader.course.source import read_source
from grader.errors import InputError
from grader.model import ExerciseResult
from grader.sandbox import detect

if TYPE_CHECKING:
    from grader.gradebook.history import Status


def exercises() -> dict[str, Exercise]:
    """All exercises of the course, in the recommended order."""
    return all_exercises()


def infer_exercise(path: str | os.PathLike, name: str | None = None) -> Exercise:
    """The exercise a file is for: `name` if given, else the file's stem (`conv.py` -> conv)."""
    if name:
        return find_exercise(name)
    try:
        return find_exercise(Path(path).stem)
    except InputError:
        raise InputError(
            f"cannot tell which exercise this is; name it with --exercise "
            f"(one of: {', '.join(all_exercises())})",
            path,
        ) from None


def submit(
    path: str | os.PathLike,
    exercise: str | None = None,
    seed: int = 0,
    student: str | None = None,
    record: bool = False,
) -> ExerciseResult:
    """Grade one file (.py, or a notebook's code cells). Raises InputError for a missing or
    malformed file or an unknown exercise.

    With `record`, the result goes into the student's local history (see grader.gradebook.history).
    """
    from grader.grading.reference import require_recorded_seed
    from grader.grading.run import Job, grade_one

    source, notices = read_source(path)
    target = infer_exercise(path, exercise)
    require_recorded_seed(target, seed)
    result = grade_one(target, Job(target.name, source, str(path), seed, student))
    if Path(path).suffix.lower() == NOTEBOOK_SUFFIX:
        from grader.course.notebook import line_notices

        notices += line_notices(path, source, result)
    result.notices[:0] = notices
    if record:
        record_result(result, source)
    return result


def record_result(result: ExerciseResult, source: str) -> None:
    """Add a graded submission to the local history, if the history file can be written."""
    import sqlite3

    from grader.gradebook.history import History

    try:
        with History() as history:
            history.record(result, source)
    except (OSError, sqlite3.Error):
        pass  # a read-only home must not stop grading


def statuses() -> dict[str, Status]:
    """Each exercise's status from the local history (attempts, best score, done)."""
    from grader.gradebook.history import History

    with History() as history:
        return {name: history.status(name) for name in all_exercises()}


def next_hint(name: str, reset: bool = False) -> tuple[int, int, dict]:
    """(number, total, {en, ru}) of the next hint for exercise `name`, one more per call."""
    from grader.gradebook.history import History

    target = find_exercise(name)
    if not target.hints:
        raise InputError(f"exercise {name!r} has no hints")
    with History() as history:
        if reset:
            history.reset_hints(name)
        index = history.next_hint(name, len(target.hints))
    return index + 1, len(target.hints), target.hints[index]


def doctor() -> dict:
    """Which isolation mode grading would use on this machine, and why."""
    isolation = detect()
    return {
        "mode": isolation.mode,
        "reason": isolation.reason,
        "reduced": isolation.reduced,
        "uid": os.getuid(),
    }
