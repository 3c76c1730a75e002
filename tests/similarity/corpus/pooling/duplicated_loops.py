import numpy as np


def max_pool2d(x, size=2, stride=None):
    s = size if stride is None else stride
    if size < 1 or s < 1:
        raise ValueError("bad size/stride")
    H, W = np.shape(x)
    if size > H or size > W:
        raise ValueError("window too big")
    res = np.zeros(((H - size) // s + 1, (W - size) // s + 1))
    for a in range(res.shape[0]):
        for b in range(res.shape[1]):
            best = x[a * s][b * s]
            for u in range(size):
                for v in range(size):
                    best = max(best, x[a * s + u][b * s + v])
            res[a][b] = best
    return res


def avg_pool2d(x, size=2, stride=None):
    s = size if stride is None else stride
    if size < 1 or s < 1:
        raise ValueError("bad size/stride")
    H, W = np.shape(x)
    if size > H or size > W:
        raise ValueError("window too big")
    res = np.zeros(((H - size) // s + 1, (W - size) // s + 1))
    for a in range(res.shape[0]):
        for b in range(res.shape[1]):
            total = 0.0
            for u in range(size):
                for v in range(size):
                    total += x[a * s + u][b * s + v]
            res[a][b] = total / (size * size)
    return res
