"""Reference solution: max and average pooling of a 2-D feature map."""

import numpy as np


def _pool(x, size, stride, reduce):
    """Apply `reduce` to every size × size window, moving `stride` cells at a time."""
    if stride is None:
        stride = size
    if size < 1 or stride < 1:
        raise ValueError("size and stride must be at least 1")
    height, width = x.shape
    if size > height or size > width:
        raise ValueError("the window is larger than the feature map")
    out = np.zeros(((height - size) // stride + 1, (width - size) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = x[i * stride:i * stride + size, j * stride:j * stride + size]
            out[i, j] = reduce(window)
    return out


def max_pool2d(x, size=2, stride=None):
    """Max pooling: the maximum of every window."""
    return _pool(x, size, stride, np.max)


def avg_pool2d(x, size=2, stride=None):
    """Average pooling: the mean of every window."""
    return _pool(x, size, stride, np.mean)
