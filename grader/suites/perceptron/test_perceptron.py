"""Hidden checks for exercises/perceptron.py: step, predict, the learning rule, separability.

Replayed trainings use integer inputs and learning rates that are powers of two, so every sum is
exact and any correct implementation takes exactly the reference's steps (z = 0 stays 0).
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_number,
    expect_parts,
    fail,
    fail_text,
    kind_of,
    remembered,
)

GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "XOR": np.array([0, 1, 1, 0]),
    "XNOR": np.array([1, 0, 0, 1]),
}
SEPARABLE_GATES = ("AND", "OR", "NAND")
# Separable, but with a small margin: the rule needs about 210 epochs (more than 100).
SLOW_X = np.array(
    [
        [8.0, -6.0],
        [7.0, 6.0],
        [-4.0, -2.0],
        [-2.0, 7.0],
        [3.0, 0.0],
        [7.0, -7.0],
        [5.0, 2.0],
        [8.0, 6.0],
        [-5.0, 7.0],
    ]
)
SLOW_Y = np.array([1, 0, 1, 0, 1, 1, 1, 1, 0])
# Wrong versions of the rule, as keyword arguments of `replay`, by misconception.
MISTAKES = {
    "update-sign": {"sign": -1.0},
    "missing-bias": {"bias_update": False},
    "update-when-correct": {"every_sample": True},
    "step-at-zero": {"step_at_zero": 1},
}


@remembered
def replay(X, y, lr, epochs, sign=1.0, bias_update=True, every_sample=False, step_at_zero=0):
    """The perceptron rule with knobs for the mistakes above (trusted, for expected values)."""
    weights, bias = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, epochs + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            z = x_i @ weights + bias
            error = y_i - (1 if z > 0 or (z == 0 and step_at_zero) else 0)
            mistakes += int(error != 0)
            if every_sample:
                error = 2 * y_i - 1
            weights = weights + sign * lr * error * x_i
            bias = bias + (sign * lr * error if bias_update else 0.0)
        if mistakes == 0:
            return weights, bias, True, epoch
    return weights, bias, False, epochs


def separable_cloud(rng, n=20):
    """Integer points in [-5, 5]² labelled by an integer line, none on the line, both classes."""
    while True:
        line = rng.integers(-2, 3, size=2)
        offset = int(rng.integers(-3, 4))
        X = rng.integers(-5, 6, size=(3 * n, 2)).astype(float)
        z = X @ line + offset
        X, z = X[z != 0][:n], z[z != 0][:n]
        if line.any() and len(X) == n and 0 < (z > 0).sum() < n:
            return X, (z > 0).astype(int)


def xor_cloud(rng, n=20):
    """Integer points off the axes labelled 1 in the 1st and 3rd quadrants: XOR, not separable."""
    corners = np.array([[2.0, 2.0], [-2.0, -2.0], [2.0, -2.0], [-2.0, 2.0]])
    X = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], size=(n - 4, 2)).astype(float)
    X = np.vstack([corners, X])[rng.permutation(n)]
    return X, (X[:, 0] * X[:, 1] > 0).astype(int)


def expect_training(result, what, n_features):
    """`result` must be (weights (n_features,), bias, converged: bool, epochs_run: int)."""
    if not isinstance(result, (tuple, list)):
        fail(
            "type",
            what=what,
            expected="a tuple (weights, bias, converged, epochs_run)",
            actual=kind_of(result),
        )
    if len(result) < 4:
        fail(
            "length",
            what=f"{what} → (weights, bias, converged, epochs_run)",
            expected=4,
            actual=len(result),
        )
    # Extra elements after the four documented ones are not what this exercise grades.
    weights, bias, converged, epochs_run = result[:4]
    if isinstance(converged, np.bool_):
        converged = bool(converged)
    if isinstance(epochs_run, np.integer):
        epochs_run = int(epochs_run)
    if not isinstance(weights, np.ndarray):
        fail(
            "type",
            what=f"{what} → weights",
            expected=f"an ndarray of shape ({n_features},)",
            actual=kind_of(weights),
        )
    if weights.shape != (n_features,):
        fail("shape", what=f"{what} → weights", expected=(n_features,), actual=weights.shape)
    if isinstance(bias, bool) or not isinstance(bias, (int, float)):
        fail("type", what=f"{what} → bias", expected="a number", actual=kind_of(bias))
    if not isinstance(converged, bool):
        fail(
            "type", what=f"{what} → converged", expected="True or False", actual=kind_of(converged)
        )
    if isinstance(epochs_run, bool) or not isinstance(epochs_run, int):
        fail("type", what=f"{what} → epochs_run", expected="an int", actual=kind_of(epochs_run))
    return weights, float(bias), converged, epochs_run


def expect_replay(student, reference, X, y, lr, epochs):
    """Train with the student's code and compare every returned value with the exact rule."""
    what = f"train_perceptron(X, y, lr={lr:g}, epochs={epochs})"
    actual = expect_training(student.train_perceptron(X, y, lr=lr, epochs=epochs), what, X.shape[1])
    expected = reference.train_perceptron(X, y, lr=lr, epochs=epochs)
    parts = [actual[0], np.asarray(actual[1])]
    if not (np.allclose(actual[0], expected[0]) and np.isclose(actual[1], expected[1])):
        telltales = {
            name: [list(replay(X, y, lr, epochs, **knobs)[:2])] for name, knobs in MISTAKES.items()
        }
        expect_parts(
            parts,
            [expected[0], expected[1]],
            [f"{what} → weights", f"{what} → bias"],
            telltales=telltales,
        )
    if actual[2] != expected[2]:
        fail("mismatch", what=f"{what} → converged", expected=expected[2], actual=actual[2])
    expect_number(actual[3], expected[3], what=f"{what} → epochs_run")
    return actual[0], actual[1]


