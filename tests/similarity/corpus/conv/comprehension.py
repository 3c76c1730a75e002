import numpy as np


def windows(img, size, step):
    """Yield the rows of windows of img, as lists."""
    h, w = size
    for top in range(0, img.shape[0] - h + 1, step):
        yield [img[top:top + h, left:left + w] for left in range(0, img.shape[1] - w + 1, step)]


def conv2d(image, kernel, stride=1, padding=0):
    if not stride >= 1 or not padding >= 0:
        raise ValueError("conv2d: stride >= 1 and padding >= 0 are required")
    img = np.pad(np.array(image, dtype=float), padding)
    ker = np.array(kernel, dtype=float)
    if any(k > s for k, s in zip(ker.shape, img.shape)):
        raise ValueError("conv2d: kernel bigger than the (padded) image")
    return np.array([[float((win * ker).sum()) for win in row]
                     for row in windows(img, ker.shape, stride)], dtype=float)
