"""The worker side of grading on a Dask cluster: one warm grading session per worker, fed by tasks.

`GraderPlugin` (a `distributed.WorkerPlugin` that `grader.classroom.dask_executor` registers) gives every
worker one grading thread. That thread runs ONE `grade_many` session at a time, exactly like a
forked worker of `grader.classroom.pool`: pytest collects the batch's suites once, one sandbox template
process forks a confined child per submission (bubblewrap where present). A Dask task
(`grade_task`) puts its submission on the thread's queue and waits for the plain result.

What travels: to the worker, a submission's bytes with its student id, exercise, file name and
seed, the limits the client grades it with and the hashes of what the client grades against;
back, `("done", ExerciseResult.to_dict())` or a reason it was not graded. Reference solutions and
hidden suites never travel: the worker grades with its own installed copy and refuses (a
"mismatch" reply) a task whose suite hash or grader fingerprint is not its own.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import platform
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from distributed import WorkerPlugin, get_worker

from grader.classroom.pool import GIVE_UP_AFTER
from grader.course.load import PACKAGE_DIR, Exercise, all_exercises
from grader.gradebook.store import content_hash, suite_hash
from grader.grading.run import Job, SuiteError, grade_many
from grader.model import ExerciseResult
from grader.sandbox import Limits, detect

PLUGIN_NAME = "nnlab-grader"
CLOSE_WAIT = 30.0  # seconds teardown waits for the submission being graded
ENVIRONMENT = ("code", "python", "numpy")  # what must be equal on client and workers, in order
NAMES = {"code": "grader code", "python": "Python", "numpy": "numpy"}


# -- what grading depends on ---------------------------------------------------------------------
def code_hash() -> str:
    """sha256 over the grader package's Python code (file names relative to the package),
    leaving out the exercises' suite folders, which are compared one exercise at a time
    (`plain_suite_hash`), and data such as wording, which the client applies."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR).parts
        if parts[0] == "suites" and len(parts) > 2 or any(p.startswith(".") for p in parts):
            continue
        digest.update("/".join(parts).encode() + b"\0" + content_hash(path.read_bytes()).encode())
    return digest.hexdigest()


def environment() -> dict[str, str]:
    """What every result depends on besides the exercise: the grader's code, the Python
    version and numpy's (floating-point results may change with either)."""
    return {
        "code": code_hash(),
        "python": ".".join(platform.python_version_tuple()[:2]),
        "numpy": np.__version__,
    }


def plain_suite_hash(exercise: Exercise) -> str:
    """`grader.gradebook.store.suite_hash` with default limits: the suite folder and reference solution
    only (a batch may grade with other limits; those travel with each task)."""
    return suite_hash(dataclasses.replace(exercise, limits=Limits()))


def fingerprint(exercises: dict[str, Exercise] | None = None) -> dict:
    """This installation as the client compares it with its own: `environment()`, the plain
    suite hash of every exercise, and for messages the nnlab version and the sandbox mode."""
    exercises = all_exercises() if exercises is None else exercises
    try:
        version = importlib.metadata.version("nnlab")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return {
        **environment(),
        "version": version,
        "isolation": detect().mode,
        "suites": {name: plain_suite_hash(ex) for name, ex in exercises.items()},
    }


def differences(mine: dict, theirs: dict, names: Sequence[str] = ()) -> str | None:
    """What differs between two fingerprints (or environments) that grading depends on, in
    words ("theirs" is the worker), or None."""
    for part in ENVIRONMENT:
        if mine.get(part) != theirs.get(part):
            shown = (lambda v: str(v)[:12]) if part == "code" else str
            return (
                f"{NAMES[part]} {shown(theirs.get(part))} (nnlab "
                f"{theirs.get('version', '?')}) there, {shown(mine.get(part))} here"
            )
    for name in names:
        if name not in theirs.get("suites", {name: None}):
            return f"exercise {name} is not installed there"
        if "suites" in mine and mine["suites"].get(name) != theirs["suites"][name]:
            return f"the hidden suite or reference solution of {name} differs"
    return None


