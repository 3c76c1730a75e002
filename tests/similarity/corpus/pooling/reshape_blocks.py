import numpy as np


class Pooler:
    """Pools a 2-D map; reshapes into blocks when the windows tile it, loops otherwise."""

    def __init__(self, size, stride):
        if stride is None:
            stride = size
        if size <= 0 or stride <= 0:
            raise ValueError("size and stride must be positive integers")
        self.size = size
        self.stride = stride

    def blocks(self, x):
        x = np.asarray(x, dtype=float)
        n = self.size
        if n > x.shape[0] or n > x.shape[1]:
            raise ValueError("pool size exceeds the input")
        if self.stride == n:
            h, w = x.shape[0] // n, x.shape[1] // n
            return x[:h * n, :w * n].reshape(h, n, w, n).transpose(0, 2, 1, 3)
        oh = (x.shape[0] - n) // self.stride + 1
        ow = (x.shape[1] - n) // self.stride + 1
        out = np.empty((oh, ow, n, n))
        for p in range(oh):
            for q in range(ow):
                out[p, q] = x[p * self.stride:p * self.stride + n,
                              q * self.stride:q * self.stride + n]
        return out


def max_pool2d(x, size=2, stride=None):
    return Pooler(size, stride).blocks(x).max(axis=(2, 3))


def avg_pool2d(x, size=2, stride=None):
    return Pooler(size, stride).blocks(x).mean(axis=(2, 3))
