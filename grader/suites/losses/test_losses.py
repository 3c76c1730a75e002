"""Hidden checks for exercises/losses.py: MSE, binary cross-entropy and their gradients."""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_no_warning,
    expect_number,
    expect_raises,
    fail,
    pick_alternatives,
)

# Probabilities exactly 0 and 1, against labels that agree and that disagree with them.
EDGE_P = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.3, 0.9, 0.2])
EDGE_Y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
EDGE_CALL = "{}(p=[0, 1, 0, 1, 0.5, 0.3, 0.9, 0.2], y=[1, 0, 0, 1, 1, 0, 1, 0])"
# The clip can be written a little differently (e.g. log(p + eps)): allow that at the edges.
EDGE_RTOL = 1e-3


def probabilities(rng, shape):
    return rng.uniform(0.02, 0.98, size=shape), rng.integers(0, 2, size=shape).astype(float)


def bce_terms(p, y, log=np.log):
    return y * log(p) + (1 - y) * log(1 - p)


def expect_finite_number(actual, expected, what, **tolerances):
    """Like expect_number, but a returned inf or nan names the missing clipping."""
    if isinstance(actual, float) and not np.isfinite(actual):
        fail("not-finite", "bce-log-zero", what=what, bad=actual, index=(), expected=expected)
    return expect_number(actual, expected, what=what, **tolerances)


@check(2, en="mse is the mean of the squared errors", ru="mse — среднее квадратов ошибок")
def test_mse(student, reference, rng):
    y_hat, y = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    squared = (y_hat - y) ** 2
    expect_number(
        student.mse(y_hat, y),
        reference.mse(y_hat, y),
        what="mse(y_hat, y)",
        alternatives={"loss-sum": squared.sum(), "half-mse": squared.mean() / 2},
    )


@check(
    1,
    en="mse of a column (n, 1) against a vector (n,) compares element by element",
    ru="mse столбца (n, 1) и вектора (n,) сравнивает поэлементно",
)
def test_mse_shapes(student, reference, rng):
    y_hat, y = rng.normal(size=(5, 1)), rng.normal(size=5)
    expect_number(
        student.mse(y_hat, y),
        reference.mse(y_hat, y),
        what="mse(y_hat (5, 1), y (5,))",
        alternatives={"broadcast-shapes": np.mean((y_hat - y) ** 2)},
    )
    expect_raises(
        student.mse,
        np.zeros((3, 1)),
        np.zeros(4),
        error="ValueError",
        why="3 predictions but 4 targets",
    )


@check(2, en="mse_grad is 2 * (y_hat - y) / n", ru="mse_grad равен 2 * (y_hat - y) / n")
def test_mse_grad(student, reference, rng):
    y_hat, y = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    actual = student.mse_grad(y_hat, y)
    difference, n = y_hat - y, y_hat.size
    expect_array(
        actual,
        reference.mse_grad(y_hat, y),
        what="mse_grad(y_hat, y)",
        alternatives=pick_alternatives(
            actual,
            {
                "gradient-missing-mean": [2 * difference, difference],
                "mse-grad-missing-two": [difference / n],
                "gradient-sign": [-2 * difference / n],
            },
        ),
    )


@check(
    1,
    en="mse_grad has the shape of y_hat (a column against a vector)",
    ru="mse_grad имеет форму y_hat (столбец против вектора)",
)
def test_mse_grad_shape(student, reference, rng):
    y_hat, y = rng.normal(size=(6, 1)), rng.normal(size=6)
    expect_array(
        student.mse_grad(y_hat, y),
        reference.mse_grad(y_hat, y),
        what="mse_grad(y_hat (6, 1), y (6,))",
        shape_misconceptions={(6, 6): "broadcast-shapes"},
    )


@check(
    2,
    en="binary_cross_entropy on random probabilities",
    ru="binary_cross_entropy на случайных вероятностях",
)
def test_bce(student, reference, rng):
    p, y = probabilities(rng, (5, 3))
    actual = student.binary_cross_entropy(p, y)
    expect_number(
        actual,
        reference.binary_cross_entropy(p, y),
        what="binary_cross_entropy(p, y)",
        alternatives=pick_alternatives(
            actual,
            {
                "loss-sum": [-bce_terms(p, y).sum()],
                "bce-missing-minus": [bce_terms(p, y).mean()],
                "bce-wrong-log": [
                    -bce_terms(p, y, np.log10).mean(),
                    -bce_terms(p, y, np.log2).mean(),
                ],
                "swapped-arguments": [reference.binary_cross_entropy(y, p)],
            },
        ),
    )


