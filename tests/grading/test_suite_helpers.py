"""The helpers hidden suites import: what a student sees when a check fails through them, and
the points `grade list` reads from a suite's source."""

from __future__ import annotations

import numpy as np
import pytest

from grader.course.load import Exercise
from grader.course.points import max_points
from grader.grading.failures import CheckFailed
from grader.grading.suite import (
    expect_array,
    expect_inputs_unchanged,
    expect_number,
    expect_parts,
)
from grader.i18n.wording import describe


class FakeStudent:
    """A submission whose one function returns `value` and leaves its inputs as `after`."""

    def __init__(self, value: object, after: tuple) -> None:
        self.value, self.after = value, after

    def call_keeping_inputs(self, name: str, *args: object, **kwargs: object):
        return self.value, self.after


def failure(call) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        call()
    return caught.value


def test_expect_parts_refuses_a_wrong_length_with_feedback():
    error = failure(
        lambda: expect_parts([np.zeros(2)], [np.zeros(2), np.zeros(2)], ["step 1", "step 2"])
    )
    assert describe(error.feedback, "en") == "step 1 / step 2: expected 2 parts, got 1"
    assert "ожидалось частей: 2" in describe(error.feedback, "ru")


def test_inputs_unchanged_gives_no_credit_for_doing_nothing():
    x = np.arange(3.0)
    student = FakeStudent(None, (x.copy(),))
    error = failure(lambda: expect_inputs_unchanged(student, "relu", x, names=("x",), expected=x))
    assert error.feedback.key == "type"


def test_inputs_unchanged_names_the_argument_and_misconception():
    x = np.arange(3.0)
    student = FakeStudent(x, (x * 0,))
    error = failure(
        lambda: expect_inputs_unchanged(
            student, "relu", x, names=("x",), expected=x, misconception="in-place"
        )
    )
    assert error.feedback.key == "modified-input"
    assert error.feedback.misconception == "in-place"
    assert error.feedback.params["argument"] == "x"


def test_inputs_unchanged_passes_a_valid_untouched_call():
    x = np.arange(3.0)
    expect_inputs_unchanged(FakeStudent(x, (x.copy(),)), "relu", x, names=("x",), expected=x)


def test_points_written_as_keywords_or_constants_are_counted(tmp_path):
    suite = tmp_path / "test_demo.py"
    suite.write_text(
        "from grader.grading.suite import check\n"
        "STABLE = 2\n"
        "@check(1, en='a', ru='a')\ndef test_a(student): pass\n"
        "@check(points=3, en='b', ru='b')\ndef test_b(student): pass\n"
        "@check(STABLE, en='c', ru='c')\ndef test_c(student): pass\n",
        encoding="utf-8",
    )
    exercise = Exercise(
        "demo", {}, 1, suite, tmp_path / "s.py", tmp_path / "r.py", tmp_path, (), None
    )
    assert max_points(exercise) == 6


@pytest.mark.parametrize("value", [np.full((1, 1, 1), 0.5), np.array([0.5]), 0.5 + 0j])
def test_a_number_check_refuses_arrays_and_complex_numbers(value):
    error = failure(lambda: expect_number(value, 0.5, what="sigmoid(0.0)"))
    assert error.feedback.key == "type"
    assert "should be a number" in describe(error.feedback, "en")


@pytest.mark.parametrize("value", [0.5, np.float64(0.5), np.array(0.5)])
def test_a_number_check_takes_a_python_or_numpy_scalar(value):
    assert expect_number(value, 0.5, what="sigmoid(0.0)") == 0.5


def test_real_values_returned_as_complex_fail_on_their_dtype():
    expected = np.linspace(0, 1, 4)
    error = failure(lambda: expect_array(expected.astype(complex), expected, what="sigmoid(x)"))
    assert error.feedback.key == "dtype"
    assert "complex128" in describe(error.feedback, "en")
