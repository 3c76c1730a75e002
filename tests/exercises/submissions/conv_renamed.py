import numpy as np


def conv2d(img, k, padding=0, stride=1):
    if stride < 1 or padding < 0:
        raise ValueError("bad stride or padding")
    img = np.pad(np.asarray(img, dtype=float), padding)
    k = np.asarray(k, dtype=float)
    kh, kw = k.shape
    H, W = img.shape
    if kh > H or kw > W:
        raise ValueError("kernel too big")
    oh = (H - kh) // stride + 1
    ow = (W - kw) // stride + 1
    res = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            res[i, j] = (img[i * stride : i * stride + kh, j * stride : j * stride + kw] * k).sum()
    return res