def task_key(payload: dict) -> str:
    """The task's Dask key: a pure function of everything its result depends on, so a task run
    again (e.g. after its worker died) is the same task and yields the same row."""
    parts = [payload[k] for k in ("student", "exercise", "filename", "seed", "suite_hash")]
    parts += [content_hash(payload["source"]), payload["environment"]]
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return f"nnlab-grade-{hashlib.sha256(blob).hexdigest()[:40]}"


def payload(
    job: Job, exercise: Exercise, suite: str, env: dict[str, str], batch: Sequence[str]
) -> dict:
    """A job as a task argument: plain data, the source as UTF-8 bytes."""
    return {
        "student": job.student,
        "exercise": job.exercise,
        "filename": job.filename,
        "seed": job.seed,
        "source": job.source.encode("utf-8"),
        "suite_hash": suite,
        "limits": dataclasses.asdict(exercise.limits),
        "environment": env,
        "batch": sorted(batch),
    }


# -- the grading thread --------------------------------------------------------------------------
@dataclass
class _Item:
    batch: tuple[str, ...]  # the exercises the session collects
    job: Job | None  # None: only start (warm up) a session for `batch`
    limits: Limits | None
    reply: concurrent.futures.Future


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, SuiteError) else f"{type(exc).__name__}: {exc}"


class _Grader:
    """The worker's grading thread: one `grade_many` session at a time over a queue of jobs; a job
    of another batch (another set of exercises) ends the session and starts one for it."""

    def __init__(self, installed: dict[str, Exercise]) -> None:
        self.installed = installed
        self.queue: queue.Queue[_Item | None] = queue.Queue()
        self.backlog: collections.deque[_Item | None] = collections.deque()
        self.thread = threading.Thread(target=self._run, name="nnlab-grading", daemon=True)
        self.thread.start()

    def submit(
        self, batch: Sequence[str], job: Job | None = None, limits: Limits | None = None
    ) -> concurrent.futures.Future:
        reply: concurrent.futures.Future = concurrent.futures.Future()
        self.queue.put(_Item(tuple(sorted(batch)), job, limits, reply))
        return reply

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join(CLOSE_WAIT)

    def _next(self) -> _Item | None:
        return self.backlog.popleft() if self.backlog else self.queue.get()

    def _run(self) -> None:
        try:
            while (item := self._next()) is not None:
                self.backlog.appendleft(item)
                self._session(item.batch)
        finally:  # never leave a task waiting
            while self.backlog or not self.queue.empty():
                item = self.backlog.popleft() if self.backlog else self.queue.get_nowait()
                if item is not None:
                    item.reply.set_result(("failed", "the grading worker is shutting down"))

    def _session(self, batch: tuple[str, ...]) -> None:
        exercises = {name: self.installed[name] for name in batch}
        current: list[_Item | None] = [None]
        failures = 0

        def take() -> Iterator[Job]:
            while True:
                item = self._next()
                if item is None or item.batch != batch:
                    self.backlog.appendleft(item)
                    return
                if item.job is None:
                    item.reply.set_result(("warm", None))
                    continue
                assert item.limits is not None  # `GraderPlugin.grade` sends a job with its limits
                exercises[item.job.exercise] = dataclasses.replace(
                    self.installed[item.job.exercise], limits=item.limits
                )
                current[0] = item
                yield item.job

        def deliver(result: ExerciseResult) -> None:
            nonlocal failures
            assert current[0] is not None  # `take` handed out the job being delivered
            current[0].reply.set_result(("done", result.to_dict()))
            current[0], failures = None, 0

        while True:
            try:
                grade_many(exercises, take(), deliver)
                return
            except Exception as exc:  # noqa: BLE001 -- goes back to the client, never lost
                failures += 1
                item, current[0] = current[0], None
                if item is not None and failures < GIVE_UP_AFTER:
                    item.reply.set_result(("failed", _why(exc)))
                    continue  # a fresh session grades the remaining jobs
                self._refuse(batch, _why(exc), item)
                return

    def _refuse(self, batch: tuple[str, ...], why: str, item: _Item | None) -> None:
        """This batch cannot be graded here (its suite is broken, the sandbox cannot start):
        say so to its task in progress and to those waiting; a later task tries again."""
        while not self.queue.empty():
            self.backlog.append(self.queue.get_nowait())
        waiting = [item] + [i for i in self.backlog if i is not None and i.batch == batch]
        for found in filter(None, waiting):
            found.reply.set_result(("fatal", why))
        kept = [i for i in self.backlog if i is None or i.batch != batch]
        self.backlog.clear()
        self.backlog.extend(kept)


