"""Reference solution: Adam whose moments and step counter persist across steps."""

import numpy as np


class Adam:
    """Adam for one parameter array; m, v and t live in the instance."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = self.v = None  # created on the first step, with the shape of the weights
        self.t = 0

    def step(self, weights, grads):
        """Update `weights` in place and return it."""
        if self.m is None:
            self.m = np.zeros_like(weights, dtype=float)
            self.v = np.zeros_like(weights, dtype=float)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grads
        self.v = self.beta2 * self.v + (1 - self.beta2) * grads ** 2
        m_hat = self.m / (1 - self.beta1 ** self.t)
        v_hat = self.v / (1 - self.beta2 ** self.t)
        weights -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return weights
