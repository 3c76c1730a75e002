"""Hidden checks for exercises/adam.py: an Adam optimizer whose state persists across steps.

The student's optimizer lives in the sandboxed child (`student.create("Adam", ...)`); every
trajectory is compared with the reference solution, and a wrong one with trajectories that known
mistakes produce, computed here by `simulate` (trusted code).
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_parts,
    fail,
    fail_text,
    kind_of,
    remembered,
)

# Each known mistake as options of `simulate`.
MISTAKES = {
    "adam-moments-reinitialised": {"reset": True},
    "adam-no-bias-correction": {"correction": "none"},
    "adam-bias-correction-power": {"correction": "beta"},
    "adam-eps-inside-sqrt": {"eps_inside": True},
    "adam-step-counter-late": {"late_counter": True},
}


def step_gradient(grads, w, k):
    """Step k's gradient: grads[k] of a fixed sequence, or a * (w - c), the gradient of
    f(w) = 0.5 * sum(a * (w - c) ** 2), for grads = ("quadratic", a, c)."""
    if isinstance(grads, tuple) and isinstance(grads[0], str) and grads[0] == "quadratic":
        return grads[1] * (w - grads[2])
    return grads[k]


@remembered
def simulate(
    w0,
    grads,
    steps,
    lr=0.001,
    beta1=0.9,
    beta2=0.999,
    eps=1e-8,
    *,
    reset=False,
    correction="power",
    eps_inside=False,
    late_counter=False,
):
    """Adam's weights after each step, with the given mistakes; `grads` as in `step_gradient`."""
    w, m, v, t = np.array(w0, dtype=float), 0.0, 0.0, 0
    out = []
    with np.errstate(all="ignore"):
        for k in range(steps):
            g = np.asarray(step_gradient(grads, w, k), dtype=float)
            if reset:  # the course notes' adam_optimizer: fresh m, v, t on every call
                m, v, t = 0.0, 0.0, 0
            t += 0 if late_counter else 1
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g**2
            power = {"power": t, "beta": 1, "none": None}[correction]
            m_hat = m if power is None else m / (1 - beta1**power)
            v_hat = v if power is None else v / (1 - beta2**power)
            denominator = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
            w = w - lr * m_hat / denominator
            t += 1 if late_counter else 0
            out.append(w)
    return out


def gradients(rng, shape, scale=1.0):
    """Random gradients of size scale * [0.5, 2]: away from 0, so that eps matters only where a
    check means it to (eps inside or outside the square root differ when gradients are tiny)."""
    return scale * rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    with np.errstate(all="ignore"):
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-8, equal_nan=True))


def describe(hyper):
    return "Adam(" + ", ".join(f"{k}={v}" for k, v in hyper.items()) + ")"


def student_run(student, w0, grads, steps, hyper):
    """Weights after each step of the student's Adam; `w = opt.step(w, g)` as in training."""
    opt = student.create("Adam", **hyper)
    w, out = w0.copy(), []
    for k in range(steps):
        w = opt.step(w, step_gradient(grads, w, k))
        what = f"the value {describe(hyper)}.step(weights, grads) returned at step {k + 1}"
        if not isinstance(w, np.ndarray):
            fail("type", what=what, expected=kind_of(w0), actual=kind_of(w))
        if w.shape != w0.shape:
            fail("shape", what=what, expected=w0.shape, actual=w.shape)
        out.append(w)
    return out


def reference_run(reference, w0, grads, steps, hyper):
    opt = reference.Adam(**hyper)
    w, out = w0.copy(), []
    for k in range(steps):
        w = opt.step(w, step_gradient(grads, w, k))
        out.append(w.copy())
    return out


def expect_trajectory(actual, expected, w0, grads, hyper):
    """Compare step by step; a whole trajectory that matches a known mistake names it."""
    expect_parts(
        actual,
        expected,
        [f"the weights after step {k} of {describe(hyper)}" for k in range(1, len(expected) + 1)],
        telltales={
            name: [simulate(w0, grads, len(expected), **hyper, **options)]
            for name, options in MISTAKES.items()
        },
    )


def check_steps(student, reference, w0, grads, **hyper):
    """Run the student's and the reference Adam over fixed gradients and compare."""
    expected = reference_run(reference, w0, grads, len(grads), hyper)
    actual = student_run(student, w0, grads, len(grads), hyper)
    expect_trajectory(actual, expected, w0, grads, hyper)


@check(
    1,
    en="The first step moves each weight by about lr, against its gradient",
    ru="Первый шаг сдвигает каждый вес примерно на lr против его градиента",
)
def test_first_step(student, reference, rng):
    check_steps(student, reference, rng.normal(size=6), [gradients(rng, 6)], lr=0.01)


@check(1, en="Every instance keeps its own state", ru="Каждый экземпляр хранит своё состояние")
def test_instances_independent(student, reference, rng):
    # Second, with the first check's shape: state wrongly kept in the class (from the first
    # check) then still broadcasts, and the two runs below differ instead of raising.
    starts, grads = rng.normal(size=(2, 6)), gradients(rng, (2, 4, 6))
    hyper = {"lr": 0.1}
    once = student_run(student, starts[0], grads[0], 4, hyper)
    again = student_run(student, starts[0], grads[0], 4, hyper)
    if not all(map(same, once, again)):
        fail_text(
            "two new Adam(lr=0.1) instances given the same weights and gradients moved "
            "the weights differently: the second one remembered the first one's steps",
            "два новых экземпляра Adam(lr=0.1) с одинаковыми весами и градиентами "
            "сдвинули веса по-разному: второй помнил шаги первого",
            "adam-shared-state",
        )
    first, second = student.create("Adam", **hyper), student.create("Adam", **hyper)
    weights, actual = [starts[0].copy(), starts[1].copy()], [[], []]
    for k in range(4):  # stepped in turn, as in training with two parameter arrays
        for i, opt in enumerate((first, second)):
            weights[i] = opt.step(weights[i], grads[i][k])
            actual[i].append(weights[i])
    for i in (0, 1):
        expect_trajectory(
            actual[i],
            reference_run(reference, starts[i], grads[i], 4, hyper),
            starts[i],
            grads[i],
            hyper,
        )


