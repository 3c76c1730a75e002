"""Hidden checks for exercises/net.py: a one-hidden-layer sigmoid network trained on MSE."""

import numpy as np

from grader.grading.suite import check, expect_array, expect_number, fail, fail_text, kind_of

KEYS = ("W1", "b1", "W2", "b2")
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
XOR_SETTINGS = {"n_hidden": 4, "epochs": 1000, "lr": 10.0}


def random_params(rng, n_input=3, n_hidden=4, n_output=2):
    return {
        "W1": rng.normal(size=(n_input, n_hidden)),
        "b1": rng.normal(size=n_hidden),
        "W2": rng.normal(size=(n_hidden, n_output)),
        "b2": rng.normal(size=n_output),
    }


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def expect_params(value, what, shapes):
    """`value` must be a dict with exactly the keys W1, b1, W2, b2 and the given shapes."""
    if not isinstance(value, dict):
        fail("type", what=what, expected="a dict with keys W1, b1, W2, b2", actual=kind_of(value))
    if sorted(value) != sorted(KEYS):
        fail(
            "mismatch",
            what=f"the keys of {what}",
            expected=sorted(KEYS),
            actual=sorted(map(str, value)),
        )
    for key, shape in shapes.items():
        if not isinstance(value[key], np.ndarray):
            fail(
                "type",
                what=f"{what}['{key}']",
                expected=f"an ndarray of shape {shape}",
                actual=kind_of(value[key]),
            )
        if value[key].shape != shape:
            transposed = value[key].ndim == 2 and value[key].shape == shape[::-1]
            fail(
                "shape",
                "transposed-weights" if transposed else None,
                what=f"{what}['{key}']",
                expected=shape,
                actual=value[key].shape,
            )
    return value


def shapes_of(params):
    return {key: params[key].shape for key in KEYS}


def student_forward(student, params, X):
    result = student.forward(params, X)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(
            "type",
            what="forward(params, X)",
            expected="a pair (Y_hat, cache)",
            actual=kind_of(result),
        )
    return result


def network(params, X):
    """(H, Y_hat) of the course's network, computed here: a check that needs the output for the
    submission's own parameters must not ask `reference`, whose answers a student bundle has
    only for the inputs recorded when it was built."""
    with np.errstate(over="ignore"):
        H = sigmoid(X @ params["W1"] + params["b1"])
        return H, sigmoid(H @ params["W2"] + params["b2"])


def backward_variants(params, X, Y):
    """Gradients that recognisable mistakes produce, by misconception."""
    H, Y_hat = network(params, X)

    def grads(d_loss, output_derivative):
        d_out = d_loss * output_derivative
        d_hidden = (d_out @ params["W2"].T) * H * (1 - H)
        return {
            "W1": X.T @ d_hidden,
            "b1": d_hidden.sum(axis=0),
            "W2": H.T @ d_out,
            "b2": d_out.sum(axis=0),
        }

    d_loss = 2 * (Y_hat - Y) / Y.size
    right = Y_hat * (1 - Y_hat)
    return {
        "gradient-scale": [
            grads(d_loss / 2, right),
            grads(d_loss * Y.size, right),
            grads(d_loss * Y.size / 2, right),
        ],
        "missing-output-derivative": [grads(d_loss, 1.0)],
        "derivative-sigmoid-twice": [grads(d_loss, sigmoid(Y_hat) * (1 - sigmoid(Y_hat)))],
    }


@check(
    1,
    en="init_params returns W1, b1, W2, b2 of the right shapes",
    ru="init_params возвращает W1, b1, W2, b2 правильных форм",
)
def test_init_shapes(student):
    params = student.init_params(3, 5, 2, seed=7)
    expect_params(
        params, "init_params(3, 5, 2)", {"W1": (3, 5), "b1": (5,), "W2": (5, 2), "b2": (2,)}
    )


