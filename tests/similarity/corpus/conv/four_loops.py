import numpy as np


def conv2d(image, kernel, stride=1, padding=0):
    """Plain Python: four nested loops, no numpy tricks."""
    if stride < 1:
        raise ValueError("stride")
    if padding < 0:
        raise ValueError("padding")
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    H, W = image.shape
    KH, KW = kernel.shape
    if KH > H + 2 * padding or KW > W + 2 * padding:
        raise ValueError("kernel too large")
    OH = (H + 2 * padding - KH) // stride + 1
    OW = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((OH, OW))
    for oy in range(OH):
        for ox in range(OW):
            total = 0.0
            for ky in range(KH):
                for kx in range(KW):
                    y = oy * stride + ky - padding
                    x = ox * stride + kx - padding
                    if 0 <= y < H and 0 <= x < W:
                        total += image[y, x] * kernel[ky, kx]
            out[oy, ox] = total
    return out