@check(
    3,
    en="Eight steps with the default hyper-parameters follow the reference trajectory",
    ru="Восемь шагов с гиперпараметрами по умолчанию совпадают с эталонной траекторией",
)
def test_trajectory(student, reference, rng):
    check_steps(student, reference, rng.normal(size=(3, 4)), gradients(rng, (8, 3, 4)))


@check(
    1,
    en="Hyper-parameters lr, beta1, beta2 and eps are used",
    ru="Гиперпараметры lr, beta1, beta2 и eps используются",
)
def test_hyperparameters(student, reference, rng):
    check_steps(
        student,
        reference,
        rng.normal(size=5),
        gradients(rng, (5, 5)),
        lr=0.05,
        beta1=0.8,
        beta2=0.99,
        eps=1e-6,
    )


@check(
    1,
    en="Momentum: after five steps with gradient g, a step with -g still goes the old way",
    ru="Инерция: после пяти шагов с градиентом g шаг с -g всё ещё идёт в прежнюю сторону",
)
def test_moments_accumulate(student, reference, rng):
    g = gradients(rng, 4)
    check_steps(student, reference, rng.normal(size=4), [g] * 5 + [-g], lr=0.1)


@check(
    2,
    en="step updates the weights in place and returns them; grads are left unchanged",
    ru="step обновляет веса на месте и возвращает их; grads не изменяются",
)
def test_in_place(student, reference, rng):
    weights, grads = rng.normal(size=(2, 3)), gradients(rng, (2, 3))
    expected = reference.Adam(lr=0.1).step(weights.copy(), grads)
    mistakes = {
        name: simulate(weights, [grads], 1, lr=0.1, **options)[0]
        for name, options in MISTAKES.items()
    }
    opt = student.create("Adam", lr=0.1)
    value, (weights_after, grads_after) = opt.call_keeping_inputs("step", weights, grads)
    if not isinstance(value, np.ndarray):
        fail(
            "type",
            what="the value Adam(lr=0.1).step(weights, grads) returned",
            expected=kind_of(weights),
            actual=kind_of(value),
        )
    if same(weights_after, weights) and not same(value, weights):
        fail_text(
            "Adam.step returned new weights, but the array `weights` it was given did not change",
            "Adam.step вернул новые веса, но переданный ему массив `weights` не изменился",
            "adam-not-in-place",
        )
    expect_array(
        weights_after,
        expected,
        alternatives=mistakes,
        what="`weights` after Adam(lr=0.1).step(weights, grads) (the array passed in)",
    )
    expect_array(value, expected, what="the value Adam(lr=0.1).step(weights, grads) returned")
    if not np.array_equal(grads_after, grads):
        fail("modified-input", call="Adam.step", argument="grads")


@check(
    1,
    en="eps is added after the square root (gradients of size 1e-9)",
    ru="eps прибавляется после извлечения корня (градиенты порядка 1e-9)",
)
def test_eps_after_sqrt(student, reference, rng):
    grads = gradients(rng, (3, 5), scale=1e-9)
    check_steps(student, reference, rng.normal(size=5), grads, lr=0.1)


@check(
    1,
    en="A zero gradient on the first step leaves the weights unchanged (no 0/0); the next moves them",
    ru="Нулевой градиент на первом шаге не меняет веса (нет деления 0/0); следующий их сдвигает",
)
def test_zero_gradient(student, reference, rng):
    check_steps(student, reference, rng.normal(size=5), [np.zeros(5), rng.normal(size=5)], lr=0.1)


@check(
    2,
    en="Adam minimises a quadratic: 300 steps with lr=0.1 reach its minimum",
    ru="Adam минимизирует квадратичную функцию: 300 шагов с lr=0.1 приводят к минимуму",
)
def test_minimises_quadratic(student, rng):
    a, c, w0 = rng.uniform(0.5, 5.0, size=6), rng.normal(size=6), 2 * rng.normal(size=6)
    quadratic = ("quadratic", a, c)
    final = student_run(student, w0, quadratic, 300, {"lr": 0.1})[-1]
    distance = float(np.max(np.abs(final - c))) if final.shape == c.shape else np.inf
    if not distance < 1e-3:
        named = next(
            (
                name
                for name, options in MISTAKES.items()
                if same(final, simulate(w0, quadratic, 300, lr=0.1, **options)[-1])
            ),
            None,
        )
        fail_text(
            f"after 300 steps of Adam(lr=0.1) on f(w) = 0.5 * sum(a * (w - c)**2) the "
            f"weights are {distance:.3g} away from the minimum w = c (expected < 0.001)",
            f"после 300 шагов Adam(lr=0.1) на f(w) = 0.5 * sum(a * (w - c)**2) веса "
            f"находятся на расстоянии {distance:.3g} от минимума w = c (ожидалось "
            f"< 0.001)",
            named,
        )
