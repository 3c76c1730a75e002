import numpy as np

# sigmoid = lambda x: 1 / (1 + np.exp(-x))
sigmoid = None


def sigmoid_derivative(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)
