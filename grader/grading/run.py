"""Running hidden suites: pytest collects every suite once, then grades submissions one by one.

`grade_many` runs one pytest session in this (trusted) process. Its `pytest_runtestloop` hook
takes jobs from an iterator, loads each submission into a sandboxed child, runs that exercise's
collected checks against it and hands an `ExerciseResult` to a callback. Start-up (pytest,
collection, numpy, the template process) is paid once per session, not once per submission.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pytest

from grader.course.load import SUITES_DIR, Exercise, syntax_error
from grader.errors import GraderUnavailable
from grader.grading import failures
from grader.grading.contract import call_problem, name_notices
from grader.grading.reference import load_reference
from grader.grading.score import check_result, load_failure
from grader.grading.seeds import check_entropy
from grader.grading.suite import CheckFailed, SubmissionFault
from grader.model import CheckResult, ExerciseResult, Feedback
from grader.sandbox import Child, Fault, Sandbox

MODULE_NAME = "submission"
# pytest's own plugins that a grading session has no use for: no terminal, caches, logs or
# debugger, and suites are plain check functions (no tmp_path, monkeypatch, doctests, unittest).
# Leaving them out takes about a third off the start of every session (docs/performance.md).
UNUSED_PLUGINS = (
    "cacheprovider",
    "terminal",
    "warnings",
    "stepwise",
    "logging",
    "debugging",
    "unittest",
    "legacypath",
    "tmpdir",
    "monkeypatch",
    "pastebin",
    "junitxml",
    "doctest",
    "setuponly",
    "setupplan",
    "unraisableexception",
    "threadexception",
    "faulthandler",
    "subtests",
)
# After this many calls of one function ran out of time, later checks do not call it again:
# a hanging function costs the wall limit twice, not once per check (other functions still run).
HANG_REPEATS = 2


@dataclass(frozen=True)
class Job:
    """One submission to grade: plain data, so it can travel between processes."""

    exercise: str
    source: str
    filename: str
    seed: int = 0
    student: str | None = None
    # The same student's other exercise files, importable from this one (`from sigmoid import
    # sigmoid`): {exercise name: source}, None for an exercise the student did not hand in.
    siblings: dict[str, str | None] = field(default_factory=dict, hash=False)


class SuiteError(GraderUnavailable):
    """A hidden suite is broken (does not import, or a check has no points)."""


class StudentProxy:
    """The submission as the suite sees it: attribute access calls the function in the child."""

    def __init__(self, runner: _Submission) -> None:
        self._runner = runner

    def __getattr__(self, name: str) -> Callable[..., object]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: object, **kwargs: object) -> object:
            return self._runner.call(name, args, kwargs)

        call.__name__ = name
        return call

    def create(self, name: str, *args: object, **kwargs: object) -> RemoteObject:
        """Call `name` (e.g. a class) and keep the result in the child; returns a proxy whose
        methods run there: `opt = student.create("Adam", lr=0.1); opt.step(w, g)`."""
        handle = cast(
            int, self._runner.call(name, args, kwargs, keep=True)
        )  # checked by Child.call
        return RemoteObject(self._runner, name, handle)

    def call_keeping_inputs(
        self, name: str, *args: object, **kwargs: object
    ) -> tuple[object, list[object]]:
        """`(value, args_after_call)`, to check that a function leaves its inputs alone."""
        return cast(tuple, self._runner.call(name, args, kwargs, return_args=True))

    @property
    def last_warnings(self) -> list[str]:
        """Warnings (e.g. numpy overflow) issued by the most recent call."""
        child = self._runner.child
        return list(child.last_warnings) if child else []


class RemoteObject:
    """An object living in the submission's child, e.g. an optimizer instance."""

    def __init__(self, runner: _Submission, kind: str, handle: int) -> None:
        self._runner, self._kind, self._handle = runner, kind, handle
        assert runner.child is not None  # the object was just made in this child
        self._child: Child = runner.child

    def _call(self, name: str, args: tuple, kwargs: dict, return_args: bool = False) -> object:
        if self._runner.child is not self._child or not self._child.alive:
            raise SubmissionFault(
                f"{self._kind}.{name}",
                "exited",
                {"status": "lost", "code": None, "variant": "object-lost"},
            )
        try:
            return self._runner.call(
                name, args, kwargs, return_args=return_args, handle=self._handle
            )
        except SubmissionFault as fault:
            raise SubmissionFault(f"{self._kind}.{name}", fault.kind, fault.details) from None

    def __getattr__(self, name: str) -> Callable[..., object]:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: object, **kwargs: object) -> object:
            return self._call(name, args, kwargs)

        call.__name__ = f"{self._kind}.{name}"
        return call

    def call_keeping_inputs(
        self, name: str, *args: object, **kwargs: object
    ) -> tuple[object, list[object]]:
        """`(value, args_after_call)` for a method, e.g. to see an in-place update."""
        return cast(tuple, self._call(name, args, kwargs, return_args=True))


