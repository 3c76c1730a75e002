"""A function that hangs is given the wall limit twice, then not called again: a hanging
submission costs seconds, not the limit once per check, and its other functions still run."""

from __future__ import annotations

import dataclasses

from grader.course.load import find_exercise
from grader.grading.run import HANG_REPEATS, Job, grade_one
from grader.i18n import wording
from grader.sandbox import Limits

HANGING_DERIVATIVE = """import numpy as np

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(x, dtype=float), -500, 500)))

def sigmoid_derivative(x):
    while True:
        pass
"""


def test_a_hanging_function_is_not_called_again_after_two_timeouts():
    exercise = dataclasses.replace(find_exercise("sigmoid"), limits=Limits(wall_seconds=1))
    result = grade_one(exercise, Job("sigmoid", HANGING_DERIVATIVE, "sigmoid.py"))
    hung = [c.feedback for c in result.checks if c.feedback and c.feedback.key == "timeout"]
    first = [f for f in hung if f.params.get("variant") is None]
    skipped = [f for f in hung if f.params.get("variant") == "repeat"]
    assert len(first) == HANG_REPEATS == 2
    assert len(skipped) == len(hung) - 2 >= 1
    assert wording.describe(skipped[0], "en") == (
        "sigmoid_derivative was not called again: it did not finish within 1 s in 2 earlier checks"
    )
    # the function that does not hang is still graded
    assert any(c.passed and "derivative" not in c.name for c in result.checks)