def expect_labels(weights, bias, X, y, what):
    """The returned weights must classify every sample correctly (checked on the trusted side)."""
    z = X @ np.asarray(weights, dtype=float) + bias
    wrong = np.flatnonzero((z > 0).astype(int) != y)
    if wrong.size:
        i = int(wrong[0])
        fail_text(
            f"after {what} the perceptron misclassifies sample {i}, x = {X[i].tolist()} "
            f"(label {int(y[i])}, w·x + b = {z[i]:.4g})",
            f"после {what} перцептрон ошибается на примере {i}, x = {X[i].tolist()} "
            f"(метка {int(y[i])}, w·x + b = {z[i]:.4g})",
            "step-at-zero" if np.array_equal((z >= 0).astype(int), y) else None,
        )


@check(
    1,
    en="step(z) is 1 for z > 0 and 0 for z <= 0 (also at exactly 0)",
    ru="step(z) равна 1 при z > 0 и 0 при z <= 0 (в том числе ровно в 0)",
)
def test_step(student, reference, rng):
    z = rng.integers(-3, 4, size=(3, 5)) * rng.uniform(0.5, 2.0)
    z.flat[::4] = 0.0
    expect_array(
        student.step(z),
        reference.step(z),
        what="step(z)",
        alternatives={"step-at-zero": (z >= 0).astype(int)},
    )


@check(
    2,
    en="predict is step(X @ weights + bias), one 0/1 label per row",
    ru="predict — это step(X @ weights + bias), одна метка 0/1 на строку",
)
def test_predict(student, reference, rng):
    while True:  # until the right labels and the two mistakes' labels all differ
        X = rng.integers(-3, 4, size=(12, 3)).astype(float)
        weights = rng.integers(-2, 3, size=3).astype(float)
        bias = float(rng.choice([-2, -1, 1, 2]))
        z = X @ weights + bias
        labels = [(z > 0).astype(int), (z >= 0).astype(int), (X @ weights > 0).astype(int)]
        if all((a != b).any() for i, a in enumerate(labels) for b in labels[i + 1 :]):
            break
    expect_array(
        student.predict(weights, bias, X),
        reference.predict(weights, bias, X),
        what=f"predict(weights, bias={bias:g}, X)",
        alternatives={"step-at-zero": labels[1], "missing-bias": labels[2]},
    )


@check(
    1,
    en="train_perceptron returns (weights, bias, converged, epochs_run)",
    ru="train_perceptron возвращает (weights, bias, converged, epochs_run)",
)
def test_train_returns(student, rng):
    X, y = separable_cloud(rng, n=8)
    X = np.hstack([X, rng.integers(-2, 3, size=(8, 1))])
    expect_training(
        student.train_perceptron(X, y, lr=1.0, epochs=3),
        "train_perceptron(X (8, 3), y, lr=1, epochs=3)",
        3,
    )


@check(
    2,
    en="Two epochs on AND from zero weights follow the learning rule exactly",
    ru="Две эпохи на AND с нулевых весов точно следуют правилу обучения",
)
def test_two_epochs(student, reference):
    expect_replay(student, reference, GATE_X, GATES["AND"], lr=0.5, epochs=2)


