"""The test suite passes whatever the developer exported: tests/conftest.py clears NNLAB_* and the
locale variables for every test, and each test sets what it needs itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from cliutil import ROOT

HOSTILE = {
    "NNLAB_LANG": "ru",
    "LANG": "ru_RU.UTF-8",
    "LC_MESSAGES": "ru_RU.UTF-8",
    "NNLAB_SANDBOX": "rlimit",
    "NNLAB_ROOT": "/nonexistent",
}


def pytest_run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The tests `args` in a fresh pytest, with `env` added to this environment."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_a_users_exported_settings_do_not_reach_the_tests(tmp_path):
    done = pytest_run("tests/test_language.py", **HOSTILE, NNLAB_DB=str(tmp_path / "user.sqlite"))
    assert done.returncode == 0, done.stdout[-3000:]
    assert not (tmp_path / "user.sqlite").exists()


def test_the_notebook_tests_pass_without_bubblewrap(tmp_path):
    """No bwrap on PATH (an empty folder): grading falls back to reduced isolation, and every
    report says so in a note the tests that read a report's notes must tolerate."""
    done = pytest_run(
        "tests/exchange/test_notebook.py", "-k", "with_a_note or notes_in", PATH=str(tmp_path)
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"^3 passed, \d+ deselected", done.stdout.splitlines()[-1]), done.stdout


def test_this_test_runs_in_the_neutral_environment():
    assert not [name for name in os.environ if name.startswith(("NNLAB_", "LC_"))]
    assert os.environ["LANG"] == "C.UTF-8"
