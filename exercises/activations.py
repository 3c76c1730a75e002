"""Exercise: activation functions and their derivatives.

After computing the weighted sum z = w·x + b, a neuron passes it through an activation function
that adds the non-linearity (the course's "activation layer"). Besides the sigmoid, networks use:

    relu(x)              = max(0, x)
    leaky_relu(x, alpha) = x where x > 0, alpha * x elsewhere
    tanh(x)              = (e^x - e^-x) / (e^x + e^-x), values in (-1, 1)
    softmax(z)_i         = e^z_i / sum_j e^z_j   (turns a row of scores into probabilities;
                                                  the output layer of a classifier)

and, for back-propagation, the derivatives relu'(x) and tanh'(x) = 1 - tanh(x)**2.

Every function takes a float numpy array of any shape, returns a NEW float array of the same
shape and leaves its input unchanged. Grade your work with:  grade submit exercises/activations.py
"""

import numpy as np


def relu(x):
    """ReLU, element-wise: max(0, x).

    Args:
        x: a float numpy array of any shape.

    Returns:
        A new float array of the same shape: x where x > 0, 0 elsewhere. Do not modify `x`
        in place (x[x < 0] = 0 would change the caller's array).
    """
    raise NotImplementedError("relu")


def leaky_relu(x, alpha=0.01):
    """Leaky ReLU, element-wise: x where x > 0, alpha * x elsewhere.

    The small slope `alpha` is applied to the NEGATIVE inputs only; positive inputs pass
    unchanged. Use the `alpha` you are given (do not hard-code 0.01). Same array contract as relu.
    """
    raise NotImplementedError("leaky_relu")


def tanh(x):
    """Hyperbolic tangent, element-wise, values in (-1, 1).

    You may use np.tanh. If you write it from np.exp, make it numerically stable: the result
    must be finite and correct, without overflow warnings, even for x = ±1000 (tanh(±1000) = ±1).
    Same array contract as relu.
    """
    raise NotImplementedError("tanh")


def softmax(z, axis=-1):
    """Softmax of the scores `z` along `axis`: exp(z) / exp(z).sum(axis), numerically stable.

    Args:
        z: a float array of any shape (e.g. (n_samples, n_classes) scores, one row per sample).
        axis: the axis that holds the classes; by default the last one, so each ROW of a 2-D
            array becomes a probability distribution. Normalise along this axis only, never
            over the whole array.

    Returns:
        A new float array of z's shape, with values in [0, 1] that sum to 1 along `axis`.
        Must be stable: subtract the maximum along `axis` (keepdims=True) before np.exp — the
        result does not change, and z = 1000 or z = -1000 then gives no inf, no nan and no
        overflow warning.
    """
    raise NotImplementedError("softmax")


def relu_derivative(x):
    """Derivative of ReLU at `x` (the input, not relu's output), element-wise.

    1.0 where x > 0, 0.0 where x <= 0. At exactly x = 0 ReLU has no derivative; by the convention
    of this course (and of PyTorch and TensorFlow) the derivative there is 0. Same array contract.
    """
    raise NotImplementedError("relu_derivative")


def tanh_derivative(x):
    """Derivative of tanh at `x` (the input, not tanh's output): 1 - tanh(x)**2, element-wise.

    Apply tanh once. Stable for x = ±1000 (the derivative there is 0). Same array contract.
    """
    raise NotImplementedError("tanh_derivative")
