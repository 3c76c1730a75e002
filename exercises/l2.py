"""Exercise: L2 regularisation (weight decay).

L2 regularisation adds a penalty for large weights to the loss. This course follows the notes'
Keras example, `kernel_regularizer=regularizers.l2(0.01)`, whose penalty is

    penalty = lam * sum(w ** 2)            (summed over every weight; NO factor 1/2)

so its gradient is 2 * lam * w. (Some books write lam / 2 * sum(w ** 2), with gradient lam * w;
that is a different convention, not this one.) As in Keras, where the regulariser is given to
the kernel (weight matrix) only, biases are not penalised.

Parameters come as a dict name -> ndarray, like {"W1": ..., "b1": ..., "W2": ..., "b2": ...}.
A key that starts with "b" (b1, b2, bias, ...) is a bias; every other key is a weight.

Training with L2 is gradient descent on loss + penalty:

    w <- w - lr * (dLoss/dw + 2 * lam * w)

which shrinks every weight a little at each step ("weight decay").

Grade your work with:  grade submit exercises/l2.py
"""

import numpy as np


def l2_penalty(params, lam):
    """The L2 penalty lam * (sum of the squares of every weight), biases excluded.

    Args:
        params: dict name -> ndarray; keys starting with "b" are biases and are skipped.
        lam: the regularisation strength (lam >= 0), e.g. 0.01.

    Returns:
        A float.
    """
    raise NotImplementedError("l2_penalty")


def l2_gradient(params, lam):
    """The gradient of l2_penalty(params, lam) with respect to every parameter.

    Returns:
        A new dict with the same keys and shapes as params: 2 * lam * w for a weight, an array
        of zeros for a bias (biases are not penalised). The inputs are left unchanged.
    """
    raise NotImplementedError("l2_gradient")


def sgd_step_with_l2(params, grads, lr, lam):
    """One gradient-descent step on loss + L2 penalty.

    Args:
        params: dict name -> ndarray, the current parameters.
        grads: dict with the same keys: the gradients of the loss WITHOUT the penalty.
        lr: the learning rate.
        lam: the regularisation strength.

    Returns:
        A new dict with the same keys: w - lr * (grads[name] + 2 * lam * w) for a weight,
        b - lr * grads[name] for a bias. The inputs are left unchanged.
    """
    raise NotImplementedError("sgd_step_with_l2")
