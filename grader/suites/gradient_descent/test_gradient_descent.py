"""Hidden checks for exercises/gradient_descent.py: batch, stochastic and mini-batch descent.

The trajectories are deterministic (zero start, one np.random.default_rng(seed) per run, one
permutation per epoch), so the suite replays them exactly and names a mistake by the wrong
trajectory it produces.
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_inputs_unchanged,
    expect_number,
    expect_parts,
    fail,
    fail_text,
    kind_of,
    pick_alternatives,
    remembered,
)

# Wrong versions of the descent, as keyword arguments of `descend`, by misconception.
MISTAKES = {
    "no-shuffle": [{"shuffle": "never"}],
    "shuffle-x-only": [{"shuffle": "x-only"}],
    "rng-per-epoch": [{"shuffle": "reseeded"}],
    "legacy-random": [{"shuffle": "legacy"}],
    "gradient-sign": [{"sign": -1.0}],
    "gradient-scale": [{"scale": "no-two"}, {"scale": "no-mean"}, {"scale": "neither"}],
    "last-batch-only": [{"last_only": True}],
    "partial-batch-dropped": [{"drop_partial": True}],
    "loss-before-update": [{"before": True}],
    "shuffle-in-place": [{"shuffle": "in-place"}],
}
SCALES = {
    None: lambda m: 2.0 / m,
    "no-two": lambda m: 1.0 / m,
    "no-mean": lambda m: 2.0,
    "neither": lambda m: 1.0,
}


def regression_data(rng, n=30, d=3, noise=0.1):
    """A noisy linear data set y = X @ w + b + noise, well conditioned."""
    X = rng.normal(size=(n, d))
    y = X @ rng.uniform(-2, 2, size=d) + rng.uniform(-1, 1) + noise * rng.normal(size=n)
    return X, y


def least_squares(X, y):
    """The exact minimiser (w*, b*) of the MSE, and its loss."""
    A = np.hstack([X, np.ones((len(y), 1))])
    solution = np.linalg.lstsq(A, y, rcond=None)[0]
    return solution[:-1], solution[-1], float(np.mean((A @ solution - y) ** 2))


@remembered
def descend(
    X,
    y,
    lr,
    epochs,
    batch_size,
    seed=None,
    shuffle="each-epoch",
    sign=1.0,
    scale=None,
    last_only=False,
    drop_partial=False,
    before=False,
):
    """Mini-batch descent with knobs for the mistakes above (trusted, for telltale values)."""
    n, X, y = len(y), X.copy(), y.copy()
    rng = None if seed is None else np.random.default_rng(seed)
    legacy = None if seed is None else np.random.RandomState(seed)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            if before:
                history.append(np.mean((X @ w + b - y) ** 2))
            if rng is None or shuffle == "never":
                order = np.arange(n)
            elif shuffle == "reseeded":
                order = np.random.default_rng(seed).permutation(n)
            elif shuffle == "legacy":
                order = legacy.permutation(n)
            else:
                order = rng.permutation(n)
            if shuffle == "in-place":  # the data itself is reordered, cumulatively
                X, y, order = X[order], y[order], np.arange(n)
            for start in range(0, n - batch_size + 1 if drop_partial else n, batch_size):
                rows = order[start : start + batch_size]
                targets = y[start : start + batch_size] if shuffle == "x-only" else y[rows]
                error = X[rows] @ w + b - targets
                factor = SCALES[scale](len(rows))
                grad_w, grad_b = factor * X[rows].T @ error, factor * np.sum(error)
                if not last_only:
                    w, b = w - sign * lr * grad_w, b - sign * lr * grad_b
            if last_only:
                w, b = w - sign * lr * grad_w, b - sign * lr * grad_b
            if not before:
                history.append(np.mean((X @ w + b - y) ** 2))
    return [w, np.asarray(b), np.asarray(history)]


def expect_result(result, what, n_features, epochs):
    """`result` must be (w of shape (n_features,), b a number, loss_history of length epochs)."""
    if not isinstance(result, (tuple, list)):
        fail("type", what=what, expected="a tuple (w, b, loss_history)", actual=kind_of(result))
    if len(result) < 3:
        fail("length", what=f"{what} → (w, b, loss_history)", expected=3, actual=len(result))
    w, b, history = result[:3]  # extra elements are not what this exercise grades
    if isinstance(history, (list, tuple)):
        history = np.asarray(history, dtype=float)
    for name, value, shape in (("w", w, (n_features,)), ("loss_history", history, (epochs,))):
        if not isinstance(value, np.ndarray):
            fail(
                "type",
                what=f"{what} → {name}",
                expected=f"an ndarray of shape {shape}",
                actual=kind_of(value),
            )
        if value.shape != shape:
            fail("shape", what=f"{what} → {name}", expected=shape, actual=value.shape)
    if isinstance(b, bool) or not isinstance(b, (int, float)):
        fail("type", what=f"{what} → b", expected="a number", actual=kind_of(b))
    return [w, np.asarray(float(b)), history]


def expect_trajectory(actual, expected, what, X, y, lr, epochs, batch_size, seed=None):
    """Compare w, b and the loss history; name the mistake whose whole trajectory matches."""
    expected = [np.asarray(part, dtype=float) for part in expected]
    if all(np.allclose(a, e, rtol=1e-6, atol=1e-8) for a, e in zip(actual, expected, strict=True)):
        return
    telltales = {
        name: [descend(X, y, lr, epochs, batch_size, seed, **knobs) for knobs in options]
        for name, options in MISTAKES.items()
    }
    expect_parts(
        actual,
        expected,
        [f"{what} → w", f"{what} → b", f"{what} → loss_history"],
        telltales=telltales,
    )


EXTRA_PARAMETERS = {"batch_gd": (), "sgd": ("seed",), "minibatch_gd": ("batch_size", "seed")}


def expect_replayed(student, reference, function, X, y, lr, epochs, *extra):
    """Run `function` (batch_gd, sgd or minibatch_gd) with the student's code and compare its
    whole trajectory with the reference's for the same arguments."""
    named = "".join(
        f", {name}={value}" for name, value in zip(EXTRA_PARAMETERS[function], extra, strict=True)
    )
    what = f"{function}(X, y, lr={lr}, epochs={epochs}{named})"
    actual = expect_result(
        getattr(student, function)(X, y, lr, epochs, *extra), what, X.shape[1], epochs
    )
    batch_size, seed = {"batch_gd": (len(y), None), "sgd": (1, *extra)}.get(function, extra)
    expect_trajectory(
        actual,
        getattr(reference, function)(X, y, lr, epochs, *extra),
        what,
        X,
        y,
        lr,
        epochs,
        batch_size,
        seed,
    )