@check(
    1,
    en="init_params is seeded and breaks the symmetry",
    ru="init_params зависит от сида и нарушает симметрию",
)
def test_init_random(student):
    first = student.init_params(2, 4, 1, seed=3)
    again = student.init_params(2, 4, 1, seed=3)
    other = student.init_params(2, 4, 1, seed=4)
    shapes = {"W1": (2, 4), "b1": (4,), "W2": (4, 1), "b2": (1,)}
    for params in (first, again, other):
        expect_params(params, "init_params(2, 4, 1)", shapes)
    for key in ("W1", "W2"):
        if np.ptp(first[key]) == 0:
            fail_text(
                f"all values of init_params(...)['{key}'] are equal",
                f"все значения init_params(...)['{key}'] одинаковы",
                "symmetric-init",
            )
    if any(not np.array_equal(first[key], again[key]) for key in KEYS):
        fail_text(
            "init_params with the same seed gave different parameters: use "
            "np.random.default_rng(seed)",
            "init_params с одним и тем же сидом дал разные параметры: используйте "
            "np.random.default_rng(seed)",
        )
    if all(np.array_equal(first[key], other[key]) for key in KEYS):
        fail_text(
            "init_params gave the same parameters for seeds 3 and 4",
            "init_params дал одинаковые параметры для сидов 3 и 4",
        )


