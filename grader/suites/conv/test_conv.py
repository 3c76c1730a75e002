"""Hidden checks for exercises/conv.py: conv2d, the cross-correlation of a CNN layer."""

import numpy as np

from grader.grading.suite import check, expect_array, expect_inputs_unchanged, expect_raises, fail

COURSE_IMAGE = np.array(
    [[1, 2, 0, 0, 3], [0, 1, 2, 3, 1], [0, 0, 1, 2, 3], [3, 2, 1, 2, 0], [1, 0, 3, 1, 2]]
)
COURSE_FILTER = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def shape_mistakes(image_shape, kernel_shape, stride=1, padding=0):
    """Output shapes that common mistakes produce, mapped to the misconception they show."""
    (h, w), (kh, kw) = image_shape, kernel_shape
    h, w = h + 2 * padding, w + 2 * padding
    right = ((h - kh) // stride + 1, (w - kw) // stride + 1)
    mistakes = {
        ((h - kh) // stride, (w - kw) // stride): "off-by-one-shape",
        ((h - kh) // stride + 2, (w - kw) // stride + 2): "off-by-one-shape",
        (right[1], right[0]): "transposed-output",
        (h - kh + 1, w - kw + 1): "ignored-stride",
        (
            (image_shape[0] - kh) // stride + 1,
            (image_shape[1] - kw) // stride + 1,
        ): "ignored-padding",
    }
    mistakes.pop(right, None)
    # An output as large as the image is "same" padding added unasked, not an off-by-one.
    if mistakes.get(tuple(image_shape)) == "off-by-one-shape":
        del mistakes[tuple(image_shape)]
    return mistakes


def expect_feature_map(student, reference, image, kernel, stride=1, padding=0):
    """Call the student's conv2d and compare with the reference, naming recognisable mistakes."""
    expected = reference.conv2d(image, kernel, stride, padding)
    # Called as students would: `conv2d(image, kernel)` relies on stride=1 and padding=0.
    options = {
        name: value
        for name, value, default in (("stride", stride, 1), ("padding", padding, 0))
        if value != default
    }
    actual = student.conv2d(image, kernel, **options)
    # Computed only for a wrong answer (each is another reference convolution).
    alternatives = {
        "flipped-kernel": lambda: reference.conv2d(image, kernel[::-1, ::-1], stride, padding),
        "transposed-output": expected.T,
        "ignored-stride": lambda: reference.conv2d(image, kernel, 1, padding),
        "ignored-padding": (lambda: reference.conv2d(image, kernel, stride, 0))
        if min(image.shape) >= max(kernel.shape)
        else None,
        # the output sized for the stride, its windows one pixel apart (the stride-1 map's
        # first cells; taking every stride-th cell of that map would be right)
        "stride-after-output": lambda: reference.conv2d(image, kernel, 1, padding)[
            : expected.shape[0], : expected.shape[1]
        ],
        "integer-output": np.trunc(expected) if image.dtype.kind == "i" else None,
    }
    what = f"conv2d(image {image.shape}, kernel {kernel.shape}, stride={stride}, padding={padding})"
    return expect_array(
        actual,
        expected,
        what=what,
        alternatives={k: v for k, v in alternatives.items() if v is not None},
        shape_misconceptions=shape_mistakes(image.shape, kernel.shape, stride, padding),
    )


@check(
    2,
    en="The course's example: 5×5 image, 3×3 filter → 3×3 feature map",
    ru="Пример из курса: изображение 5×5, фильтр 3×3 → карта признаков 3×3",
)
def test_course_example(student, reference):
    expect_feature_map(student, reference, COURSE_IMAGE, COURSE_FILTER)


@check(
    2,
    en="An asymmetric kernel is applied without flipping",
    ru="Несимметричное ядро применяется без поворота",
)
def test_asymmetric_kernel(student, reference, rng):
    image = rng.integers(-5, 6, size=(6, 7)).astype(float)
    kernel = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [4.0, 0.0, -2.0]])
    expect_feature_map(student, reference, image, kernel)


@check(
    1,
    en="Rectangular image and kernel give the right output shape",
    ru="Прямоугольные изображение и ядро дают выход правильной формы",
)
def test_rectangular(student, reference, rng):
    image = rng.normal(size=(7, 9))
    kernel = rng.normal(size=(2, 3))  # a 6×7 feature map: rows and columns differ
    expect_feature_map(student, reference, image, kernel)
    # A kernel exactly as large as the image fits once: a 1×1 feature map.
    expect_feature_map(student, reference, image[:2, :3], kernel)


@check(
    2, en="Stride 2 moves the window two pixels at a time", ru="Шаг 2 сдвигает окно на два пикселя"
)
def test_stride(student, reference, rng):
    image = rng.normal(size=(9, 8))
    kernel = rng.normal(size=(3, 3))
    expect_feature_map(student, reference, image, kernel, stride=2)


@check(2, en="Padding 1 adds a border of zeros", ru="Паддинг 1 добавляет рамку из нулей")
def test_padding(student, reference, rng):
    image = rng.normal(size=(5, 6))
    kernel = rng.normal(size=(3, 3))
    expect_feature_map(student, reference, image, kernel, padding=1)


@check(
    1,
    en="Stride and padding together (stride 3, padding 2)",
    ru="Шаг и паддинг вместе (шаг 3, паддинг 2)",
)
def test_stride_and_padding(student, reference, rng):
    image = rng.normal(size=(10, 11))
    kernel = rng.normal(size=(4, 3))
    expect_feature_map(student, reference, image, kernel, stride=3, padding=2)


@check(
    1,
    en="An integer image with a fractional kernel gives a float feature map",
    ru="Целочисленное изображение и дробное ядро дают карту признаков типа float",
)
def test_float_output(student, reference):
    kernel = np.array([[0.5, 0.25], [-0.75, 0.1]])
    actual = expect_feature_map(student, reference, COURSE_IMAGE, kernel)
    if actual.dtype.kind != "f":
        fail("dtype", "integer-output", what="conv2d(...)", actual=str(actual.dtype))


@check(1, en="The inputs are left unchanged", ru="Входные массивы не изменяются")
def test_inputs_unchanged(student, reference, rng):
    image = rng.normal(size=(6, 6))
    kernel = rng.normal(size=(3, 3))
    expect_inputs_unchanged(
        student,
        "conv2d",
        image,
        kernel,
        names=("image", "kernel"),
        expected=reference.conv2d(image, kernel, 1, 1),
        stride=1,
        padding=1,
    )


@check(1, en="Invalid arguments raise ValueError", ru="Недопустимые аргументы вызывают ValueError")
def test_invalid_arguments(student, rng):
    image = rng.normal(size=(4, 4))
    expect_raises(
        student.conv2d,
        image,
        rng.normal(size=(5, 3)),
        error="ValueError",
        why="the kernel is taller than the image",
    )
    expect_raises(
        student.conv2d,
        image,
        rng.normal(size=(3, 3)),
        stride=0,
        error="ValueError",
        why="stride must be at least 1",
    )
    expect_raises(
        student.conv2d,
        image,
        rng.normal(size=(3, 3)),
        padding=-1,
        error="ValueError",
        why="padding must not be negative",
    )


@check(
    1,
    en="Random sizes, strides and paddings (seeded)",
    ru="Случайные размеры, шаги и паддинги (с фиксированным сидом)",
)
def test_random_cases(student, reference, rng):
    for _ in range(5):
        kh, kw = rng.integers(1, 5, size=2)
        stride, padding = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        image = rng.normal(size=(int(kh + rng.integers(0, 8)), int(kw + rng.integers(0, 8))))
        expect_feature_map(student, reference, image, rng.normal(size=(kh, kw)), stride, padding)
