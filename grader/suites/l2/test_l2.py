"""Hidden checks for exercises/l2.py: the L2 penalty lam * sum(w ** 2), its gradient, weight decay.

The convention is Keras' regularizers.l2(lam) from the course notes: no factor 1/2, biases (keys
starting with "b") are not penalised.
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_inputs_unchanged,
    expect_number,
    expect_parts,
    fail,
    fail_text,
    kind_of,
    pick_alternatives,
)

COURSE_PARAMS = {"W": np.array([[1.0, 2.0], [3.0, -4.0]]), "b": np.array([5.0, 5.0])}


def network(rng, n_input=3, n_hidden=4, n_output=2):
    return {
        "W1": rng.normal(size=(n_input, n_hidden)),
        "b1": rng.normal(size=n_hidden),
        "W2": rng.normal(size=(n_hidden, n_output)),
        "b2": rng.normal(size=n_output),
    }


def is_bias(name):
    return name.startswith("b")


def penalty_telltales(params, lam):
    """Penalties that known mistakes give: misconception -> values."""
    weights = [w for name, w in params.items() if not is_bias(name)]
    squares = sum(np.sum(w**2) for w in weights)
    everything = sum(np.sum(w**2) for w in params.values())
    return {
        "l2-penalises-bias": [lam * everything, lam / 2 * everything],
        "l2-factor": [lam / 2 * squares, 2 * lam * squares],
        "l2-norm-not-squared": [
            lam * np.sqrt(squares),
            lam * sum(np.sqrt(np.sum(w**2)) for w in weights),
        ],
        "l2-mean": [
            lam * sum(np.mean(w**2) for w in weights),
            lam * np.mean(np.concatenate([w.ravel() for w in weights]) ** 2),
        ],
        "l2-sign": [-lam * squares],
    }


def decay(params, lam, factor=2.0, biases=False):
    """factor * lam * w for every weight (and every bias if `biases`), zeros elsewhere."""
    return {
        name: factor * lam * w if biases or not is_bias(name) else np.zeros_like(w)
        for name, w in params.items()
    }


def gradient_telltales(params, lam):
    """Gradients of the penalty that known mistakes give: misconception -> dicts."""
    return {
        "l2-factor": [decay(params, lam, 1.0), decay(params, lam, 4.0)],
        "l2-sign": [decay(params, lam, -2.0)],
        "l2-penalises-bias": [decay(params, lam, 2.0, True), decay(params, lam, 1.0, True)],
    }


def step_telltales(params, grads, lr, lam):
    """New parameters that known mistakes give: one step with each wrong penalty gradient."""
    return {
        misconception: [
            {name: params[name] - lr * (grads[name] + d[name]) for name in params} for d in options
        ]
        for misconception, options in gradient_telltales(params, lam).items()
    }


def expect_param_dict(actual, expected, what, telltales=None):
    """`actual` must be a dict with the keys and shapes of `expected`; compare key by key."""
    if not isinstance(actual, dict):
        fail(
            "type",
            what=what,
            expected=f"a dict with keys {', '.join(expected)}",
            actual=kind_of(actual),
        )
    if sorted(map(str, actual)) != sorted(expected):
        fail(
            "mismatch",
            what=f"the keys of {what}",
            expected=sorted(expected),
            actual=sorted(map(str, actual)),
        )
    names = list(expected)
    expect_parts(
        [actual[name] for name in names],
        [expected[name] for name in names],
        [f"{what}['{name}']" for name in names],
        telltales={
            misconception: [[option[name] for name in names] for option in options]
            for misconception, options in (telltales or {}).items()
        },
    )


def expect_penalty(student, reference, params, lam, what):
    actual = student.l2_penalty(params, lam)
    expect_number(
        actual,
        reference.l2_penalty(params, lam),
        what=what,
        alternatives=pick_alternatives(actual, penalty_telltales(params, lam)),
    )


@check(
    1,
    en="The penalty of W = [[1, 2], [3, -4]] with lam = 0.01 is 0.01 * 30 = 0.3",
    ru="Штраф для W = [[1, 2], [3, -4]] при lam = 0.01 равен 0.01 * 30 = 0.3",
)
def test_penalty_example(student, reference):
    expect_penalty(
        student,
        reference,
        COURSE_PARAMS,
        0.01,
        "l2_penalty({'W': [[1, 2], [3, -4]], 'b': [5, 5]}, lam=0.01)",
    )


@check(
    2,
    en="The penalty of a network's parameters: weights only",
    ru="Штраф для параметров сети: только веса",
)
def test_penalty_network(student, reference, rng):
    lam = float(rng.uniform(0.001, 0.1))
    expect_penalty(
        student, reference, network(rng), lam, f"l2_penalty({{W1, b1, W2, b2}}, lam={lam:.4g})"
    )


@check(
    1,
    en='Biases are recognised by name: every key starting with "b"',
    ru='Смещения распознаются по имени: все ключи, начинающиеся с "b"',
)
def test_bias_names(student, reference, rng):
    params = {
        "kernel": rng.normal(size=(2, 3)),
        "bias": rng.normal(size=3),
        "W_out": rng.normal(size=(3, 1)),
        "b_out": rng.normal(size=1),
    }
    expect_penalty(
        student, reference, params, 0.05, "l2_penalty({kernel, bias, W_out, b_out}, lam=0.05)"
    )


@check(
    2,
    en="l2_gradient: 2 * lam * w for weights, zeros for biases",
    ru="l2_gradient: 2 * lam * w для весов, нули для смещений",
)
def test_gradient(student, reference, rng):
    params, lam = network(rng), float(rng.uniform(0.001, 0.1))
    expect_param_dict(
        student.l2_gradient(params, lam),
        reference.l2_gradient(params, lam),
        f"l2_gradient(params, lam={lam:.4g})",
        gradient_telltales(params, lam),
    )


@check(
    1,
    en="l2_gradient agrees with the slope of your l2_penalty",
    ru="l2_gradient согласован с наклоном вашей l2_penalty",
)
def test_gradient_matches_penalty(student, reference, rng):
    params, lam, step = network(rng, 2, 3, 1), 0.1, 1e-5
    gradient = student.l2_gradient(params, lam)
    numeric = {}
    for name, w in params.items():
        numeric[name] = np.zeros_like(w)
        for index in np.ndindex(w.shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[name][index] += step
            up = student.l2_penalty(shifted, lam)
            shifted[name][index] -= 2 * step
            down = student.l2_penalty(shifted, lam)
            if not all(isinstance(v, (int, float)) for v in (up, down)):
                fail(
                    "type",
                    what="l2_penalty(params, lam)",
                    expected="a number",
                    actual=kind_of(up if not isinstance(up, (int, float)) else down),
                )
            numeric[name][index] = (up - down) / (2 * step)
    # A right gradient disagrees with a wrong penalty: name the penalty's mistake then.
    value = student.l2_penalty(params, lam)
    telltales = {
        "l2-factor": [
            {k: v * 2 for k, v in numeric.items()},
            {k: v / 2 for k, v in numeric.items()},
        ],
        "l2-sign": [{k: -v for k, v in numeric.items()}],
    }
    for misconception, values in penalty_telltales(params, lam).items():
        if isinstance(value, (int, float)) and any(np.isclose(value, v, rtol=1e-6) for v in values):
            telltales.setdefault(misconception, []).append(reference.l2_gradient(params, lam))
    expect_param_dict(
        gradient,
        numeric,
        "the slope of your l2_penalty (finite differences) against l2_gradient(params, 0.1)",
        telltales,
    )


@check(
    2,
    en="sgd_step_with_l2: w - lr * (grad + 2 * lam * w); biases without decay",
    ru="sgd_step_with_l2: w - lr * (grad + 2 * lam * w); смещения без затухания",
)
def test_step(student, reference, rng):
    params, lr, lam = network(rng), 0.1, float(rng.uniform(0.01, 0.1))
    grads = {name: rng.normal(size=w.shape) for name, w in params.items()}
    expect_param_dict(
        student.sgd_step_with_l2(params, grads, lr, lam),
        reference.sgd_step_with_l2(params, grads, lr, lam),
        f"sgd_step_with_l2(params, grads, lr={lr}, lam={lam:.4g})",
        step_telltales(params, grads, lr, lam),
    )


@check(
    1,
    en="Weight decay: with zero loss gradients a step multiplies weights by 1 - 2*lr*lam",
    ru="Затухание весов: при нулевых градиентах потерь шаг умножает веса на 1 - 2*lr*lam",
)
def test_weight_decay(student, reference, rng):
    params, lr, lam = network(rng), 0.5, 0.1
    zeros = {name: np.zeros_like(w) for name, w in params.items()}
    actual = student.sgd_step_with_l2(params, zeros, lr, lam)
    if isinstance(actual, dict) and all(
        isinstance(actual.get(name), np.ndarray) and actual[name].shape == w.shape
        for name, w in params.items()
        if not is_bias(name)
    ):
        grown = [
            name
            for name, w in params.items()
            if not is_bias(name) and np.sum(actual[name] ** 2) > np.sum(w**2)
        ]
        if grown:
            fail_text(
                f"with zero loss gradients, sgd_step_with_l2(..., lr={lr}, lam={lam}) made "
                f"{grown[0]} larger; weight decay must shrink the weights",
                f"при нулевых градиентах потерь sgd_step_with_l2(..., lr={lr}, lam={lam}) "
                f"увеличил {grown[0]}; затухание весов должно уменьшать веса",
                "l2-sign",
            )
    expect_param_dict(
        actual,
        reference.sgd_step_with_l2(params, zeros, lr, lam),
        f"sgd_step_with_l2(params, zero grads, lr={lr}, lam={lam})",
        step_telltales(params, zeros, lr, lam),
    )


@check(
    1,
    en="lam = 0: no penalty, zero gradients, plain gradient descent",
    ru="lam = 0: штрафа нет, градиенты нулевые, обычный градиентный спуск",
)
def test_lam_zero(student, reference, rng):
    params = network(rng)
    grads = {name: rng.normal(size=w.shape) for name, w in params.items()}
    expect_number(student.l2_penalty(params, 0.0), 0.0, what="l2_penalty(params, lam=0)")
    expect_param_dict(
        student.l2_gradient(params, 0.0),
        reference.l2_gradient(params, 0.0),
        "l2_gradient(params, lam=0)",
    )
    expect_param_dict(
        student.sgd_step_with_l2(params, grads, 0.1, 0.0),
        reference.sgd_step_with_l2(params, grads, 0.1, 0.0),
        "sgd_step_with_l2(params, grads, lr=0.1, lam=0)",
    )


@check(1, en="The inputs are left unchanged", ru="Входные данные не изменяются")
def test_inputs_unchanged(student, rng):
    params = network(rng)
    grads = {name: rng.normal(size=w.shape) for name, w in params.items()}
    expect_inputs_unchanged(student, "l2_penalty", params, 0.1, names=("params",))
    expect_inputs_unchanged(student, "l2_gradient", params, 0.1, names=("params",))
    expect_inputs_unchanged(
        student, "sgd_step_with_l2", params, grads, 0.1, 0.1, names=("params", "grads")
    )
