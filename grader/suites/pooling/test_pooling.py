"""Hidden checks for exercises/pooling.py: max_pool2d and avg_pool2d of a 2-D feature map."""

import numpy as np

from grader.grading.suite import (
    check,
    expect_array,
    expect_inputs_unchanged,
    expect_raises,
    fail,
    pick_alternatives,
)

EXAMPLE = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 3], [6, 2, 8, 0]], dtype=float)


def pool(x, size, stride, reduce, extra=0):
    """Trusted pooling; `extra` widens every window (clipped at the edges), as a mistake would."""
    height, width = x.shape
    out = np.zeros(((height - size) // stride + 1, (width - size) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = reduce(
                x[i * stride : i * stride + size + extra, j * stride : j * stride + size + extra]
            )
    return out


def shape_mistakes(shape, size, stride):
    """Output shapes that common mistakes produce, mapped to the misconception they show."""
    height, width = shape
    right = ((height - size) // stride + 1, (width - size) // stride + 1)
    mistakes = {
        ((height - size) // stride, (width - size) // stride): "pool-off-by-one-shape",
        ((height - size) // stride + 2, (width - size) // stride + 2): "pool-off-by-one-shape",
        (-(-height // stride), -(-width // stride)): "pool-off-by-one-shape",
        (right[1], right[0]): "pool-transposed-output",
        (height - size + 1, width - size + 1): "pool-ignored-stride",
    }
    mistakes.pop(right, None)
    return mistakes


def telltales(function, x, size, stride, expected):
    """What a student holding each misconception would return: misconception -> values."""
    step = size if stride is None else stride
    found = {"pool-transposed-output": [expected.T]}
    if step != 1:
        found["pool-stride-default" if stride is None else "pool-ignored-stride"] = [
            pool(x, size, 1, np.max if function == "max_pool2d" else np.mean)
        ]
    if function == "max_pool2d":
        found["pool-max-min"] = [pool(x, size, step, np.min)]
        found["pool-max-start-zero"] = [np.maximum(expected, 0.0)]
    else:
        found["pool-avg-window"] = [
            pool(x, size, step, np.mean, extra=1),
            pool(x, size, step, np.sum) / size,
            pool(x, size, step, np.sum),
        ]
    if x.dtype.kind in "iu":
        found["integer-output"] = [np.trunc(expected)]
    return found


def expect_pooled(student, reference, function, x, size=None, stride=None):
    """Call the student's `function` and compare with the reference, naming known mistakes.
    size=None and stride=None leave those arguments out, to check their defaults."""
    given = {
        name: value for name, value in (("size", size), ("stride", stride)) if value is not None
    }
    expected = getattr(reference, function)(x, **given)
    actual = getattr(student, function)(x, **given)
    what = f"{function}(x {x.shape}" + "".join(f", {k}={v}" for k, v in given.items()) + ")"
    size = 2 if size is None else size
    alternatives = pick_alternatives(actual, telltales(function, x, size, stride, expected))
    return expect_array(
        actual,
        expected,
        what=what,
        alternatives=alternatives,
        shape_misconceptions=shape_mistakes(x.shape, size, size if stride is None else stride),
    )


def both(student, reference, x, size=None, stride=None):
    for function in ("max_pool2d", "avg_pool2d"):
        expect_pooled(student, reference, function, x, size, stride)


@check(
    2,
    en="max_pool2d(x) of a 4×4 map (default 2×2 windows): the maximum of each quarter",
    ru="max_pool2d(x) карты 4×4 (по умолчанию окна 2×2): максимум каждой четверти",
)
def test_max_example(student, reference):
    expect_pooled(student, reference, "max_pool2d", EXAMPLE)


@check(
    2,
    en="avg_pool2d(x) of a 4×4 map (default 2×2 windows): the mean of each quarter",
    ru="avg_pool2d(x) карты 4×4 (по умолчанию окна 2×2): среднее каждой четверти",
)
def test_avg_example(student, reference):
    expect_pooled(student, reference, "avg_pool2d", EXAMPLE)


@check(
    1,
    en="Without a stride the windows do not overlap (stride = size)",
    ru="Без шага окна не перекрываются (шаг = размеру окна)",
)
def test_default_stride(student, reference, rng):
    both(student, reference, rng.normal(size=(6, 9)), size=3)


@check(2, en="Overlapping windows: size 3, stride 2", ru="Перекрывающиеся окна: размер 3, шаг 2")
def test_overlapping(student, reference, rng):
    both(student, reference, rng.normal(size=(7, 9)), size=3, stride=2)


@check(
    1, en="Stride larger than the window: size 2, stride 3", ru="Шаг больше окна: размер 2, шаг 3"
)
def test_gaps(student, reference, rng):
    both(student, reference, rng.normal(size=(8, 7)), size=2, stride=3)


@check(
    1,
    en="Leftover rows and columns that do not fill a window are dropped",
    ru="Остаток строк и столбцов, не заполняющий окно, отбрасывается",
)
def test_leftover(student, reference, rng):
    both(student, reference, rng.normal(size=(7, 5)))


@check(
    1,
    en="Size 1 copies the map; a window as large as the map gives its maximum or mean",
    ru="Размер 1 копирует карту; окно размером с карту даёт её максимум или среднее",
)
def test_extreme_windows(student, reference, rng):
    both(student, reference, rng.normal(size=(3, 4)), size=1)
    both(student, reference, rng.normal(size=(5, 5)), size=5)
    both(student, reference, rng.normal(size=(4, 6)), size=4, stride=1)


@check(1, en="Max pooling of negative values", ru="Max-пулинг отрицательных значений")
def test_negative(student, reference, rng):
    expect_pooled(student, reference, "max_pool2d", -rng.uniform(1, 9, size=(6, 6)))


@check(
    1,
    en="avg_pool2d of an integer map gives fractional means",
    ru="avg_pool2d целочисленной карты даёт дробные средние",
)
def test_integer_average(student, reference, rng):
    x = rng.integers(0, 10, size=(6, 6))
    x[:2, :2] = [[1, 2], [0, 0]]  # the first mean is 0.75
    actual = expect_pooled(student, reference, "avg_pool2d", x, size=2)
    if actual.dtype.kind != "f":
        fail("dtype", "integer-output", what="avg_pool2d(x, 2)", actual=str(actual.dtype))


@check(1, en="Invalid arguments raise ValueError", ru="Недопустимые аргументы вызывают ValueError")
def test_invalid_arguments(student, rng):
    x = rng.normal(size=(4, 6))
    expect_raises(
        student.max_pool2d, x, 5, error="ValueError", why="a 5×5 window does not fit into 4 rows"
    )
    expect_raises(
        student.avg_pool2d,
        x.T,
        5,
        error="ValueError",
        why="a 5×5 window does not fit into 4 columns",
    )
    expect_raises(student.max_pool2d, x, 2, 0, error="ValueError", why="stride must be at least 1")
    expect_raises(
        student.avg_pool2d, x, 0, 1, error="ValueError", why="the window size must be at least 1"
    )


@check(1, en="The input is left unchanged", ru="Входной массив не изменяется")
def test_input_unchanged(student, rng):
    x = rng.normal(size=(6, 6))
    for function in ("max_pool2d", "avg_pool2d"):
        expect_inputs_unchanged(student, function, x, 2, 2, names=("x",))


@check(
    1, en="Random sizes and strides (seeded)", ru="Случайные размеры и шаги (с фиксированным сидом)"
)
def test_random_cases(student, reference, rng):
    for _ in range(4):
        size, stride = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        x = rng.normal(size=(size + int(rng.integers(0, 8)), size + int(rng.integers(0, 8))))
        both(student, reference, x, size, stride)
