"""Reference solution: a simple tanh RNN cell and its forward pass over a sequence."""

import numpy as np


def rnn_step(x_t, h_prev, Wx, Wh, b):
    """h_t = tanh(x_t @ Wx + h_prev @ Wh + b)."""
    return np.tanh(x_t @ Wx + h_prev @ Wh + b)


def rnn_forward(X, h0, Wx, Wh, b):
    """All hidden states, shape (T, batch, n_hidden); the state is carried between steps."""
    h = h0
    states = []
    for x_t in X:
        h = rnn_step(x_t, h, Wx, Wh, b)
        states.append(h)
    return np.stack(states)