@check(
    1,
    en="mse_loss is the mean squared error of X @ w + b",
    ru="mse_loss — среднеквадратичная ошибка X @ w + b",
)
def test_mse_loss(student, reference, rng):
    X, y = regression_data(rng, n=12)
    w, b = rng.normal(size=3), float(rng.normal())
    squared = (X @ w + b - y) ** 2
    expect_number(
        student.mse_loss(X, y, w, b),
        reference.mse_loss(X, y, w, b),
        what="mse_loss(X, y, w, b)",
        alternatives={"loss-sum": squared.sum(), "missing-bias": np.mean((X @ w - y) ** 2)},
    )


@check(
    2,
    en="gradients are 2/n X.T @ error and 2/n sum(error)",
    ru="gradients равны 2/n X.T @ error и 2/n sum(error)",
)
def test_gradients(student, reference, rng):
    X, y = regression_data(rng, n=12)
    w, b = rng.normal(size=3), float(rng.normal())
    what = "gradients(X, y, w, b)"
    result = student.gradients(X, y, w, b)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("type", what=what, expected="a tuple (grad_w, grad_b)", actual=kind_of(result))
    error, n = X @ w + b - y, len(y)
    for index, (name, raw) in enumerate((("grad_w", X.T @ error), ("grad_b", error.sum()))):
        actual = result[index]
        expected = np.asarray(reference.gradients(X, y, w, b)[index])
        expect_array(
            actual,
            expected,
            what=f"{what} → {name}",
            alternatives=pick_alternatives(
                actual,
                {
                    "gradient-sign": [-expected],
                    "gradient-scale": [raw / n, 2 * raw, raw],
                },
            ),
        )


@check(
    1,
    en="Every function returns (w, b, loss_history) of the right shapes",
    ru="Каждая функция возвращает (w, b, loss_history) правильных форм",
)
def test_result_shapes(student, rng):
    X, y = regression_data(rng, n=10, d=4)
    for name, args in (("batch_gd", ()), ("sgd", (1,)), ("minibatch_gd", (3, 1))):
        expect_result(
            getattr(student, name)(X, y, 0.01, 5, *args),
            f"{name}(X (10, 4), y, lr=0.01, epochs=5, ...)",
            4,
            5,
        )


@check(
    1,
    en="One epoch of batch_gd is one step against the gradient",
    ru="Одна эпоха batch_gd — один шаг против градиента",
)
def test_batch_one_step(student, reference, rng):
    expect_replayed(student, reference, "batch_gd", *regression_data(rng), 0.1, 1)


