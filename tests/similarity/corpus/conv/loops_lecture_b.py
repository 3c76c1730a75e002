import numpy as np


def output_size(n, f, s):
    # how many positions the filter takes along one axis
    return (n - f) // s + 1


def check(stride, padding):
    if not isinstance(stride, int) or stride <= 0:
        raise ValueError(f"bad stride {stride}")
    if padding < 0:
        raise ValueError(f"bad padding {padding}")


def conv2d(image, kernel, stride=1, padding=0):
    check(stride, padding)
    x = np.pad(np.asarray(image, dtype=np.float64), pad_width=padding, mode="constant")
    w = np.asarray(kernel, dtype=np.float64)
    h_out = output_size(x.shape[0], w.shape[0], stride)
    w_out = output_size(x.shape[1], w.shape[1], stride)
    if h_out < 1 or w_out < 1:
        raise ValueError("filter larger than image")
    result = np.empty((h_out, w_out), dtype=np.float64)
    for y in range(h_out):
        for z in range(w_out):
            patch = x[y * stride: y * stride + w.shape[0], z * stride: z * stride + w.shape[1]]
            result[y, z] = np.sum(patch * w)
    return result
