"""Fixtures of the class-grading tests: the synthetic class graded once, a small class."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import SyntheticClass, build_class, write

from grader.classroom.batch import grade_class, read_roster
from grader.course.load import all_exercises
from grader.gradebook.report import class_report, load_class
from grader.gradebook.store import Gradebook
from grader.grading.mutants import load_mutants


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> SyntheticClass:
    """The synthetic class, graded once with two workers, shared by the tests that read it."""
    sc = build_class(tmp_path_factory.mktemp("synthetic"))
    with Gradebook(sc.db) as book:
        sc.outcome = grade_class(
            sc.folder, book, sc.exercises, workers=2, roster=read_roster(sc.roster)
        )
        sc.report = class_report(load_class(book, sc.exercises))
    return sc


@pytest.fixture
def small_class(tmp_path) -> Path:
    """Three students with a sigmoid each: a solution, a mutant, a stub."""
    sigmoid = all_exercises()["sigmoid"]
    folder = tmp_path / "small"
    write(folder / "amy", {"sigmoid.py": sigmoid.solution.read_text()})
    write(folder / "ben", {"sigmoid.py": load_mutants(sigmoid)[0].source})
    write(folder / "cat", {"sigmoid.py": sigmoid.stub.read_text()})
    return folder
