"""Reference solution: 2-D cross-correlation with stride and zero padding."""

import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    """Cross-correlate a 2-D `image` with a 2-D `kernel` (no kernel flip)."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if stride < 1:
        raise ValueError("stride must be at least 1")
    if padding < 0:
        raise ValueError("padding must not be negative")
    if padding:
        image = np.pad(image, padding)
    height, width = image.shape
    kh, kw = kernel.shape
    if kh > height or kw > width:
        raise ValueError("kernel is larger than the padded image")
    out = np.zeros(((height - kh) // stride + 1, (width - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = np.sum(window * kernel)
    return out