@check(
    2,
    en="forward computes sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)",
    ru="forward вычисляет sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)",
)
def test_forward(student, reference, rng):
    params = random_params(rng)
    X = rng.normal(size=(6, 3))
    Y_hat, _ = student_forward(student, params, X)
    H = sigmoid(X @ params["W1"] + params["b1"])
    expect_array(
        Y_hat,
        reference.forward(params, X)[0],
        what="Y_hat = forward(params, X)[0]",
        alternatives={
            "missing-bias": sigmoid(sigmoid(X @ params["W1"]) @ params["W2"]),
            "linear-output": H @ params["W2"] + params["b2"],
            "linear-hidden": sigmoid(
                (X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
            ),
        },
    )


@check(1, en="loss is the mean squared error", ru="loss — среднеквадратичная ошибка")
def test_loss(student, reference, rng):
    Y_hat = rng.uniform(size=(5, 2))
    Y = rng.integers(0, 2, size=(5, 2)).astype(float)
    squared = (Y_hat - Y) ** 2
    expect_number(
        student.loss(Y_hat, Y),
        reference.loss(Y_hat, Y),
        what="loss(Y_hat, Y)",
        alternatives={"loss-sum": squared.sum(), "half-mse": squared.mean() / 2},
    )


@check(
    1,
    en="backward returns gradients with the keys and shapes of params",
    ru="backward возвращает градиенты с ключами и формами как у params",
)
def test_backward_shapes(student, rng):
    params = random_params(rng)
    X = rng.normal(size=(5, 3))
    _, cache = student_forward(student, params, X)
    grads = student.backward(params, cache, rng.integers(0, 2, size=(5, 2)).astype(float))
    expect_params(grads, "backward(params, cache, Y)", shapes_of(params))


@check(
    3,
    en="Finite-difference check: backward matches the slope of your loss",
    ru="Проверка конечными разностями: backward согласован с наклоном вашей функции потерь",
)
def test_gradient_check(student, rng):
    params = random_params(rng, 2, 2, 1)
    X = rng.normal(size=(4, 2))
    Y = rng.integers(0, 2, size=(4, 1)).astype(float)
    _, cache = student_forward(student, params, X)
    grads = expect_params(
        student.backward(params, cache, Y), "backward(params, cache, Y)", shapes_of(params)
    )

    def student_loss(p):
        return float(student.loss(student_forward(student, p, X)[0], Y))

    step = 1e-5
    for key in KEYS:
        numeric = np.zeros_like(params[key])
        for index in np.ndindex(params[key].shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[key][index] += step
            up = student_loss(shifted)
            shifted[key][index] -= 2 * step
            numeric[index] = (up - student_loss(shifted)) / (2 * step)
        expect_array(
            grads[key],
            numeric,
            what=f"backward(...)['{key}'] vs finite differences",
            rtol=1e-3,
            atol=1e-6,
        )


@check(
    2,
    en="backward gives the exact gradients of the MSE loss",
    ru="backward даёт точные градиенты функции потерь MSE",
)
def test_backward_values(student, reference, rng):
    params = random_params(rng)
    X = rng.normal(size=(6, 3))
    Y = rng.integers(0, 2, size=(6, 2)).astype(float)
    _, cache = student_forward(student, params, X)
    grads = expect_params(
        student.backward(params, cache, Y), "backward(params, cache, Y)", shapes_of(params)
    )
    expected = reference.backward(params, reference.forward(params, X)[1], Y)
    for key in ("W2", "b2", "W1", "b1"):
        alternatives = {}
        for misconception, variants in backward_variants(params, X, Y).items():
            for variant in variants:
                if np.allclose(grads[key], variant[key], rtol=1e-6, atol=1e-10):
                    alternatives[misconception] = variant[key]
        expect_array(
            grads[key], expected[key], what=f"backward(...)['{key}']", alternatives=alternatives
        )


@check(
    1,
    en="predict returns 0/1 labels (threshold 0.5)",
    ru="predict возвращает метки 0/1 (порог 0.5)",
)
def test_predict(student, reference, rng):
    params = random_params(rng)
    X = rng.normal(size=(8, 3))
    H, _ = network(params, X)
    params["b2"] = -np.median(H @ params["W2"], axis=0)  # half the outputs on each side of 0.5
    expect_array(
        student.predict(params, X),
        reference.predict(params, X),
        what="predict(params, X)",
        alternatives={"predict-probabilities": reference.forward(params, X)[0]},
    )
    # An output of exactly 0.5 is "at least 0.5": label 1.
    flat = {**params, "W2": np.zeros_like(params["W2"]), "b2": np.zeros_like(params["b2"])}
    expect_array(
        student.predict(flat, X),
        reference.predict(flat, X),
        what="predict(params, X) where every output is exactly 0.5",
    )


@check(
    1,
    en="One epoch of train is one gradient-descent step",
    ru="Одна эпоха train — это один шаг градиентного спуска",
)
def test_train_step(student):
    lr = 0.1
    start = expect_params(
        student.init_params(2, 4, 1, seed=11),
        "init_params(2, 4, 1)",
        {"W1": (2, 4), "b1": (4,), "W2": (4, 1), "b2": (1,)},
    )
    grads = student.backward(start, student_forward(student, start, XOR_X)[1], XOR_Y)
    grads = expect_params(grads, "backward(params, cache, Y)", shapes_of(start))
    after = expect_params(
        student.train(XOR_X, XOR_Y, n_hidden=4, epochs=1, lr=lr, seed=11),
        "train(..., epochs=1)",
        shapes_of(start),
    )
    for key in KEYS:
        expect_array(
            after[key],
            start[key] - lr * grads[key],
            what=f"train(X, Y, 4, epochs=1, lr={lr}, seed=11)['{key}']",
            alternatives={"gradient-ascent": start[key] + lr * grads[key]},
        )


@check(3, en="train learns XOR to 100 % accuracy", ru="train обучает XOR до точности 100 %")
def test_train_xor(student, rng):
    seed = int(rng.integers(0, 1000))
    params = student.train(XOR_X, XOR_Y, seed=seed, **XOR_SETTINGS)
    expect_params(params, "train(...)", {"W1": (2, 4), "b1": (4,), "W2": (4, 1), "b2": (1,)})
    _, Y_hat = network(params, XOR_X)
    final = float(np.mean((Y_hat - XOR_Y) ** 2))
    accuracy = float(np.mean((Y_hat >= 0.5) == (XOR_Y >= 0.5)))
    if accuracy < 1.0:
        call = (
            "train(X_xor, Y_xor, "
            + ", ".join(f"{k}={v:g}" for k, v in {**XOR_SETTINGS, "seed": seed}.items())
            + ")"
        )
        fail_text(
            f"after {call} the accuracy on XOR is {accuracy:.0%} (loss {final:.4f}); "
            "expected 100 %",
            f"после {call} точность на XOR {accuracy:.0%} (потери {final:.4f}); ожидалось 100 %",
        )
