"""Свёртка как в лекции: окно 3x3 скользит по картинке."""

import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    if stride < 1:
        raise ValueError("stride < 1")
    if padding < 0:
        raise ValueError("padding < 0")
    img = np.array(image, dtype=float)
    k = np.array(kernel, dtype=float)
    if padding > 0:
        big = np.zeros((img.shape[0] + 2 * padding, img.shape[1] + 2 * padding))
        big[padding:-padding, padding:-padding] = img
        img = big
    kh = k.shape[0]
    kw = k.shape[1]
    if kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError("kernel too big")
    rows = (img.shape[0] - kh) // stride + 1
    cols = (img.shape[1] - kw) // stride + 1
    feature_map = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            r = i * stride
            c = j * stride
            feature_map[i, j] = np.sum(img[r:r + kh, c:c + kw] * k)
    return feature_map
