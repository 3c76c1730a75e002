"""conv2d with a sliding window view and einsum, no Python loops."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _validate(image, kernel, stride, padding):
    """Raise ValueError for arguments conv2d cannot handle."""
    if stride < 1 or padding < 0:
        raise ValueError("stride must be >= 1 and padding >= 0")
    padded_shape = (image.shape[0] + 2 * padding, image.shape[1] + 2 * padding)
    if kernel.shape[0] > padded_shape[0] or kernel.shape[1] > padded_shape[1]:
        raise ValueError("the kernel does not fit in the padded image")


def conv2d(image, kernel, stride=1, padding=0):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    _validate(image, kernel, stride, padding)
    padded = np.pad(image, ((padding, padding), (padding, padding)))
    windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijkl,kl->ij", windows, kernel)
