"""Hidden checks for exercises/rnn.py: a tanh RNN cell and its forward pass over a sequence.

Dimensions are chosen different from each other (T, batch, n_in, n_hidden) so that a wrong
shape tells which axes were mixed up; a check with n_in == n_hidden recognises swapped weights.
"""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_inputs_unchanged,
    fail,
    fail_text,
    kind_of,
    pick_alternatives,
)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def layer(rng, n_in, n_hidden):
    """Weights Wx (n_in, n_hidden), Wh (n_hidden, n_hidden) and bias b (n_hidden,)."""
    return (
        rng.normal(scale=0.6, size=(n_in, n_hidden)),
        rng.normal(scale=0.6, size=(n_hidden, n_hidden)),
        rng.normal(scale=0.5, size=n_hidden),
    )


def cell(x, h, Wx, Wh, b, activation=np.tanh, swapped=False, bias=True):
    """One step, optionally with a known mistake."""
    z = x @ Wh + h @ Wx if swapped else x @ Wx + h @ Wh
    return activation(z + b if bias else z)


def run(X, h0, Wx, Wh, b, carry=True, **mistake):
    """Every hidden state; without `carry` each step starts again from h0."""
    h, states = h0, []
    for x in X:
        h = cell(x, h if carry else h0, Wx, Wh, b, **mistake)
        states.append(h)
    return np.stack(states)


def identity(z):
    return z


CELL_MISTAKES = {
    "rnn-sigmoid": {"activation": sigmoid},
    "rnn-no-activation": {"activation": identity},
    "rnn-missing-bias": {"bias": False},
}


def cell_mistakes(Wx, Wh):
    """Mistakes of the cell that can show; swapped weights only run when n_in == n_hidden."""
    swapped = {"rnn-weights-swapped": {"swapped": True}} if Wx.shape == Wh.shape else {}
    return {**CELL_MISTAKES, **swapped}


def cell_telltales(x, h, Wx, Wh, b):
    return {
        misconception: [cell(x, h, Wx, Wh, b, **mistake)]
        for misconception, mistake in cell_mistakes(Wx, Wh).items()
    }


def forward_telltales(X, h0, Wx, Wh, b):
    H = run(X, h0, Wx, Wh, b)
    found = {
        "rnn-state-not-carried": [run(X, h0, Wx, Wh, b, carry=False)],
        "rnn-ignores-h0": [run(X, np.zeros_like(h0), Wx, Wh, b)],
        "rnn-includes-h0": [np.concatenate([h0[None], H]), np.concatenate([h0[None], H[:-1]])],
        "rnn-last-state-only": [H[-1]],
        "rnn-time-batch-swapped": [H.transpose(1, 0, 2)],
    }
    if X.shape[0] == X.shape[1]:  # a batch-first reading of X then still runs
        found["rnn-time-batch-swapped"].append(
            run(X.transpose(1, 0, 2), h0, Wx, Wh, b).transpose(1, 0, 2)
        )
    found.update(
        {
            misconception: [run(X, h0, Wx, Wh, b, **mistake)]
            for misconception, mistake in cell_mistakes(Wx, Wh).items()
        }
    )
    return found


def shape_telltales(T, batch, n_hidden):
    return {
        (batch, n_hidden): "rnn-last-state-only",
        (batch, T, n_hidden): "rnn-time-batch-swapped",
        (T + 1, batch, n_hidden): "rnn-includes-h0",
    }


def sequence(rng, T, batch, n_in, n_hidden):
    return (
        rng.normal(size=(T, batch, n_in)),
        rng.normal(scale=0.5, size=(batch, n_hidden)),
        *layer(rng, n_in, n_hidden),
    )


def expect_step(student, reference, x, h, Wx, Wh, b):
    actual = student.rnn_step(x, h, Wx, Wh, b)
    return expect_array(
        actual,
        reference.rnn_step(x, h, Wx, Wh, b),
        what=f"rnn_step(x_t {x.shape}, h_prev {h.shape}, Wx, Wh, b)",
        alternatives=pick_alternatives(actual, cell_telltales(x, h, Wx, Wh, b)),
    )


def expect_forward(student, reference, X, h0, Wx, Wh, b):
    actual = student.rnn_forward(X, h0, Wx, Wh, b)
    T, batch, _ = X.shape
    return expect_array(
        actual,
        reference.rnn_forward(X, h0, Wx, Wh, b),
        what=f"rnn_forward(X {X.shape}, h0 {h0.shape}, Wx, Wh, b)",
        alternatives=pick_alternatives(actual, forward_telltales(X, h0, Wx, Wh, b)),
        shape_misconceptions=shape_telltales(T, batch, h0.shape[1]),
    )


def student_states(student, X, h0, Wx, Wh, b):
    """The student's H, which must at least have the shape (T, batch, n_hidden)."""
    what = f"rnn_forward(X {X.shape}, h0 {h0.shape}, Wx, Wh, b)"
    H = student.rnn_forward(X, h0, Wx, Wh, b)
    shape = (X.shape[0], *h0.shape)
    if not isinstance(H, np.ndarray):
        fail("type", what=what, expected=f"an ndarray of shape {shape}", actual=kind_of(H))
    if H.shape != shape:
        fail(
            "shape",
            shape_telltales(X.shape[0], X.shape[1], h0.shape[1]).get(H.shape),
            what=what,
            expected=shape,
            actual=H.shape,
        )
    return H


