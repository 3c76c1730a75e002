# ruff: noqa
"""A correct conv2d that is slow: its first call takes 1.5 s (longer than the 1 s limit the tests
give sigmoid, well within conv's own 10 s). Slow is not a hang: full marks."""
import time

import numpy as np

first = [True]


def conv2d(image, kernel, stride=1, padding=0):
    if first[0]:
        first[0] = False
        time.sleep(1.5)
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if stride < 1 or padding < 0:
        raise ValueError("stride must be at least 1 and padding not negative")
    image = np.pad(image, padding)
    kh, kw = kernel.shape
    if kh > image.shape[0] or kw > image.shape[1]:
        raise ValueError("kernel is larger than the padded image")
    out = np.zeros(((image.shape[0] - kh) // stride + 1, (image.shape[1] - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i * stride:i * stride + kh, j * stride:j * stride + kw]
                               * kernel)
    return out