# -- the plugin and the task ---------------------------------------------------------------------
class GraderPlugin(WorkerPlugin):
    """Gives a Dask worker its grading thread; `warm` exercises get a session at once."""

    name = PLUGIN_NAME
    idempotent = True  # a cluster keeps its warm sessions across batches and clients

    def __init__(self, warm: Iterable[str] = ()) -> None:
        self.warm = tuple(sorted(warm))

    def setup(self, worker: object) -> None:
        # The suites need no installed pytest plugins; set once for the process, so that
        # grade_many's own save-and-restore of this variable cannot race with anything.
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        self.installed = all_exercises()
        self.fingerprint = fingerprint(self.installed)
        self.suites: dict[tuple[str, str], str] = {}
        self.grader = _Grader(self.installed)
        if self.warm and all(name in self.installed for name in self.warm):
            self.grader.submit(self.warm)

    def teardown(self, worker: object) -> None:
        self.grader.close()

    def _suite_hash(self, name: str, limits: Limits) -> str:
        key = (name, repr(limits))
        if key not in self.suites:
            self.suites[key] = suite_hash(dataclasses.replace(self.installed[name], limits=limits))
        return self.suites[key]

    def refresh(self) -> dict:
        """This worker's fingerprint as its files are now."""
        self.fingerprint = fingerprint(self.installed)
        return self.fingerprint

    def grade(self, task: dict) -> tuple[str, object]:
        """Grade one task's submission (see the module docstring); blocks until it is done."""
        why = differences(task["environment"], self.fingerprint)
        if why is not None:  # the files may have changed since setup: look again
            why = differences(task["environment"], self.refresh())
        missing = [n for n in task["batch"] if n not in self.installed]
        if why is None and (missing or task["exercise"] not in task["batch"]):
            why = f"exercise {(missing or [task['exercise']])[0]} is not installed there"
        limits = Limits(**task["limits"])
        if why is None and self._suite_hash(task["exercise"], limits) != task["suite_hash"]:
            why = f"the hidden suite or reference solution of {task['exercise']} differs"
        if why is not None:
            return "mismatch", f"worker {get_worker().address}: {why}"
        job = Job(
            task["exercise"],
            task["source"].decode("utf-8"),
            task["filename"],
            task["seed"],
            task["student"],
        )
        return self.grader.submit(task["batch"], job, limits).result()


def grade_task(task: dict) -> tuple[str, object]:
    """The Dask task: grade one submission on this worker (see `GraderPlugin.grade`)."""
    plugin = cast("GraderPlugin | None", get_worker().plugins.get(PLUGIN_NAME))
    if plugin is None:
        return "fatal", "the Dask worker has no nnlab grading plugin"
    return plugin.grade(task)


def describe_worker(dask_worker: object = None) -> dict:
    """Run on every worker by the client before a batch: this worker's `fingerprint`."""
    plugin = getattr(dask_worker, "plugins", {}).get(PLUGIN_NAME)
    return dict(plugin.refresh()) if plugin is not None else fingerprint()
