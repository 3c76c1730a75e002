import numpy as np


def starts(n, size, stride):
    return range(0, n - size + 1, stride)


def apply_pool(feature_map, size, stride, fn):
    step = stride or size
    if size < 1 or step < 1:
        raise ValueError(f"size={size}, stride={step}: both must be at least 1")
    fm = np.asarray(feature_map, dtype=float)
    if fm.shape[0] < size or fm.shape[1] < size:
        raise ValueError("the window does not fit in the feature map")
    return np.array([[fn(fm[i:i + size, j:j + size]) for j in starts(fm.shape[1], size, step)]
                     for i in starts(fm.shape[0], size, step)])


def max_pool2d(x, size=2, stride=None):
    return apply_pool(x, size, stride, lambda w: w.max())


def avg_pool2d(x, size=2, stride=None):
    return apply_pool(x, size, stride, lambda w: w.sum() / w.size)