@check(
    2,
    en="rnn_step computes tanh(x_t @ Wx + h_prev @ Wh + b)",
    ru="rnn_step вычисляет tanh(x_t @ Wx + h_prev @ Wh + b)",
)
def test_step(student, reference, rng):
    x, h = rng.normal(size=(3, 4)), rng.normal(scale=0.5, size=(3, 5))
    expect_step(student, reference, x, h, *layer(rng, 4, 5))


@check(
    1,
    en="rnn_step with n_in = n_hidden: Wx multiplies the input, Wh the state",
    ru="rnn_step при n_in = n_hidden: Wx умножается на вход, Wh — на состояние",
)
def test_step_square(student, reference, rng):
    x, h = rng.normal(size=(2, 4)), rng.normal(scale=0.5, size=(2, 4))
    expect_step(student, reference, x, h, *layer(rng, 4, 4))


@check(
    1,
    en="rnn_step for a single sequence: 1-D x_t and h_prev",
    ru="rnn_step для одной последовательности: одномерные x_t и h_prev",
)
def test_step_single(student, reference, rng):
    x, h = rng.normal(size=3), rng.normal(scale=0.5, size=5)
    expect_step(student, reference, x, h, *layer(rng, 3, 5))


@check(
    3,
    en="rnn_forward returns every hidden state of the sequence",
    ru="rnn_forward возвращает все скрытые состояния последовательности",
)
def test_forward(student, reference, rng):
    expect_forward(student, reference, *sequence(rng, 5, 3, 4, 6))


@check(
    1,
    en="H has shape (T, batch, n_hidden): time first, every step, h0 not included",
    ru="H имеет форму (T, batch, n_hidden): сначала время, все шаги, без h0",
)
def test_forward_shape(student, rng):
    student_states(student, *sequence(rng, 7, 2, 3, 4))


@check(
    1,
    en="The hidden state is carried: the first input still changes the last state",
    ru="Скрытое состояние передаётся: первый вход влияет на последнее состояние",
)
def test_state_carried(student, rng):
    X, h0, Wx, Wh, b = sequence(rng, 6, 3, 4, 5)
    changed = X.copy()
    changed[0] += 1.0
    first = student_states(student, X, h0, Wx, Wh, b)
    second = student_states(student, changed, h0, Wx, Wh, b)
    if np.allclose(first[-1], second[-1], rtol=1e-9, atol=1e-12):
        fail_text(
            "changing X[0] did not change H[-1]: the last hidden state does not depend on "
            "the start of the sequence",
            "изменение X[0] не изменило H[-1]: последнее скрытое состояние не зависит от "
            "начала последовательности",
            "rnn-state-not-carried",
        )


@check(
    1,
    en="The initial state h0 is used: H[0] = rnn_step(X[0], h0, ...)",
    ru="Начальное состояние h0 используется: H[0] = rnn_step(X[0], h0, ...)",
)
def test_h0_used(student, reference, rng):
    X, h0, Wx, Wh, b = sequence(rng, 4, 3, 2, 5)
    h0 = h0 + np.sign(h0)  # far from zero
    H = student_states(student, X, h0, Wx, Wh, b)
    expected = reference.rnn_step(X[0], h0, Wx, Wh, b)
    telltales = {
        "rnn-ignores-h0": [cell(X[0], np.zeros_like(h0), Wx, Wh, b)],
        "rnn-includes-h0": [h0],
        **cell_telltales(X[0], h0, Wx, Wh, b),
    }
    expect_array(
        H[0],
        expected,
        what="H[0] of rnn_forward(X, h0, Wx, Wh, b)",
        alternatives=pick_alternatives(H[0], telltales),
    )


@check(
    1,
    en="A sequence of length 1 gives H of shape (1, batch, n_hidden)",
    ru="Последовательность длины 1 даёт H формы (1, batch, n_hidden)",
)
def test_length_one(student, reference, rng):
    expect_forward(student, reference, *sequence(rng, 1, 4, 3, 2))


@check(
    1,
    en="A long sequence (T = 60): states stay in (-1, 1) and match",
    ru="Длинная последовательность (T = 60): состояния остаются в (-1, 1) и совпадают",
)
def test_long_sequence(student, reference, rng):
    expect_forward(student, reference, *sequence(rng, 60, 2, 3, 4))


@check(1, en="The inputs are left unchanged", ru="Входные массивы не изменяются")
def test_inputs_unchanged(student, rng):
    X, *rest = sequence(rng, 3, 2, 3, 4)
    expect_inputs_unchanged(student, "rnn_forward", X, *rest, names=("X", "h0", "Wx", "Wh", "b"))
    expect_inputs_unchanged(
        student, "rnn_step", X[0], *rest, names=("x_t", "h_prev", "Wx", "Wh", "b")
    )
