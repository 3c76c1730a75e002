import numpy as np
from numpy.lib.stride_tricks import as_strided


def make_patches(arr, kshape, step):
    oh = (arr.shape[0] - kshape[0]) // step + 1
    ow = (arr.shape[1] - kshape[1]) // step + 1
    s0, s1 = arr.strides
    return as_strided(arr, shape=(oh, ow, *kshape),
                      strides=(s0 * step, s1 * step, s0, s1), writeable=False)


def conv2d(image, kernel, stride=1, padding=0):
    if stride < 1:
        raise ValueError("stride should be at least one")
    if padding < 0:
        raise ValueError("padding should be non-negative")
    arr = np.ascontiguousarray(np.pad(np.asarray(image, dtype=float), padding))
    kern = np.asarray(kernel, dtype=float)
    if kern.shape[0] > arr.shape[0] or kern.shape[1] > arr.shape[1]:
        raise ValueError("kernel doesn't fit")
    patches = make_patches(arr, kern.shape, stride)
    return np.tensordot(patches, kern, axes=([2, 3], [0, 1]))
