import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    if stride < 1 or padding < 0:
        raise ValueError("stride must be >= 1, padding >= 0")
    image = np.pad(np.asarray(image, dtype=float), padding)
    h, w = image.shape
    kh, kw = kernel.shape
    if kh > h or kw > w:
        raise ValueError("kernel larger than image")
    out_h = (h - kh) // stride + 1
    out_w = (w - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[i, j] = np.sum(window * kernel)
    return out
