"""Exercise: max pooling and average pooling of a feature map (the CNN's pooling layer).

A pooling layer ("слой объединения") shrinks a feature map: a size × size window slides over it
with a step (stride) and each window is replaced by one number, its maximum (max pooling) or its
mean (average pooling). Pooling has no weights. Its parameters are the window size and the
stride; as in Keras' MaxPooling2D(pool_size=(2, 2)) from the course notes, the stride defaults to
the window size, so the windows do not overlap:

    x (4×4)            max_pool2d(x) (2×2)     avg_pool2d(x) (2×2)
    1 3 | 2 0
    4 2 | 1 5     ->     4 5              ->     2.5  2.0
    ----+----
    0 1 | 3 3            6 8                     2.25 3.5
    6 2 | 8 0

Output cell (i, j) reads the window x[i*stride : i*stride + size, j*stride : j*stride + size];
windows that would stick out past the bottom or right edge are dropped.

Grade your work with:  grade submit exercises/pooling.py
"""

import numpy as np


def max_pool2d(x, size=2, stride=None):
    """Max pooling of a 2-D feature map.

    Args:
        x: 2-D array of shape (H, W).
        size: the window is size × size (an int >= 1).
        stride: step of the window along both axes (an int >= 1); None means `size`.

    Returns:
        A new float array of shape ((H - size) // stride + 1, (W - size) // stride + 1) whose
        cell (i, j) is the maximum of x[i*stride : i*stride + size, j*stride : j*stride + size].
        The input is left unchanged.

    Raises:
        ValueError: if size < 1, stride < 1, or the window is larger than x (size > H or
            size > W).
    """
    raise NotImplementedError("max_pool2d")


def avg_pool2d(x, size=2, stride=None):
    """Average pooling of a 2-D feature map: the same windows, their mean instead of the maximum.

    Same arguments, output shape and errors as max_pool2d. The result is float even for an
    integer x (the mean of integers is usually fractional).
    """
    raise NotImplementedError("avg_pool2d")
