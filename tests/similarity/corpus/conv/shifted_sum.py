import numpy as np


def pad_image(a, p):
    # zero border of width p on every side
    h, w = a.shape
    out = np.zeros((h + 2 * p, w + 2 * p), dtype=float)
    out[p:p + h, p:p + w] = a
    return out


def conv2d(image, kernel, stride=1, padding=0):
    """Sum of shifted copies of the image, one per kernel element."""
    if stride < 1 or padding < 0:
        raise ValueError("invalid stride or padding")
    src = pad_image(np.asarray(image, dtype=float), padding)
    ker = np.asarray(kernel, dtype=float)
    if ker.shape[0] > src.shape[0] or ker.shape[1] > src.shape[1]:
        raise ValueError("kernel is larger than the image")
    n_rows = (src.shape[0] - ker.shape[0]) // stride + 1
    n_cols = (src.shape[1] - ker.shape[1]) // stride + 1
    acc = np.zeros((n_rows, n_cols))
    for dy in range(ker.shape[0]):
        for dx in range(ker.shape[1]):
            shifted = src[dy:dy + (n_rows - 1) * stride + 1:stride,
                          dx:dx + (n_cols - 1) * stride + 1:stride]
            acc += ker[dy, dx] * shifted
    return acc
