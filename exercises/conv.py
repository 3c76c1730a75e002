"""Exercise: convolution of an image with a filter (as in CNNs).

In a convolutional layer a small filter (kernel) slides over the image; at every position the
filter's elements are multiplied by the pixels under it and the products are summed. That number
is written into the feature map. This is what CNN libraries call "convolution"; mathematically it
is a cross-correlation: the kernel is NOT flipped.

The course's example: a 5×5 image and a 3×3 filter give a 3×3 feature map, with
    feature_map[i, j] = np.sum(image[i:i+3, j:j+3] * filter)

Grade your work with:  grade submit exercises/conv.py
"""

import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    """Cross-correlate a 2-D `image` with a 2-D `kernel` (no kernel flip).

    Args:
        image: 2-D array of shape (H, W).
        kernel: 2-D array of shape (kh, kw).
        stride: step of the window, in pixels, along both axes (an int >= 1).
        padding: number of zero rows/columns added on every side of the image (an int >= 0).

    Returns:
        A new float array of shape ((H + 2*padding - kh) // stride + 1,
                                    (W + 2*padding - kw) // stride + 1).
        The inputs are left unchanged.

    Raises:
        ValueError: if stride < 1, padding < 0, or the kernel is larger than the padded image.
    """
    raise NotImplementedError("conv2d")
