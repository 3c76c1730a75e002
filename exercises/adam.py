"""Exercise: the Adam optimizer, as a class that remembers its state between steps.

Adam keeps two running averages for every weight: the first moment m (a moving average of the
gradients) and the second moment v (a moving average of the squared gradients). On step t
(t = 1, 2, 3, ...), with gradient g:

    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat = m / (1 - beta1 ** t)          # bias correction: m and v start at zero
    v_hat = v / (1 - beta2 ** t)
    weights -= lr * m_hat / (np.sqrt(v_hat) + eps)

m, v and t must survive from one step to the next: that is what makes Adam adaptive. (The course
notes' adam_optimizer function creates m = 0, v = 0 and t = 0 inside the function, so they are
thrown away after every call; do not copy that part.)

Use one Adam instance per parameter array:

    opt_W1, opt_b1 = Adam(lr=0.01), Adam(lr=0.01)
    for epoch in range(epochs):
        ...
        opt_W1.step(params["W1"], grads["W1"])
        opt_b1.step(params["b1"], grads["b1"])

Grade your work with:  grade submit exercises/adam.py
"""

import numpy as np


class Adam:
    """Adam for ONE parameter array; its state (m, v, t) lives in the instance."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        """Remember the hyper-parameters; the step counter t starts at 0.

        Args:
            lr: the learning rate.
            beta1: decay rate of the first moment (the moving average of the gradients).
            beta2: decay rate of the second moment (the moving average of squared gradients).
            eps: a small number added to the denominator AFTER the square root.

        m and v cannot be created here (the shape of the weights is not known yet): create them
        on the first step with np.zeros_like(weights, dtype=float).
        """
        raise NotImplementedError("Adam")

    def step(self, weights, grads):
        """One Adam step: update `weights` IN PLACE and return that same array.

        Args:
            weights: a float ndarray of any shape; it is modified in place
                (weights -= ..., not weights = weights - ...).
            grads: an ndarray of the same shape: the gradient of the loss at `weights`.
                It is left unchanged.

        Returns:
            `weights`, after the update.

        Increment t BEFORE using it, so the first step uses t = 1. The moments m, v and the
        counter t persist across calls on the same instance.
        """
        raise NotImplementedError("Adam.step")