@check(
    1,
    en="binary_cross_entropy and bce_grad pair a column (n, 1) with a vector (n,)",
    ru="binary_cross_entropy и bce_grad сопоставляют столбец (n, 1) и вектор (n,) поэлементно",
)
def test_bce_shapes(student, reference, rng):
    p, y = probabilities(rng, 6)
    column = p.reshape(6, 1)
    what = "{}(p (6, 1), y (6,))"
    expect_number(
        student.binary_cross_entropy(column, y),
        reference.binary_cross_entropy(column, y),
        what=what.format("binary_cross_entropy"),
        alternatives={"broadcast-shapes": -bce_terms(column, y).mean()},
    )
    expect_array(
        student.bce_grad(column, y),
        reference.bce_grad(column, y),
        what=what.format("bce_grad"),
        shape_misconceptions={(6, 6): "broadcast-shapes"},
    )


@check(
    2,
    en="binary_cross_entropy is finite when p is exactly 0 or 1",
    ru="binary_cross_entropy конечна, когда p равно ровно 0 или 1",
)
def test_bce_edges(student, reference):
    call = EDGE_CALL.format("binary_cross_entropy")
    actual = student.binary_cross_entropy(EDGE_P, EDGE_Y)
    expect_no_warning(student, call, "bce-log-zero")
    expect_finite_number(
        actual, reference.binary_cross_entropy(EDGE_P, EDGE_Y), call, rtol=EDGE_RTOL
    )


@check(
    1,
    en="binary_cross_entropy of perfect predictions is close to 0",
    ru="binary_cross_entropy для идеальных предсказаний близка к 0",
)
def test_bce_perfect(student, rng):
    y = rng.integers(0, 2, size=(4, 4)).astype(float)
    y[0, :2] = 0.0, 1.0
    call = "binary_cross_entropy(y, y), y of 0s and 1s"
    actual = student.binary_cross_entropy(y.copy(), y)
    expect_finite_number(actual, 0.0, call, atol=1e-9)
    expect_no_warning(student, call, "bce-log-zero")


@check(1, en="The eps argument sets the clipping bound", ru="Аргумент eps задаёт границу отсечения")
def test_bce_eps(student, reference, rng):
    eps = float(10 ** rng.uniform(-4, -2))
    for name in ("binary_cross_entropy", "bce_grad"):
        actual = getattr(student, name)(EDGE_P, EDGE_Y, eps=eps)
        expected = getattr(reference, name)
        candidates = {
            "eps-ignored": [expected(EDGE_P, EDGE_Y, eps=other) for other in (1e-12, 1e-7, 1e-15)]
        }
        expect_array(
            actual,
            np.asarray(expected(EDGE_P, EDGE_Y, eps=eps)),
            what=EDGE_CALL.format(name)[:-1] + f", eps={eps:.2g})",
            rtol=EDGE_RTOL,
            alternatives=pick_alternatives(actual, candidates, rtol=EDGE_RTOL),
            non_finite_misconception="bce-log-zero",
        )


@check(
    2,
    en="bce_grad is the gradient of the mean cross-entropy with respect to p",
    ru="bce_grad — градиент средней перекрёстной энтропии по p",
)
def test_bce_grad(student, reference, rng):
    p, y = probabilities(rng, (4, 3))
    actual = student.bce_grad(p, y)
    expected = reference.bce_grad(p, y)
    expect_array(
        actual,
        expected,
        what="bce_grad(p, y)",
        alternatives=pick_alternatives(
            actual,
            {
                "gradient-missing-mean": [expected * p.size],
                "bce-missing-minus": [-expected],
                "bce-grad-logit": [(p - y) / p.size, p - y],
                "swapped-arguments": [reference.bce_grad(y, p)],
            },
        ),
    )


@check(
    1,
    en="bce_grad is finite when p is exactly 0 or 1",
    ru="bce_grad конечен, когда p равно ровно 0 или 1",
)
def test_bce_grad_edges(student, reference):
    call = EDGE_CALL.format("bce_grad")
    actual = student.bce_grad(EDGE_P, EDGE_Y)
    expect_no_warning(student, call, "bce-log-zero")
    expect_array(
        actual,
        reference.bce_grad(EDGE_P, EDGE_Y),
        what=call,
        rtol=EDGE_RTOL,
        non_finite_misconception="bce-log-zero",
    )


@check(1, en="The input arrays are left unchanged", ru="Входные массивы не изменяются")
def test_inputs_unchanged(student):
    for name, first in (
        ("mse", "y_hat"),
        ("mse_grad", "y_hat"),
        ("binary_cross_entropy", "p"),
        ("bce_grad", "p"),
    ):
        _, after = student.call_keeping_inputs(name, EDGE_P.copy(), EDGE_Y.copy())
        for argument, before, now in ((first, EDGE_P, after[0]), ("y", EDGE_Y, after[1])):
            if not isinstance(now, np.ndarray) or not np.array_equal(now, before):
                fail("modified-input", "clip-in-place", call=name, argument=argument)
