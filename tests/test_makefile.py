"""The README's two commands: `make demo` installs only the runtime and says how to run `grade`
next; `make test` installs the test extras and runs the suite in parallel workers; `.ci/run`
calls it, then `make mutation`."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from cliutil import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str, tmp_path) -> list[str]:
    """The commands `make TARGET` would run in a fresh clone (dry run, an empty venv folder)."""
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target, f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_make_demo_installs_only_the_runtime_and_says_what_next(tmp_path):
    lines = planned("demo", tmp_path)
    installs = [line for line in lines if "pip install" in line and "--upgrade pip" not in line]
    assert installs and all(line.endswith(" -e .") for line in installs), installs
    assert any(line.endswith("/bin/grade demo") for line in lines)
    assert any("bin/activate" in line for line in lines)
    assert any("grade list" in line for line in lines)


def test_make_test_installs_the_extras_and_runs_the_suite(tmp_path):
    lines = planned("test", tmp_path)
    assert any("pip install" in line and ".[test" in line for line in lines)
    (run,) = [line for line in lines if "-m pytest" in line]
    assert re.search(r"-m pytest -q -n \d+ --dist loadscope --no-loadscope-reorder$", run), run
    assert run.startswith("env -u PYTHONDONTWRITEBYTECODE "), run  # caches kept
    assert not any("grade validate" in line for line in lines)  # `make mutation` does


def test_make_mutation_runs_the_full_validation(tmp_path):
    lines = planned("mutation", tmp_path)
    assert [line for line in lines if "grade" in line][-1].endswith("/bin/grade validate")


def test_ci_runs_make_test_then_the_mutation_analysis():
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    assert script[-2:] == ["make test", "make mutation"]
