import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    """Convolution (cross-correlation) the way the lecture does it."""
    image = np.array(image, dtype=float)
    kernel = np.array(kernel, dtype=float)
    if stride < 1:
        raise ValueError("stride must be at least 1")
    if padding < 0:
        raise ValueError("padding can't be negative")
    if padding:
        image = np.pad(image, ((padding, padding), (padding, padding)), mode="constant")
    size_y, size_x = kernel.shape
    if size_y > image.shape[0] or size_x > image.shape[1]:
        raise ValueError("the filter does not fit")
    feature_map = np.zeros(((image.shape[0] - size_y) // stride + 1,
                            (image.shape[1] - size_x) // stride + 1))
    for i in range(feature_map.shape[0]):
        for j in range(feature_map.shape[1]):
            y, x = i * stride, j * stride
            feature_map[i, j] = np.sum(image[y:y + size_y, x:x + size_x] * kernel)
    return feature_map
