import numpy as np

MAX, MEAN = "max", "mean"


def positions(length, size, stride):
    p = 0
    while p + size <= length:
        yield p
        p += stride


def pool2d(x, size, stride, mode):
    # the two poolings differ only in what is taken of a window
    stride = size if stride is None else stride
    if size < 1:
        raise ValueError("size < 1")
    if stride < 1:
        raise ValueError("stride < 1")
    x = np.asarray(x, dtype=float)
    if x.shape[0] < size or x.shape[1] < size:
        raise ValueError("window > input")
    rows = []
    for top in positions(x.shape[0], size, stride):
        row = []
        for left in positions(x.shape[1], size, stride):
            window = x[top:top + size, left:left + size]
            row.append(window.max() if mode == MAX else window.mean())
        rows.append(row)
    return np.array(rows)


def max_pool2d(x, size=2, stride=None):
    return pool2d(x, size, stride, MAX)


def avg_pool2d(x, size=2, stride=None):
    return pool2d(x, size, stride, MEAN)
