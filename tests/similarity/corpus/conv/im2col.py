import numpy as np


def im2col(x, kh, kw, stride):
    """Every kh x kw patch of x as one row of a matrix."""
    out_h = (x.shape[0] - kh) // stride + 1
    out_w = (x.shape[1] - kw) // stride + 1
    cols = np.empty((out_h * out_w, kh * kw))
    row = 0
    for top in range(0, out_h * stride, stride):
        for left in range(0, out_w * stride, stride):
            cols[row] = x[top:top + kh, left:left + kw].ravel()
            row += 1
    return cols, (out_h, out_w)


def conv2d(image, kernel, stride=1, padding=0):
    if stride < 1:
        raise ValueError("stride must be positive")
    if padding < 0:
        raise ValueError("negative padding")
    x = np.pad(np.asarray(image, float), padding)
    kernel = np.asarray(kernel, float)
    kh, kw = kernel.shape
    if kh > x.shape[0] or kw > x.shape[1]:
        raise ValueError("kernel larger than padded image")
    cols, shape = im2col(x, kh, kw, stride)
    return (cols @ kernel.ravel()).reshape(shape)
