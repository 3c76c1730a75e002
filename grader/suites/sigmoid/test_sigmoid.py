"""Hidden checks for exercises/sigmoid.py: sigmoid(x) and sigmoid_derivative(x)."""

import numpy as np

from grader.grading.suite import SubmissionFault, check, expect_array, expect_number, fail

EXTREMES = np.array([-1000.0, -745.0, -50.0, 0.0, 50.0, 745.0, 1000.0])


def derivative_mistakes(reference, x):
    s = reference.sigmoid(x)
    return {
        "derivative-of-output": np.asarray(x, dtype=float) * (1 - np.asarray(x, dtype=float)),
        "derivative-sigmoid-twice": reference.sigmoid_derivative(s),
        "sigmoid-sign": s,
    }


def expect_no_overflow(student, call):
    overflow = [w for w in student.last_warnings if "overflow" in w.lower()]
    if overflow:
        fail(
            "custom",
            "sigmoid-overflow",
            en=f"{call} warned: {overflow[0]}",
            ru=f"{call} выдал предупреждение: {overflow[0]}",
        )


def call_at_extremes(function):
    """`function(EXTREMES)`; math.exp's OverflowError there names the overflow misconception."""
    try:
        return function(EXTREMES)
    except SubmissionFault as fault:
        if fault.details.get("type") == "OverflowError":
            fail(
                "custom",
                "sigmoid-overflow",
                en=f"{function.__name__} raised OverflowError",
                ru=f"{function.__name__} выбросил OverflowError",
            )
        raise


@check(1, en="sigmoid(0) is 0.5", ru="sigmoid(0) равно 0.5")
def test_sigmoid_zero(student):
    expect_number(student.sigmoid(0.0), 0.5, what="sigmoid(0.0)")


@check(2, en="Values on a random array", ru="Значения на случайном массиве")
def test_sigmoid_values(student, reference, rng):
    x = rng.uniform(-6, 6, size=(4, 5))
    x[0] = rng.uniform(-1, 1, size=5)  # where the curve bends most and the two halves meet
    expect_array(
        student.sigmoid(x),
        reference.sigmoid(x),
        what="sigmoid(x)",
        alternatives={"sigmoid-sign": reference.sigmoid(-x)},
    )


@check(
    1,
    en="Shape kept, float64 result, also for integer input",
    ru="Форма сохраняется, результат float64, в том числе для целых входов",
)
def test_sigmoid_shape_and_dtype(student, reference, rng):
    x = rng.integers(-3, 4, size=(2, 3, 4))
    actual = expect_array(
        student.sigmoid(x),
        reference.sigmoid(x),
        what="sigmoid(x)",
        alternatives={"integer-output": np.trunc(reference.sigmoid(x))},
    )
    if actual.dtype != np.float64:
        fail(
            "dtype",
            "integer-output" if actual.dtype.kind in "iub" else None,
            what="sigmoid(x)",
            actual=str(actual.dtype),
        )


@check(1, en="A Python float in, a number out", ru="На вход число Python — на выходе число")
def test_sigmoid_scalar(student, reference):
    expect_number(student.sigmoid(2.5), reference.sigmoid(2.5), what="sigmoid(2.5)")


@check(
    2,
    en="Stable for large |x| (±1000): finite, correct, no overflow",
    ru="Устойчивость при больших |x| (±1000): конечно, верно, без переполнения",
)
def test_sigmoid_stable(student, reference):
    actual = call_at_extremes(student.sigmoid)
    expect_array(
        actual,
        reference.sigmoid(EXTREMES),
        what="sigmoid([-1000, ..., 1000])",
        non_finite_misconception="sigmoid-overflow",
    )
    expect_no_overflow(student, "sigmoid([-1000, ..., 1000])")


@check(2, en="Derivative values on a random array", ru="Значения производной на случайном массиве")
def test_derivative_values(student, reference, rng):
    x = rng.uniform(-5, 5, size=(3, 4))
    expect_array(
        student.sigmoid_derivative(x),
        reference.sigmoid_derivative(x),
        what="sigmoid_derivative(x)",
        alternatives=derivative_mistakes(reference, x),
    )


@check(1, en="Derivative at 0 is 0.25", ru="Производная в нуле равна 0.25")
def test_derivative_zero(student, reference):
    expect_number(
        student.sigmoid_derivative(0.0),
        0.25,
        what="sigmoid_derivative(0.0)",
        alternatives={
            "derivative-of-output": 0.0,
            "derivative-sigmoid-twice": reference.sigmoid_derivative(0.5),
        },
    )


@check(1, en="Derivative is stable for large |x|", ru="Производная устойчива при больших |x|")
def test_derivative_stable(student, reference):
    actual = call_at_extremes(student.sigmoid_derivative)
    expect_array(
        actual,
        reference.sigmoid_derivative(EXTREMES),
        what="sigmoid_derivative([-1000, ..., 1000])",
        alternatives=derivative_mistakes(reference, EXTREMES),
        non_finite_misconception="sigmoid-overflow",
    )
    expect_no_overflow(student, "sigmoid_derivative([-1000, ..., 1000])")


@check(1, en="The input array is left unchanged", ru="Входной массив не изменяется")
def test_input_unchanged(student, rng):
    x = rng.normal(size=(3, 3))
    for function in ("sigmoid", "sigmoid_derivative"):
        _, (after,) = student.call_keeping_inputs(function, x)
        if not np.array_equal(after, x):
            fail("modified-input", call=function, argument="x")
