"""Commands that do not grade start light: `grade list`, `hint`, `progress`, `export`, `report` and
`--help` import neither numpy nor pytest (the grading stages load inside the functions that grade).
The one exception is real work: the HTML report's "Similar submissions" section compares the
class's code with numpy, so `report --out` imports it only while that section is computed.
Their start-up time is measured by `make bench`, not here."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import click
import pytest
from cliutil import ROOT, SCRATCH, process_environment

from grader.cli import LAZY_COMMANDS, main

HEAVY = ("numpy", "pytest")


def imported(*args: str, packages: bool = True) -> set[str]:
    """The top-level packages (or, with `packages=False`, the modules) `grade ARGS` imported,
    from `python -X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "grader", *args],
        cwd=ROOT,
        env=process_environment({"NNLAB_DB": str(SCRATCH / "light.sqlite")}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = [line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    return {name.split(".")[0] for name in names} if packages else set(names)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("hint", "sigmoid"),
        ("progress",),
        ("--help",),
        ("submit", "--help"),
        ("export", "--format", "csv", "--db", "{db}", "--out", "{out}/marks.csv"),
        ("report", "--db", "{db}"),
        ("report", "--db", "{db}", "--out", "{out}/report.html", "--no-similarity"),
    ],
    ids=lambda args: " ".join(a for a in args if "{" not in a),
)
def test_commands_that_do_not_grade_import_neither_numpy_nor_pytest(args, graded_class, tmp_path):
    filled = [a.format(db=graded_class.db, out=tmp_path) for a in args]
    modules = imported(*filled)
    assert "grader" in modules and "click" in modules  # the measurement itself works
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))


def test_a_command_that_grades_does_import_them():
    assert set(HEAVY) <= imported("submit", "solutions/sigmoid.py", "--no-record")


def test_a_student_command_leaves_the_instructors_modules_unimported():
    modules = imported("list", packages=False)
    assert "grader.commands.core" in modules  # the measurement itself works
    assert modules.isdisjoint(LAZY_COMMANDS), sorted(modules & set(LAZY_COMMANDS))
    assert "grader.exchange" not in modules  # quiz export/import load it when they run


@pytest.mark.parametrize("module", sorted(LAZY_COMMANDS))
def test_every_command_of_a_lazy_module_is_known_by_name(module):
    names = [command.name for command in importlib.import_module(module).COMMANDS]
    assert sorted(names) == sorted(LAZY_COMMANDS[module])
    assert set(names) <= set(main.list_commands(click.Context(main)))
    shown = subprocess.run(  # the module is imported when its command runs
        [sys.executable, "-m", "grader", names[0], "--help"],
        cwd=ROOT,
        env=process_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0 and re.match(rf"Usage: .+ {names[0]} \[OPTIONS\]", shown.stdout)
