import numpy as np


def pool(x, size, stride, how):
    """Slide a size x size window and reduce each one with `how`."""
    if stride is None:
        stride = size
    if size < 1 or stride < 1:
        raise ValueError("size and stride must be >= 1")
    x = np.asarray(x)
    if size > x.shape[0] or size > x.shape[1]:
        raise ValueError("window larger than input")
    rows = (x.shape[0] - size) // stride + 1
    cols = (x.shape[1] - size) // stride + 1
    out = np.empty((rows, cols), dtype=float)
    for r in range(rows):
        for c in range(cols):
            out[r, c] = how(x[r * stride:r * stride + size, c * stride:c * stride + size])
    return out


def max_pool2d(x, size=2, stride=None):
    return pool(x, size, stride, np.max)


def avg_pool2d(x, size=2, stride=None):
    return pool(x, size, stride, np.mean)
