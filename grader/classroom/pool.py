"""Grading many submissions on several cores: forked workers, each one warm `grade_many` session.

Workers are forked after `grader.grading.run` (pytest, numpy) has been imported, so they start warm. Each
runs ONE `grade_many` session (suites collected once, one sandbox template process) and takes job
numbers from a shared counter until none are left. Results come back as
`ExerciseResult.to_dict()` over one pipe per worker, and only the parent acts on them (e.g. writes
the gradebook: a single writer).

Ctrl-C: the first one stops handing out jobs; the submissions in progress finish and are delivered,
then `grade_parallel` returns with `interrupted=True`. A second Ctrl-C stops the workers at once
(the submissions they were grading are simply not delivered).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.sharedctypes import Synchronized
from types import FrameType
from typing import Any, cast

from grader.course.load import Exercise
from grader.grading.run import Job, SuiteError, grade_many
from grader.model import ExerciseResult

POLL_SECONDS = 0.2
GIVE_UP_AFTER = 3  # failed jobs in a row, none graded in between: the environment is broken


class GradingStopped(RuntimeError):
    """Grading cannot go on: a hidden suite is broken or the sandbox cannot run."""


@dataclass
class PoolOutcome:
    """What happened to the jobs: how many results were delivered, which jobs failed and why."""

    delivered: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    interrupted: bool = False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _worker(
    exercises: dict[str, Exercise],
    jobs: Sequence[Job],
    counter: Synchronized[int],
    conn: Connection,
) -> None:
    """A forked worker: grade jobs taken from `counter` until it runs past the end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    signal.signal(signal.SIGTERM, _interrupt)  # grade_many then stops its sandbox cleanly
    current: list[int | None] = [None]
    failures = 0

    def take() -> Iterator[Job]:
        while True:
            with counter.get_lock():
                index = counter.value
                if index >= len(jobs):
                    return
                counter.value = index + 1
            current[0] = index
            conn.send(("taken", index))
            yield jobs[index]

    def deliver(result: ExerciseResult) -> None:
        nonlocal failures
        conn.send(("done", current[0], result.to_dict()))
        current[0], failures = None, 0

    try:
        while True:
            try:
                grade_many(exercises, take(), deliver)
                return
            except Exception as exc:  # noqa: BLE001 -- reported to the parent, never lost
                why = str(exc) if isinstance(exc, SuiteError) else f"{type(exc).__name__}: {exc}"
                failures += 1
                if current[0] is None or failures >= GIVE_UP_AFTER:
                    conn.send(("fatal", why))
                    return
                conn.send(("failed", current[0], why))
                current[0] = None  # a fresh session grades the remaining jobs
    except (KeyboardInterrupt, BrokenPipeError):
        return
    finally:
        conn.close()


class _Interrupts:
    """First Ctrl-C sets a flag, the second raises KeyboardInterrupt (main thread only)."""

    def __init__(self, on_first: Callable[[], None]) -> None:
        self.requested = False
        self.on_first = on_first
        self.previous: Callable[[int, FrameType | None], Any] | int | None = None

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        self.on_first()

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def grade_parallel(
    exercises: dict[str, Exercise],
    jobs: Sequence[Job],
    on_result: Callable[[int, ExerciseResult], None],
    workers: int,
    on_interrupt: Callable[[], None] = lambda: None,
) -> PoolOutcome:
    """Grade `jobs` in `workers` forked processes; `on_result(job_index, result)` is called in
    this process as each result arrives. Raises GradingStopped if a hidden suite is broken or
    grading fails again and again (e.g. the sandbox cannot start)."""
    outcome = PoolOutcome()
    if not jobs:
        return outcome
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("q", 0)
    procs: dict[Connection, multiprocessing.process.BaseProcess] = {}
    for _ in range(max(1, min(workers, len(jobs)))):
        reader, writer = ctx.Pipe(duplex=False)
        proc: multiprocessing.process.BaseProcess = ctx.Process(
            target=_worker,
            args=(exercises, jobs, counter, writer),
            daemon=True,
            name="nnlab-grader",
        )
        proc.start()
        writer.close()
        procs[reader] = proc
    in_flight: dict[Connection, int] = {}
    fatal: str | None = None

    def stop_handing_out() -> None:
        with counter.get_lock():
            counter.value = len(jobs)

    def first_interrupt() -> None:
        outcome.interrupted = True
        stop_handing_out()
        on_interrupt()

    try:
        with _Interrupts(first_interrupt):
            while procs:
                for reader in cast(list[Connection], wait(list(procs), timeout=POLL_SECONDS)):
                    try:
                        message = reader.recv()
                    except (EOFError, OSError):
                        index = in_flight.pop(reader, None)
                        if index is not None:
                            outcome.failed.append(
                                (index, "the grading worker stopped unexpectedly")
                            )
                        procs.pop(reader).join()
                        reader.close()
                        continue
                    kind = message[0]
                    if kind == "taken":
                        in_flight[reader] = message[1]
                    elif kind == "done":
                        in_flight.pop(reader, None)
                        on_result(message[1], ExerciseResult.from_dict(message[2]))
                        outcome.delivered += 1
                    elif kind == "failed":
                        in_flight.pop(reader, None)
                        outcome.failed.append((message[1], message[2]))
                    elif kind == "fatal" and fatal is None:
                        fatal = message[1]
                        stop_handing_out()
    except KeyboardInterrupt:
        outcome.interrupted = True
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
    if fatal is not None:
        raise GradingStopped(fatal)
    return outcome
