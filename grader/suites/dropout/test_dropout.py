"""Hidden checks for exercises/dropout.py: inverted dropout, forward and backward.

The mask recipe is part of the contract (np.random.default_rng(seed).random(x.shape) >= p), so
the grader replays it here; the statistical check uses a fixed seed and a 100 000-element input,
where chance deviations are far below its tolerance.
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_inputs_unchanged,
    expect_raises,
    fail,
    fail_text,
    kind_of,
    pick_alternatives,
)

STATISTICS_SEED = 2024


def call(x, p, train=True, seed=0):
    return f"dropout_forward(x {x.shape}, p={p}, train={train}, seed={seed})"


def student_forward(student, x, p, train=True, seed=0, *, defaults=False):
    """The student's (out, mask), checked for form; the mask comes back as a bool array.
    With `defaults`, train and seed are left out of the call."""
    if defaults:
        what, result = f"dropout_forward(x {x.shape}, p={p})", student.dropout_forward(x, p)
    else:
        what = call(x, p, train, seed)
        result = student.dropout_forward(x, p, train=train, seed=seed)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("type", what=what, expected="a pair (out, mask)", actual=kind_of(result))
    out, mask = result
    for name, value in (("out", out), ("mask", mask)):
        if not isinstance(value, np.ndarray):
            fail(
                "type",
                what=f"{name} of {what}",
                expected=f"an ndarray of shape {x.shape}",
                actual=kind_of(value),
            )
        if value.shape != x.shape:
            fail("shape", what=f"{name} of {what}", expected=x.shape, actual=value.shape)
    if mask.dtype.kind not in "biuf" or not np.isin(mask, (0, 1)).all():
        fail_text(
            f"the mask of {what} should hold True/False values, got {mask.dtype} values "
            f"such as {mask.flat[0]!r}",
            f"маска {what} должна состоять из True/False, а получены значения {mask.dtype}, "
            f"например {mask.flat[0]!r}",
        )
    if out.dtype.kind == "f":
        out = tidy(out)
    return out, mask.astype(bool)


def replay(x, p, seed):
    """The uniform numbers behind the mask, and the mistakes made with them."""
    r = np.random.default_rng(seed).random(x.shape)
    keep_masks = [r < p, r >= 1 - p]
    return (
        r >= p,
        {
            "dropout-not-inverted": [x * (r >= p)],
            "dropout-keep-probability": [x * m / s for m in keep_masks for s in (p, 1 - p, 1) if s],
        },
        keep_masks,
    )


def tidy(values):
    """-0.0 (a negative value times False) shown as 0, for readable feedback."""
    return np.asarray(values, dtype=float) + 0.0


@check(
    2,
    en="Training: the mask follows the recipe and kept values are scaled by 1/(1-p)",
    ru="Обучение: маска строится по рецепту, оставленные значения умножаются на 1/(1-p)",
)
def test_training_forward(student, reference, rng):
    x, p, seed = rng.normal(size=(4, 6)), 0.3, int(rng.integers(0, 10_000))
    out, mask = student_forward(student, x, p, seed=seed)
    expected_out, expected_mask = reference.dropout_forward(x, p, seed=seed)
    _, mistakes, keep_masks = replay(x, p, seed)
    expect_array(
        out,
        tidy(expected_out),
        what=f"out of {call(x, p, True, seed)}",
        alternatives=pick_alternatives(out, mistakes),
    )
    expect_array(
        mask.astype(float),
        expected_mask.astype(float),
        what=f"mask of {call(x, p, True, seed)}",
        alternatives=pick_alternatives(mask, {"dropout-keep-probability": keep_masks}),
    )


@check(
    2,
    en="out = x * mask / (1 - p) with your own mask",
    ru="out = x * mask / (1 - p) с вашей собственной маской",
)
def test_scaled_by_mask(student, rng):
    x, p, seed = rng.uniform(1, 2, size=(5, 8)), 0.4, int(rng.integers(0, 10_000))
    out, mask = student_forward(student, x, p, seed=seed)
    mistakes = {"dropout-not-inverted": [x * mask], "dropout-keep-probability": [x * mask / p]}
    expect_array(
        out,
        tidy(x * mask / (1 - p)),
        what=f"out of {call(x, p, True, seed)}",
        alternatives=pick_alternatives(out, mistakes),
    )


@check(
    1,
    en="Evaluation (train=False): out = x and nothing is dropped",
    ru="Оценка (train=False): out = x, ничего не отключается",
)
def test_evaluation(student, reference, rng):
    x, p, seed = rng.normal(size=(3, 7)), 0.3, int(rng.integers(0, 10_000))
    out, mask = student_forward(student, x, p, train=False, seed=seed)
    training, _ = reference.dropout_forward(x, p, seed=seed)
    mistakes = {
        "dropout-at-eval": [training, x * (np.random.default_rng(seed).random(x.shape) >= p)],
        "dropout-not-inverted": [x * (1 - p)],
    }
    expect_array(
        out,
        x,
        what=f"out of {call(x, p, False, seed)}",
        alternatives=pick_alternatives(out, mistakes),
    )
    integers = rng.integers(-5, 6, size=(2, 3))
    out, _ = student_forward(student, integers, p, train=False, seed=seed)
    expect_array(
        out,
        integers.astype(float),
        require_float=True,
        what=f"out of {call(integers, p, False, seed)} for an integer x",
    )
    if not mask.all():
        fail_text(
            f"the mask of {call(x, p, False, seed)} drops {int((~mask).sum())} of "
            f"{mask.size} values; at evaluation it must be all True",
            f"маска {call(x, p, False, seed)} отключает {int((~mask).sum())} из "
            f"{mask.size} значений; при оценке она должна состоять из одних True",
            "dropout-at-eval",
        )


@check(
    1,
    en="By default dropout_forward(x, p) trains (train=True) with seed=0",
    ru="По умолчанию dropout_forward(x, p) работает в режиме обучения (train=True) с seed=0",
)
def test_defaults(student, reference, rng):
    x, p = rng.normal(size=(5, 5)), 0.5
    out, mask = student_forward(student, x, p, defaults=True)
    expected_out, expected_mask = reference.dropout_forward(x, p)
    _, mistakes, _ = replay(x, p, 0)
    expect_array(
        out,
        tidy(expected_out),
        what="out of dropout_forward(x, p=0.5)",
        alternatives=pick_alternatives(out, mistakes),
    )
    expect_array(
        mask.astype(float), expected_mask.astype(float), what="mask of dropout_forward(x, p=0.5)"
    )


@check(
    1,
    en="The same seed gives the same mask, another seed another mask",
    ru="Один и тот же сид даёт ту же маску, другой сид — другую",
)
def test_seeded(student, rng):
    x = rng.normal(size=(6, 6))
    _, first = student_forward(student, x, 0.5, seed=1)
    _, again = student_forward(student, x, 0.5, seed=1)
    _, other = student_forward(student, x, 0.5, seed=2)
    if not np.array_equal(first, again):
        fail_text(
            "two calls with seed=1 gave different masks: make the mask with "
            "np.random.default_rng(seed), not with the global np.random",
            "два вызова с seed=1 дали разные маски: стройте маску с помощью "
            "np.random.default_rng(seed), а не глобального np.random",
        )
    if np.array_equal(first, other):
        fail_text(
            "seeds 1 and 2 gave the same mask: the seed is not used",
            "сиды 1 и 2 дали одинаковую маску: сид не используется",
        )


@check(
    2,
    en="On average dropout keeps the expected value (100 000 ones, p = 0.3)",
    ru="В среднем dropout сохраняет математическое ожидание (100 000 единиц, p = 0.3)",
)
def test_expected_value(student):
    x, p = np.ones((200, 500)), 0.3
    out, mask = student_forward(student, x, p, seed=STATISTICS_SEED)
    dropped, mean = 1.0 - float(mask.mean()), float(out.mean())
    what = call(x, p, True, STATISTICS_SEED)
    if abs(dropped - p) > 0.01:
        fail_text(
            f"{what} dropped {dropped:.1%} of the values; expected about {p:.0%}",
            f"{what} отключил {dropped:.1%} значений; ожидалось около {p:.0%}",
            "dropout-keep-probability" if abs(dropped - (1 - p)) < 0.01 else None,
        )
    if abs(mean - 1.0) > 0.02:
        fail_text(
            f"the mean of out for x = ones is {mean:.4f}; inverted dropout keeps it at "
            f"about 1 (the mean of x)",
            f"среднее out при x = единицы равно {mean:.4f}; обратный (inverted) dropout "
            f"сохраняет его около 1 (среднего x)",
            "dropout-not-inverted" if abs(mean - (1 - p)) < 0.02 else None,
        )


@check(
    1,
    en="p = 0 keeps everything; p = 0.9 scales the kept values by 10",
    ru="p = 0 оставляет всё; p = 0.9 умножает оставленные значения на 10",
)
def test_extreme_p(student, reference, rng):
    x = rng.normal(size=(4, 5))
    for p in (0.0, 0.9):
        seed = int(rng.integers(0, 10_000))
        out, _ = student_forward(student, x, p, seed=seed)
        _, mistakes, _ = replay(x, p, seed)
        expect_array(
            out,
            tidy(reference.dropout_forward(x, p, seed=seed)[0]),
            what=f"out of {call(x, p, True, seed)}",
            alternatives=pick_alternatives(out, mistakes),
        )


def expect_backward(student, reference, dout, mask, p):
    actual = student.dropout_backward(dout, mask, p)
    mistakes = {
        "dropout-backward-mask": [dout, dout * mask, dout / (1 - p)],
        "dropout-keep-probability": [dout * mask / p] if p else [],
    }
    expect_array(
        actual,
        tidy(reference.dropout_backward(dout, mask, p)),
        what=f"dropout_backward(dout {dout.shape}, mask, p={p})",
        alternatives=pick_alternatives(actual, mistakes),
    )


@check(
    2,
    en="dropout_backward passes the gradient through the mask, scaled by 1/(1-p)",
    ru="dropout_backward пропускает градиент через маску с множителем 1/(1-p)",
)
def test_backward(student, reference, rng):
    dout = rng.normal(size=(4, 6))
    expect_backward(student, reference, dout, rng.random(dout.shape) >= 0.3, 0.3)


@check(
    1,
    en="dropout_backward for a 3-D gradient, and for p = 0",
    ru="dropout_backward для трёхмерного градиента и для p = 0",
)
def test_backward_shapes(student, reference, rng):
    dout = rng.normal(size=(2, 3, 4))
    expect_backward(student, reference, dout, rng.random(dout.shape) >= 0.5, 0.5)
    expect_backward(student, reference, dout, np.ones(dout.shape, dtype=bool), 0.0)


@check(1, en="The inputs are left unchanged", ru="Входные массивы не изменяются")
def test_inputs_unchanged(student, rng):
    x = rng.normal(size=(4, 4))
    expect_inputs_unchanged(student, "dropout_forward", x, 0.5, names=("x",))
    expect_inputs_unchanged(
        student, "dropout_backward", x, rng.random((4, 4)) >= 0.5, 0.5, names=("dout", "mask")
    )


@check(
    1,
    en="A drop probability outside [0, 1) raises ValueError",
    ru="Вероятность отключения вне [0, 1) вызывает ValueError",
)
def test_invalid_p(student, rng):
    x = rng.normal(size=(3, 3))
    for p, why in (
        (1.0, "p = 1 would drop everything and divide by 1 - p = 0"),
        (-0.1, "a probability cannot be negative"),
        (1.5, "a probability cannot exceed 1"),
    ):
        expect_raises(student.dropout_forward, x, p, error="ValueError", why=why)