@check(
    2,
    en="batch_gd: the exact weights and loss history over 30 epochs",
    ru="batch_gd: точные веса и история потерь за 30 эпох",
)
def test_batch_trajectory(student, reference, rng):
    expect_replayed(student, reference, "batch_gd", *regression_data(rng), 0.05, 30)


@check(
    2,
    en="batch_gd converges to the least-squares solution",
    ru="batch_gd сходится к решению методом наименьших квадратов",
)
def test_batch_converges(student, rng):
    X, y = regression_data(rng, n=40)
    what = "batch_gd(X, y, lr=0.1, epochs=500)"
    w, b, history = expect_result(student.batch_gd(X, y, 0.1, 500), what, 3, 500)
    w_star, b_star, best = least_squares(X, y)
    expect_array(w, w_star, what=f"{what} → w", rtol=1e-4, atol=1e-4)
    expect_number(b, b_star, what=f"{what} → b", rtol=1e-4, atol=1e-4)
    expect_number(history[-1], best, what=f"{what} → loss_history[-1]", rtol=1e-4, atol=1e-6)


@check(
    2,
    en="sgd: the exact trajectory for the seed (one rng, a permutation per epoch)",
    ru="sgd: точная траектория для сида (один rng, перестановка на каждую эпоху)",
)
def test_sgd_trajectory(student, reference, rng):
    X, y = regression_data(rng, n=20)
    expect_replayed(student, reference, "sgd", X, y, 0.02, 8, int(rng.integers(0, 10_000)))


@check(1, en="sgd approaches the least-squares loss", ru="sgd приближается к наименьшим потерям")
def test_sgd_converges(student, rng):
    X, y = regression_data(rng, n=40)
    seed = int(rng.integers(0, 10_000))
    what = f"sgd(X, y, lr=0.01, epochs=60, seed={seed})"
    _, _, history = expect_result(student.sgd(X, y, 0.01, 60, seed), what, 3, 60)
    best = least_squares(X, y)[2]
    final = float(history[-1])
    if not final <= 1.5 * best + 1e-3:
        diverged = not np.isfinite(final) or final > 100 * np.mean(y**2)
        fail_text(
            f"after {what} the loss is {final:.4g}; the least-squares loss is {best:.4g}",
            f"после {what} потери равны {final:.4g}; наименьшие потери — {best:.4g}",
            "gradient-sign" if diverged else None,
        )


@check(
    2,
    en="minibatch_gd: the exact trajectory, with a smaller last batch",
    ru="minibatch_gd: точная траектория, последний батч меньше",
)
def test_minibatch_trajectory(student, reference, rng):
    X, y = regression_data(rng)
    seed, batch_size = int(rng.integers(0, 10_000)), int(rng.choice([4, 7, 8]))
    expect_replayed(student, reference, "minibatch_gd", X, y, 0.05, 10, batch_size, seed)


@check(
    1,
    en="minibatch_gd with batch_size = len(X) is batch_gd; with batch_size = 1 it is sgd",
    ru="minibatch_gd с batch_size = len(X) — это batch_gd, а с batch_size = 1 — sgd",
)
def test_minibatch_extremes(student, rng):
    X, y = regression_data(rng, n=16)
    seed = int(rng.integers(0, 10_000))
    for batch_size, name, other, args in (
        (len(y), "batch_gd", student.batch_gd, ()),
        (1, "sgd", student.sgd, (seed,)),
    ):
        what = f"minibatch_gd(X, y, lr=0.03, epochs=6, batch_size={batch_size}, seed={seed})"
        actual = expect_result(student.minibatch_gd(X, y, 0.03, 6, batch_size, seed), what, 3, 6)
        same = expect_result(other(X, y, 0.03, 6, *args), f"{name}(...)", 3, 6)
        expect_parts(actual, same, [f"{what} → {part}" for part in ("w", "b", "loss_history")])


@check(1, en="X and y are left unchanged", ru="X и y не изменяются")
def test_inputs_unchanged(student, rng):
    X, y = regression_data(rng, n=12)
    for name, args in (("batch_gd", ()), ("sgd", (5,)), ("minibatch_gd", (5, 5))):
        expect_inputs_unchanged(
            student,
            name,
            X.copy(),
            y.copy(),
            0.01,
            2,
            *args,
            names=("X", "y"),
            expected=lambda value, name=name: expect_result(value, f"{name}(X, y, …)", 3, 2),
            misconception="shuffle-in-place",
        )
