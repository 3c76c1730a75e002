"""Makes the shared helpers in tests/ (cliutil, gradeutil) importable from every test folder, and
runs every test in a known environment: none of the user's NNLAB_* settings, English locale."""

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
def validation():
    """`grade validate` of every exercise (library call), once per test run: its reports, and
    every result it graded by (exercise, label) — reference@0, stub, mutant:NAME,
    automatic:KEY — so the tests of references, stubs and mutants grade nothing again."""
    from gradeutil import Validation

    from grader.authoring.validate import validate
    from grader.course.load import all_exercises

    results = {}
    reports = validate(
        all_exercises(), 0, on_result=lambda label, r: results.__setitem__((r.exercise, label), r)
    )
    return Validation(reports, results)
