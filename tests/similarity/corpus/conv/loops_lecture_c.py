import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    # as in the lecture: feature_map[i, j] = np.sum(image[i:i+3, j:j+3] * filter)
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if stride < 1 or padding < 0:
        raise ValueError("wrong stride or padding")
    image = np.pad(image, padding)
    n, m = image.shape
    a, b = kernel.shape
    if a > n or b > m:
        raise ValueError("kernel is bigger than the image")
    feature_map = []
    i = 0
    while i + a <= n:
        line = []
        j = 0
        while j + b <= m:
            line.append(np.sum(image[i:i + a, j:j + b] * kernel))
            j += stride
        feature_map.append(line)
        i += stride
    return np.array(feature_map, dtype=float)
