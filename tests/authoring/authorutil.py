"""Helpers of the authoring tests: a small complete exercise, `grade` in a course folder."""

from __future__ import annotations

from pathlib import Path

from cliutil import SCRATCH, run_grade

# A complete small exercise, as an author would write it over the scaffold of `grade new`.
DOUBLE = {
    "exercises/double.py": '''"""Exercise: double every element of an array."""

import numpy as np


def double(x):
    """2 * x, element-wise, as a float array."""
    raise NotImplementedError("double")
''',
    "solutions/double.py": '''"""Reference solution: double every element."""

import numpy as np


def double(x):
    return np.asarray(x, dtype=float) * 2
''',
    "grader/suites/double/exercise.yaml": """title: {en: "Double", ru: "Удвоение"}
order: 1
functions:
  double: "x"
misconceptions:
  squared: {en: "Squared instead of doubled.", ru: "Возведено в квадрат вместо удвоения."}
""",
    "grader/suites/double/test_double.py": '''"""Hidden checks for exercises/double.py."""

from grader.grading.suite import check, expect_array


@check(2, en="Values on a random array", ru="Значения на случайном массиве")
def test_values(student, reference, rng):
    x = rng.normal(size=(3, 4))
    expect_array(student.double(x), reference.double(x), what="double(x)",
                 alternatives={"squared": x ** 2})


@check(1, en="Integers in, floats out", ru="На входе целые, на выходе float")
def test_integers(student, reference, rng):
    x = rng.integers(-5, 5, size=4)
    expect_array(student.double(x), reference.double(x), what="double(x)", require_float=True)
''',
    "grader/suites/double/mutants/squared.yaml": """misconception: squared
description: squares instead of doubling
edits:
  - find: "* 2"
    replace: "** 2"
""",
}


def grade(*args: str, root: Path, **kwargs):
    """`grade ARGS...` in the course at `root` (history kept out of the user's home)."""
    env = {
        "NNLAB_ROOT": str(root),
        "NNLAB_DB": str(SCRATCH / "authoring.sqlite"),
        **kwargs.pop("env", {}),
    }
    return run_grade(*args, cwd=root, env=env, **kwargs)


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
