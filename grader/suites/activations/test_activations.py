"""Hidden checks for exercises/activations.py: ReLU, leaky ReLU, tanh, softmax, derivatives."""

import numpy as np

from grader.grading.suite import check, expect_array, expect_no_warning, fail, pick_alternatives

EXTREMES = np.array([-1000.0, -710.0, -400.0, -20.0, 0.0, 20.0, 400.0, 710.0, 1000.0])
# Rows whose naive exp overflows (1000), underflows to 0/0 (all near -1000), or both at once;
# the third row also defeats a shift by the maximum of the whole array instead of each row's.
EXTREME_SCORES = np.array(
    [
        [1000.0, 999.0, 998.0, 990.0],
        [-1000.0, -1001.0, -999.0, -1003.0],
        [0.0, 1000.0, -1000.0, 500.0],
        [3.0, 1.0, 0.2, -2.0],
    ]
)


def softmax_mistakes(reference, z, axis=-1):
    """What recognisable softmax mistakes return for scores `z`, by misconception."""
    whole = [np.exp(z - np.max(z)), np.exp(z - np.max(z, axis=axis, keepdims=True))]
    return {
        "softmax-whole-array": [exps / exps.sum() for exps in whole],
        "softmax-wrong-axis": [
            reference.softmax(z, axis=wrong) for wrong in range(z.ndim) if wrong != axis % z.ndim
        ],
    }


def expect_softmax(student, reference, z, axis=-1):
    what = f"softmax(z {z.shape}" + (")" if axis == -1 else f", axis={axis})")
    actual = student.softmax(z) if axis == -1 else student.softmax(z, axis=axis)
    expect_array(
        actual,
        reference.softmax(z, axis=axis),
        what=what,
        alternatives=pick_alternatives(actual, softmax_mistakes(reference, z, axis)),
    )


@check(
    1,
    en="relu on a 3-D array: max(0, x), same shape",
    ru="relu на трёхмерном массиве: max(0, x), та же форма",
)
def test_relu(student, reference, rng):
    x = rng.normal(scale=3.0, size=(2, 3, 4))
    expect_array(student.relu(x), reference.relu(x), what="relu(x)", require_float=True)


@check(
    1, en="leaky_relu with the default alpha = 0.01", ru="leaky_relu с alpha по умолчанию (0.01)"
)
def test_leaky_relu_default(student, reference, rng):
    x = rng.normal(scale=5.0, size=(4, 5))
    expect_array(
        student.leaky_relu(x),
        reference.leaky_relu(x),
        what="leaky_relu(x)",
        alternatives={"leaky-slope-on-positives": np.where(x > 0, 0.01 * x, x)},
    )


@check(1, en="leaky_relu uses the alpha it is given", ru="leaky_relu использует переданный alpha")
def test_leaky_relu_alpha(student, reference, rng):
    alpha = float(rng.uniform(0.1, 0.3))
    x = rng.normal(scale=5.0, size=(3, 6))
    expect_array(
        student.leaky_relu(x, alpha=alpha),
        reference.leaky_relu(x, alpha),
        what=f"leaky_relu(x, alpha={alpha:.3f})",
        alternatives={
            "alpha-ignored": reference.leaky_relu(x),
            "leaky-slope-on-positives": np.where(x > 0, alpha * x, x),
        },
    )


@check(1, en="tanh on a random array", ru="tanh на случайном массиве")
def test_tanh(student, reference, rng):
    x = rng.uniform(-4, 4, size=(5, 4))
    expect_array(student.tanh(x), reference.tanh(x), what="tanh(x)")


@check(
    2,
    en="tanh and tanh_derivative are stable for |x| up to 1000",
    ru="tanh и tanh_derivative устойчивы при |x| до 1000",
)
def test_tanh_stable(student, reference):
    for name in ("tanh", "tanh_derivative"):
        call = f"{name}([-1000, ..., 1000])"
        expect_array(
            getattr(student, name)(EXTREMES),
            getattr(reference, name)(EXTREMES),
            what=call,
            non_finite_misconception="tanh-overflow",
        )
        expect_no_warning(student, call, "tanh-overflow")


@check(
    2,
    en="softmax turns each row (and a 1-D vector) into probabilities",
    ru="softmax превращает каждую строку (и одномерный вектор) в вероятности",
)
def test_softmax_rows(student, reference, rng):
    expect_softmax(student, reference, rng.normal(scale=2.0, size=(4, 5)))
    expect_softmax(student, reference, rng.normal(scale=2.0, size=6))


@check(
    1, en="softmax normalises along the axis it is given", ru="softmax нормирует вдоль заданной оси"
)
def test_softmax_axis(student, reference, rng):
    z = rng.normal(scale=2.0, size=(3, 4, 5))
    for axis in (1, 0):
        expect_softmax(student, reference, z, axis)


@check(
    2,
    en="softmax is stable: scores of ±1000 give no inf, nan or overflow",
    ru="softmax устойчив: оценки ±1000 не дают inf, nan и переполнения",
)
def test_softmax_stable(student, reference):
    call = "softmax([[1000, 999, ...], [-1000, -1001, ...], ...])"
    expect_array(
        student.softmax(EXTREME_SCORES),
        reference.softmax(EXTREME_SCORES),
        what=call,
        non_finite_misconception="softmax-overflow",
    )
    expect_no_warning(student, call, "softmax-overflow")


@check(
    2,
    en="relu_derivative: 1 for x > 0, 0 for x <= 0 (also at exactly 0)",
    ru="relu_derivative: 1 при x > 0, 0 при x <= 0 (в том числе ровно в 0)",
)
def test_relu_derivative(student, reference, rng):
    x = rng.normal(scale=2.0, size=(4, 6))
    x.flat[::5] = 0.0
    x.flat[1], x.flat[2] = rng.uniform(0.01, 0.99), -rng.uniform(0.01, 0.99)  # |x| < 1 too
    expect_array(
        student.relu_derivative(x),
        reference.relu_derivative(x),
        what="relu_derivative(x)",
        alternatives={"relu-derivative-at-zero": (x >= 0).astype(float)},
    )


@check(
    2,
    en="tanh_derivative is 1 - tanh(x)**2 at the input x",
    ru="tanh_derivative равна 1 - tanh(x)**2 во входной точке x",
)
def test_tanh_derivative(student, reference, rng):
    x = rng.uniform(-3, 3, size=(3, 5))
    expect_array(
        student.tanh_derivative(x),
        reference.tanh_derivative(x),
        what="tanh_derivative(x)",
        alternatives={
            "tanh-derivative-of-output": 1.0 - x**2,
            "tanh-derivative-twice": reference.tanh_derivative(np.tanh(x)),
        },
    )


@check(1, en="The input arrays are left unchanged", ru="Входные массивы не изменяются")
def test_inputs_unchanged(student, rng):
    x = rng.normal(scale=3.0, size=(3, 4))
    for name in ("relu", "leaky_relu", "tanh", "softmax", "relu_derivative", "tanh_derivative"):
        _, (after, *_) = student.call_keeping_inputs(name, x)
        if not isinstance(after, np.ndarray) or not np.array_equal(after, x):
            fail("modified-input", "in-place", call=name, argument="x")
