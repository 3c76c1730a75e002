import numpy as np


def conv2d(image, kernel, pad=0):
    image = np.pad(np.asarray(image, dtype=float), pad)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    if kh > image.shape[0] or kw > image.shape[1]:
        raise ValueError("kernel larger than image")
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out
