"""Exercise: dropout, the regularisation layer that switches neurons off at random.

During training a dropout layer ("слой отсева") sets each activation to zero with probability p,
the drop probability (Keras: layers.Dropout(0.5) in the course notes drops half). So that the
next layer sees activations of the same expected size, the ones that are kept are scaled up by
1 / (1 - p) ("inverted dropout"); then nothing needs to change at test time, when the layer lets
everything through unchanged.

The random mask must be made exactly like this, so that your results can be replayed:

    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p        # True = kept, False = dropped

Grade your work with:  grade submit exercises/dropout.py
"""

import numpy as np


def dropout_forward(x, p, train=True, seed=0):
    """Inverted dropout of the activations `x`.

    Args:
        x: an array of any shape (the activations of a layer).
        p: the DROP probability, 0 <= p < 1 (p = 0.5 drops about half of the activations).
        train: True while training; False at test time (evaluation).
        seed: the seed of the random mask (see the module docstring for the exact recipe).

    Returns:
        A pair (out, mask):
        - training: mask = np.random.default_rng(seed).random(x.shape) >= p, a boolean array
          (True where the activation is kept), and out = x * mask / (1 - p), a float array;
        - evaluation (train=False): out = x (as a new float array) and mask all True
          (np.ones(x.shape, dtype=bool)): nothing is dropped and nothing is scaled.
        The input is left unchanged.

    Raises:
        ValueError: if p is not in [0, 1).
    """
    raise NotImplementedError("dropout_forward")


def dropout_backward(dout, mask, p):
    """Back-propagation through dropout: the gradient with respect to x.

    Args:
        dout: the gradient of the loss with respect to `out`, same shape as the mask.
        mask: the mask dropout_forward returned.
        p: the same drop probability as in the forward pass.

    Returns:
        dx = dout * mask / (1 - p): the gradient flows only through the kept activations, with
        the same scale as in the forward pass. A float array; the inputs are left unchanged.
    """
    raise NotImplementedError("dropout_backward")