class _Submission:
    """A submission's live child; a fresh child replaces one that died in an earlier check."""

    def __init__(self, sandbox: Sandbox, exercise: Exercise, job: Job) -> None:
        self.sandbox, self.exercise, self.job = sandbox, exercise, job
        self.child: Child | None = None
        self.output = ""
        self.timeouts: dict[str, int] = {}
        self.functions: dict = {}
        self.contracts = {signature.name: signature for signature in exercise.functions}
        self.budget = exercise.limits.budget()
        self.deadline = time.monotonic() + self.budget

    def _wall(self) -> float:
        """The time the next call (or load) may take: its limit, or what is left of the
        submission's budget; Fault "time-budget" when nothing is left."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Fault("time-budget", seconds=f"{self.budget:g}")
        return min(self.exercise.limits.wall_seconds, left)

    def start(self) -> Child:
        wall = self._wall()
        limits = self.exercise.limits
        try:
            self.child = self.sandbox.load(
                self.job.source,
                self.job.filename,
                MODULE_NAME,
                dataclasses.replace(limits, wall_seconds=wall),
                siblings=self.job.siblings,
            )
        except Fault as fault:
            if fault.kind == "timeout" and wall < limits.wall_seconds:
                raise Fault("time-budget", seconds=f"{self.budget:g}") from None
            raise
        found = self.child.load_report.get("functions")
        self.functions = found if isinstance(found, dict) else {}
        return self.child

    def _missing(self, name: str, variant: str = "") -> SubmissionFault:
        contract = self.contracts.get(name)
        details = {"expected": str(contract) if contract else name, "where": self.job.filename}
        if variant:
            details["variant"] = variant
        return SubmissionFault(name, "missing", details)

    def call(
        self,
        name: str,
        args: tuple,
        kwargs: dict,
        return_args: bool = False,
        handle: int | None = None,
        keep: bool = False,
    ) -> object:
        wall = self.exercise.limits.wall_seconds
        if self.timeouts.get(name, 0) >= HANG_REPEATS:
            raise SubmissionFault(
                name, "timeout", {"seconds": wall, "variant": "repeat", "times": HANG_REPEATS}
            )
        try:
            child = self.child if self.child and self.child.alive else self.start()
        except Fault as fault:
            raise SubmissionFault(name, fault.kind, fault.details) from None
        if handle is None:
            problem = call_problem(
                name,
                self.functions.get(name),
                self.contracts.get(name),
                self.job.filename,
                args,
                kwargs,
            )
            if problem is not None:
                raise SubmissionFault(name, "signature", problem)
        try:
            wall = self._wall()
            try:
                return child.call(
                    name,
                    args,
                    kwargs,
                    wall_seconds=wall,
                    return_args=return_args,
                    handle=handle,
                    keep=keep,
                )
            except Fault as fault:
                if fault.kind == "timeout" and wall < self.exercise.limits.wall_seconds:
                    raise Fault("time-budget", seconds=f"{self.budget:g}") from None
                raise
        except Fault as fault:
            if fault.kind == "timeout":
                self.timeouts[name] = self.timeouts.get(name, 0) + 1
            if handle is None and name not in self.functions:
                variant = _no_such_function(fault, name)
                if variant is not None:
                    raise self._missing(name, variant) from None
            raise SubmissionFault(name, fault.kind, fault.details) from None

    def close(self) -> None:
        if self.child is not None:
            self.child.close()
            self.output += self.child.output.text()
            self.child = None


def _no_such_function(fault: Fault, name: str) -> str | None:
    """For the child's own answer that the module has no function `name` (not an error the
    code raised): "" when the name is missing, "not-callable" when it names something else."""
    details = fault.details
    if fault.kind != "raised" or details.get("line") is not None:
        return None
    message = str(details.get("message", ""))
    if details.get("type") == "AttributeError" and message == f"module has no function {name!r}":
        return ""
    if details.get("type") == "TypeError" and message.endswith("object is not callable"):
        return "not-callable"
    return None


def _fault_feedback(kind: str, details: dict, call: str) -> Feedback:
    params = {k: v for k, v in details.items() if isinstance(v, (str, int, float)) or v is None}
    params["call"] = call
    if kind == "raised" and details.get("type") == "NotImplementedError":
        return Feedback("not-implemented", params)
    if kind == "raised" and details.get("type") == "MemoryError":
        return Feedback("memory", params)
    if kind == "raised" and details.get("line"):
        return Feedback("raised.line", params)
    if kind == "crashed":
        params["variant"] = details.get("signal")
    return Feedback(kind, params)


def feedback_for(error: BaseException) -> Feedback:
    """Turn whatever a check raised into a feedback value."""
    if isinstance(error, CheckFailed):
        return error.feedback
    if isinstance(error, SubmissionFault):
        return _fault_feedback(error.kind, error.details, error.call)
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return Feedback("custom", {"en": text, "ru": text})


def _check_of(item: pytest.Item) -> tuple[Mapping[str, Any], str]:
    """A check's @check arguments and name (collection refused checks without @check)."""
    marker = item.get_closest_marker("check")
    assert marker is not None and isinstance(item, pytest.Function)
    return marker.kwargs, item.originalname


