"""Re-grading a file every time it is saved, in one warm grading session (polling, no deps)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from grader.load import Exercise, InputError, read_submission
from grader.model import ExerciseResult
from grader.run import Job, grade_many


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


def saved_versions(path: Path, exercise: Exercise, seed: int, interval: float,
                   on_problem: Callable[[str], None]) -> Iterator[Job]:
    """A job for the file now and after every save; runs until interrupted."""
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
                source = read_submission(path)
            except InputError as exc:
                on_problem(str(exc))
            else:
                yield Job(exercise.name, source, str(path), seed)
        time.sleep(interval)


def watch(path: Path, exercise: Exercise, seed: int, interval: float,
          on_result: Callable[[ExerciseResult, str], None],
          on_problem: Callable[[str], None]) -> None:
    """Grade `path` on every save until Ctrl-C (KeyboardInterrupt propagates to the caller)."""
    sources: dict[str, str] = {}

    def jobs() -> Iterator[Job]:
        for job in saved_versions(path, exercise, seed, interval, on_problem):
            sources["last"] = job.source
            yield job

    grade_many({exercise.name: exercise}, jobs(),
               lambda result: on_result(result, sources["last"]))
