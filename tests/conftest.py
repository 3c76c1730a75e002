"""Makes the shared helpers in tests/ (cliutil, gradeutil, synthetic, runonce) importable from
every test folder, runs every test in a known environment (none of the user's NNLAB_* settings,
English locale), and holds the fixtures of more than one folder: the synthetic class graded once
per run, a small class."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Locale variables the language choice reads (grader.i18n.language), besides NNLAB_*.
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


@pytest.fixture(autouse=True, scope="session")
def neutral_environment():
    """Tests set what they need themselves: a user's exported NNLAB_LANG=ru, NNLAB_SANDBOX,
    NNLAB_DB or LANG=ru_RU.UTF-8 must change nothing (subprocesses inherit this environment)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("NNLAB_", "LC_")) or name in LOCALE_VARIABLES:
                patch.delenv(name)
        patch.setenv("LANG", "C.UTF-8")
        yield


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, pytestconfig):
    """The synthetic class (tests/synthetic.py), graded with two workers once per test run and
    shared by every test that reads it, in every xdist worker. Tests only read it."""
    from runonce import once_per_run

    return once_per_run(tmp_path_factory, pytestconfig, "graded-class", grade_synthetic_class)


def grade_synthetic_class(folder: Path):
    from synthetic import build_class

    from grader.classroom.batch import grade_class, read_roster
    from grader.gradebook.report import class_report, load_class
    from grader.gradebook.store import Gradebook

    sc = build_class(folder)
    with Gradebook(sc.db) as book:
        sc.outcome = grade_class(
            sc.folder, book, sc.exercises, workers=2, roster=read_roster(sc.roster)
        )
        sc.report = class_report(load_class(book, sc.exercises))
    assert sc.outcome.graded == sc.outcome.submissions and not sc.outcome.failed
    return sc


@pytest.fixture
def small_class(tmp_path) -> Path:
    """Three students with a sigmoid each: a solution, a mutant, a stub."""
    from synthetic import write

    from grader.course.load import all_exercises
    from grader.grading.mutants import load_mutants

    sigmoid = all_exercises()["sigmoid"]
    folder = tmp_path / "small"
    write(folder / "amy", {"sigmoid.py": sigmoid.solution.read_text()})
    write(folder / "ben", {"sigmoid.py": load_mutants(sigmoid)[0].source})
    write(folder / "cat", {"sigmoid.py": sigmoid.stub.read_text()})
    return folder


# The modules that keep one worker busiest (a Dask cluster, sleepers that wait out a time budget,
# hostile corpora, the student bundle's venv). `make test` runs --dist loadscope with
# --no-loadscope-reorder and these first: xdist's own order (most tests first) started them last,
# leaving one worker with a long module while the others had nothing left to do.
START_FIRST = (
    "tests/distributed/test_dask_cli.py",
    "tests/sandbox/test_round2.py",
    "tests/sandbox/test_hostile.py",
    "tests/authoring/test_dist.py",
    "tests/batch/test_batch_cli.py",
    "tests/distributed/test_dask_batch.py",
    "tests/exchange/test_roundtrip.py",
    "tests/batch/test_hostile_class.py",
    "tests/authoring/test_validate.py",
    "tests/authoring/test_dist_refusal.py",
    "tests/batch/test_report_html.py",
    "tests/exercises/test_fair_grading.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    root = Path(__file__).resolve().parents[1]
    stale = [path for path in START_FIRST if not (root / path).is_file()]
    if stale:
        raise pytest.UsageError(f"tests/conftest.py START_FIRST names no file: {stale}")
    first = {path: rank for rank, path in enumerate(START_FIRST)}
    items.sort(key=lambda item: first.get(item.nodeid.split("::")[0], len(first)))
