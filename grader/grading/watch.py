"""Re-grading a file every time it is saved, in one warm grading session (polling, no deps)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from grader.course.load import Exercise
from grader.course.source import read_source
from grader.errors import InputError
from grader.grading.run import Job, grade_many
from grader.model import ExerciseResult, Feedback


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


def saved_versions(
    path: Path, exercise: Exercise, seed: int, interval: float, on_problem: Callable[[str], None]
) -> Iterator[tuple[Job, list[Feedback]]]:
    """A job (and the notices on reading the file, e.g. notebook magics dropped) for the file
    now and after every save; runs until interrupted."""
    last: tuple[int, int] | None = None
    missing_said = False
    while True:
        stamp = _stamp(path)
        if stamp is None:
            if not missing_said:
                on_problem("missing")
                missing_said = True
        elif stamp != last:
            last, missing_said = stamp, False
            try:
                source, notices = read_source(path)
            except InputError as exc:
                on_problem(str(exc))
            else:
                yield Job(exercise.name, source, str(path), seed), notices
        time.sleep(interval)


def watch(
    path: Path,
    exercise: Exercise,
    seed: int,
    interval: float,
    on_result: Callable[[ExerciseResult, str], None],
    on_problem: Callable[[str], None],
) -> None:
    """Grade `path` on every save until Ctrl-C (KeyboardInterrupt propagates to the caller)."""
    latest: dict[str, tuple[Job, list[Feedback]]] = {}

    def jobs() -> Iterator[Job]:
        for job, notices in saved_versions(path, exercise, seed, interval, on_problem):
            latest["job"] = job, notices
            yield job

    def deliver(result: ExerciseResult) -> None:
        job, notices = latest["job"]
        result.notices[:0] = notices
        on_result(result, job.source)

    grade_many({exercise.name: exercise}, jobs(), deliver)