@check(
    2,
    en="AND is learned: converges, with the exact weights of the rule",
    ru="AND выучивается: сходимость и точно те веса, что даёт правило",
)
def test_learns_and(student, reference):
    weights, bias = expect_replay(student, reference, GATE_X, GATES["AND"], lr=1.0, epochs=100)
    expect_labels(weights, bias, GATE_X, GATES["AND"], "train_perceptron(X_and, y_and)")


@check(
    1,
    en="OR is learned with the default lr and epochs",
    ru="OR выучивается с lr и epochs по умолчанию",
)
def test_learns_or(student):
    what = "train_perceptron(X_or, y_or)"
    weights, bias, converged, _ = expect_training(
        student.train_perceptron(GATE_X, GATES["OR"]), what, 2
    )
    if not converged:
        fail("mismatch", what=f"{what} → converged", expected=True, actual=converged)
    expect_labels(weights, bias, GATE_X, GATES["OR"], what)


@check(
    2,
    en="A random separable point cloud: the exact trajectory of the rule (seeded)",
    ru="Случайное линейно разделимое облако точек: точная траектория правила (с сидом)",
)
def test_random_separable(student, reference, rng):
    X, y = separable_cloud(rng)
    lr = float(rng.choice([0.25, 0.5, 1.0, 2.0]))
    weights, bias = expect_replay(student, reference, X, y, lr=lr, epochs=1000)
    expect_labels(weights, bias, X, y, f"train_perceptron(X, y, lr={lr:g}, epochs=1000)")


@check(
    2,
    en="XOR is not learned: converged is False after all the epochs",
    ru="XOR не выучивается: converged равно False после всех эпох",
)
def test_xor_does_not_converge(student, rng):
    epochs = int(rng.integers(20, 60))
    what = f"train_perceptron(X_xor, y_xor, lr=1, epochs={epochs})"
    _, _, converged, epochs_run = expect_training(
        student.train_perceptron(GATE_X, GATES["XOR"], lr=1.0, epochs=epochs), what, 2
    )
    if converged:
        fail_text(
            f"{what} returned converged=True", f"{what} вернул converged=True", "xor-separable"
        )
    expect_number(epochs_run, epochs, what=f"{what} → epochs_run")
    what = "train_perceptron(X_xor, y_xor)"
    _, _, converged, epochs_run = expect_training(
        student.train_perceptron(GATE_X, GATES["XOR"]), what, 2
    )
    if converged:
        fail_text(
            f"{what} returned converged=True", f"{what} вернул converged=True", "xor-separable"
        )
    expect_number(epochs_run, 100, what=f"{what} → epochs_run")


@check(
    2,
    en="is_linearly_separable: True for AND, OR, NAND; False for XOR, XNOR",
    ru="is_linearly_separable: True для AND, OR, NAND; False для XOR, XNOR",
)
def test_separable_gates(student):
    for gate, y in GATES.items():
        answer = student.is_linearly_separable(GATE_X, y)
        if not isinstance(answer, bool):
            fail(
                "type",
                what=f"is_linearly_separable(X, y_{gate.lower()})",
                expected="True or False",
                actual=kind_of(answer),
            )
        if answer != (gate in SEPARABLE_GATES):
            fail(
                "mismatch",
                None if gate in SEPARABLE_GATES else "xor-separable",
                what=f"is_linearly_separable(X, y_{gate.lower()})",
                expected=gate in SEPARABLE_GATES,
                actual=answer,
            )


@check(
    1,
    en="is_linearly_separable on random point clouds (seeded) and a slow separable set",
    ru="is_linearly_separable на случайных облаках точек (с сидом) и медленно разделимом наборе",
)
def test_separable_clouds(student, rng):
    for (en, ru), (X, y), expected in (
        (("a separable cloud", "линейно разделимого облака"), separable_cloud(rng), True),
        (("an XOR-shaped cloud", "облака в форме XOR"), xor_cloud(rng), False),
        (
            (
                "a separable set that needs about 210 epochs",
                "линейно разделимого набора, которому нужно около 210 эпох",
            ),
            (SLOW_X, SLOW_Y),
            True,
        ),
    ):
        answer = student.is_linearly_separable(X, y)
        if answer is not expected:
            fail_text(
                f"is_linearly_separable(X, y) for {en} returned {answer!r}, expected {expected}",
                f"is_linearly_separable(X, y) для {ru} вернул {answer!r}, ожидалось {expected}",
                None if expected else "xor-separable",
            )
