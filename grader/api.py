"""The library API behind the `grade` command; tests and other programs call it directly."""

from __future__ import annotations

import os
from pathlib import Path

from grader.load import Exercise, InputError, all_exercises, find_exercise, read_submission
from grader.model import ExerciseResult
from grader.sandbox import detect


def exercises() -> dict[str, Exercise]:
    """All exercises of the course, in the recommended order."""
    return all_exercises()


def infer_exercise(path: str | os.PathLike, name: str | None = None) -> Exercise:
    """The exercise a file is for: `name` if given, else the file's stem (`conv.py` -> conv)."""
    if name:
        return find_exercise(name)
    stem = Path(path).stem
    known = all_exercises()
    if stem not in known:
        raise InputError(f"cannot tell which exercise this is; name it with --exercise "
                         f"(one of: {', '.join(known)})", path)
    return known[stem]


def submit(path: str | os.PathLike, exercise: str | None = None, seed: int = 0,
           student: str | None = None) -> ExerciseResult:
    """Grade one file. Raises InputError for a missing file or an unknown exercise."""
    from grader.run import Job, grade_one

    source = read_submission(path)
    target = infer_exercise(path, exercise)
    return grade_one(target, Job(target.name, source, str(path), seed, student))


def doctor() -> dict:
    """Which isolation mode grading would use on this machine, and why."""
    isolation = detect()
    return {"mode": isolation.mode, "reason": isolation.reason, "reduced": isolation.reduced,
            "uid": os.getuid()}
