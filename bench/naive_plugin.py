"""The naive baseline's pytest plugin: the submission is imported into the pytest process.

This is how a simple grader works (and what nnlab avoids): `python -m pytest SUITE -p
naive_plugin --submission FILE`, one new process per submission, student code in the same
process as the suite. It provides the same fixtures as grader.grading.run so the very same hidden suites
run unchanged.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest

from grader.course.load import load_exercise
from grader.grading.reference import load_reference
from grader.grading.run import run_seed
from grader.grading.suite import SubmissionFault


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--submission", required=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "check(points, en, ru): a graded check")


class InProcess:
    """The submission module behind the same interface as grader.grading.run.StudentProxy."""

    def __init__(self, module) -> None:
        self._module = module
        self.last_warnings: list[str] = []

    def _call(self, target, name, args, kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = target(*args, **kwargs)
            except Exception as exc:
                raise SubmissionFault(
                    name, "raised", {"type": type(exc).__name__, "message": str(exc)}
                ) from None
        self.last_warnings = [f"{w.category.__name__}: {w.message}" for w in caught]
        return value

    def __getattr__(self, name):
        function = getattr(self._module, name)
        return lambda *args, **kwargs: self._call(function, name, args, kwargs)

    def call_keeping_inputs(self, name, *args, **kwargs):
        return self._call(getattr(self._module, name), name, args, kwargs), list(args)

    def create(self, name, *args, **kwargs):
        return InProcess(self._call(getattr(self._module, name), name, args, kwargs))


@pytest.fixture(scope="session")
def exercise(request):
    return load_exercise(Path(request.config.rootpath))


@pytest.fixture
def student(request):
    path = request.config.getoption("--submission")
    spec = importlib.util.spec_from_file_location("submission", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return InProcess(module)


@pytest.fixture(scope="session")
def reference(exercise):
    return load_reference(exercise)


@pytest.fixture
def rng(request, exercise):
    return run_seed(0, exercise.name, request.node.originalname)