def run_seed(seed: int, exercise: str, check: str) -> np.random.Generator:
    """The random generator of one check: a pure function of (seed, exercise, check)."""
    return np.random.default_rng(check_entropy(seed, exercise, check))


class GradingPlugin:
    """The pytest plugin behind `grade_many`; see the module docstring."""

    def __init__(
        self,
        exercises: dict[str, Exercise],
        jobs: Iterable[Job],
        on_result: Callable[[ExerciseResult], object],
        sandbox: Sandbox,
    ) -> None:
        self.exercises = exercises
        self.jobs = jobs
        self.on_result = on_result
        self.sandbox = sandbox
        self.items: dict[str, list[pytest.Item]] = {}
        self.references: dict[str, object] = {}
        self.current: _Submission | None = None
        self.failure: BaseException | None = None
        self.outcomes: list[str] = []
        self.error: BaseException | None = None
        self.advice: list[Feedback] = []

    # -- collection ------------------------------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "check(points, en, ru): a graded check")

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            marker = item.get_closest_marker("check")
            if marker is None:
                self.error = SuiteError(f"{item.nodeid}: a check needs @check(points, en, ru)")
            self.items.setdefault(Path(item.path).parent.name, []).append(item)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed and self.error is None:
            self.error = SuiteError(
                f"hidden suite {report.nodeid} failed to load:\n{report.longreprtext}"
            )

    # -- fixtures offered to suites ------------------------------------------------------
    @pytest.fixture
    def student(self) -> StudentProxy:
        assert self.current is not None  # fixtures run only while a submission is graded
        return StudentProxy(self.current)

    @pytest.fixture
    def exercise(self) -> Exercise:
        assert self.current is not None
        return self.current.exercise

    @pytest.fixture
    def reference(self) -> object:
        assert self.current is not None
        exercise = self.current.exercise
        if exercise.name not in self.references:
            self.references[exercise.name] = load_reference(exercise)
        return self.references[exercise.name]

    @pytest.fixture
    def rng(self, request: pytest.FixtureRequest) -> np.random.Generator:
        assert self.current is not None
        return run_seed(
            self.current.job.seed, self.current.exercise.name, request.node.originalname
        )

    # -- running -----------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo
    ) -> pytest.TestReport:
        """A lean report: the failure is kept as a value, so pytest need not format a traceback
        (that formatting used to cost more than running the check)."""
        outcome: Literal["passed", "failed", "skipped"] = "passed"
        if call.excinfo is not None:
            outcome = "skipped" if call.excinfo.errisinstance(pytest.skip.Exception) else "failed"
            if self.failure is None and call.when != "teardown":
                self.failure = call.excinfo.value
        if call.when != "teardown":
            self.outcomes.append(outcome)
        assert call.when != "collect"  # this hook sees setup, call and teardown only
        return pytest.TestReport(
            item.nodeid,
            item.location,
            {},
            outcome,
            None if outcome == "passed" else outcome,
            call.when,
            duration=call.duration,
            start=call.start,
            stop=call.stop,
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        if self.error is not None:
            return True
        try:
            for job in self.jobs:
                self.on_result(self.grade(job))
        except Exception as exc:  # surfaced by grade_many once pytest has cleaned up
            self.error = exc
        return True

    def _run_check(self, item: pytest.Item, exercise: Exercise) -> CheckResult:
        self.failure, self.outcomes = None, []
        failures.ADVICE.clear()
        started = time.perf_counter()
        item.ihook.pytest_runtest_protocol(item=item, nextitem=None)
        self.advice.extend(failures.ADVICE)
        failures.ADVICE.clear()
        passed = bool(self.outcomes) and all(o == "passed" for o in self.outcomes)
        feedback = None
        if not passed:
            feedback = (
                feedback_for(self.failure)
                if self.failure
                else Feedback(
                    "custom", {"en": "the check did not pass", "ru": "проверка не пройдена"}
                )
            )
            if feedback.misconception:
                feedback.misconception_text = exercise.misconception(feedback.misconception)
        return check_result(
            *_check_of(item),
            passed,
            feedback,
            time.perf_counter() - started,
        )

    def grade(self, job: Job) -> ExerciseResult:
        exercise = self.exercises[job.exercise]
        items = self.items.get(exercise.name, [])
        started = time.perf_counter()
        result = ExerciseResult(
            exercise.name,
            exercise.title,
            job.filename,
            job.seed,
            student=job.student,
            isolation=self.sandbox.isolation.mode,
        )
        submission = _Submission(self.sandbox, exercise, job)
        try:
            error = self._load(submission)
            if error is not None:
                result.error = error
                result.checks = [load_failure(*_check_of(item)) for item in items]
            else:
                self.current, self.advice = submission, []
                result.notices.extend(
                    name_notices(exercise.functions, submission.functions, job.filename)
                )
                stand_ins = (
                    submission.child.load_report.get("stand_ins") if submission.child else None
                )
                if stand_ins:
                    result.notices.append(
                        Feedback("sandbox.stand-ins", {"modules": ", ".join(stand_ins)})
                    )
                result.checks = [self._run_check(item, exercise) for item in items]
                result.notices.extend(self.advice)
        finally:
            self.current = None
            submission.close()
        result.output = submission.output
        result.duration = time.perf_counter() - started
        return result

    def _load(self, submission: _Submission) -> Feedback | None:
        """Load the submission; a Feedback if it cannot be graded at all (a syntax error, an
        import that raised or hung). A missing function or one with a different signature fails
        only the checks that call it (see `grader.grading.contract`)."""
        job = submission.job
        problem = syntax_error(job.source, job.filename)
        if problem is not None:
            return Feedback("load.syntax", {"line": problem[0], "message": problem[1]})
        try:
            submission.start()
        except Fault as fault:
            feedback = _fault_feedback(fault.kind, fault.details, "")
            feedback.key = "load." + ("raised" if feedback.key.startswith("raised") else fault.kind)
            return feedback
        return None


def grade_many(
    exercises: dict[str, Exercise],
    jobs: Iterable[Job],
    on_result: Callable[[ExerciseResult], object],
    sandbox: Sandbox | None = None,
) -> None:
    """Grade every job in one pytest session, calling `on_result` as each finishes."""
    needed = sorted({ex.suite for ex in exercises.values()})
    own_sandbox = sandbox is None
    sandbox = sandbox or Sandbox()
    if own_sandbox:
        sandbox.start()
    plugin = GradingPlugin(exercises, jobs, on_result, sandbox)
    args = [str(path) for path in needed] + [
        *(option for name in UNUSED_PLUGINS for option in ("-p", f"no:{name}")),
        "--capture=sys",
        "--import-mode=importlib",
        "--rootdir",
        str(SUITES_DIR),
        "-c",
        os.devnull,
    ]
    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # suites need no installed plugins
    try:
        code = pytest.main(args, plugins=[plugin])
    finally:
        if autoload is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
        forget_suite_modules([path.parent for path in needed])
        if own_sandbox:
            sandbox.stop()
    if plugin.error is not None:
        raise plugin.error
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt


def forget_suite_modules(folders: Iterable[Path]) -> None:
    """Drop the modules pytest imported from these suite folders. Its importlib mode reuses a
    module already in sys.modules, so without this a process that grades again (a library
    caller, a notebook, a long-lived worker) would keep checking with a suite as it was when
    first graded, not as it is on disk now."""
    roots = tuple(
        {
            os.path.join(form(folder), "")
            for folder in folders
            for form in (os.path.abspath, os.path.realpath)
        }
    )
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and os.path.abspath(file).startswith(roots):
            del sys.modules[name]


def grade_one(exercise: Exercise, job: Job) -> ExerciseResult:
    """Grade a single submission."""
    results: list[ExerciseResult] = []
    grade_many({exercise.name: exercise}, [job], results.append)
    if not results:
        raise SuiteError(f"grading {job.filename} produced no result")
    return results[0]
