"""Exercise: a simple recurrent neural network (RNN) over a sequence.

An RNN reads a sequence one element at a time and keeps a hidden state, the "state vector" that
carries the context from step to step. At step t the new hidden state mixes the input x_t with
the previous state h_{t-1}, using the same weights at every step:

    h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b)

(tanh is also the default activation of Keras' SimpleRNN from the course notes.)

Shapes, for a batch of sequences processed together:
    x_t: (batch, n_in)          h_t: (batch, n_hidden)
    Wx:  (n_in, n_hidden)       Wh:  (n_hidden, n_hidden)       b: (n_hidden,)
    X:   (T, batch, n_in)       -- time first: X[t] is the batch's input at step t
    H:   (T, batch, n_hidden)   -- H[t] is the hidden state after step t

Grade your work with:  grade submit exercises/rnn.py
"""

import numpy as np


def rnn_step(x_t, h_prev, Wx, Wh, b):
    """One step of the RNN: tanh(x_t @ Wx + h_prev @ Wh + b).

    Args:
        x_t: the inputs at this step, shape (batch, n_in) (or (n_in,) for a single sequence).
        h_prev: the previous hidden state, shape (batch, n_hidden) (or (n_hidden,)).
        Wx: input-to-hidden weights, (n_in, n_hidden).
        Wh: hidden-to-hidden weights, (n_hidden, n_hidden).
        b: the bias, (n_hidden,).

    Returns:
        The new hidden state, a float array of shape (batch, n_hidden) (or (n_hidden,)).
    """
    raise NotImplementedError("rnn_step")


def rnn_forward(X, h0, Wx, Wh, b):
    """Run the RNN over a whole sequence and return EVERY hidden state.

    Args:
        X: the inputs, shape (T, batch, n_in): time first, X[t] is step t (T >= 1).
        h0: the initial hidden state, shape (batch, n_hidden).
        Wx, Wh, b: as in rnn_step; the same weights are used at every step.

    Returns:
        H of shape (T, batch, n_hidden) with H[0] = rnn_step(X[0], h0, ...) and
        H[t] = rnn_step(X[t], H[t-1], ...): the hidden state is carried from step to step.
        h0 itself is not included. The inputs are left unchanged.
    """
    raise NotImplementedError("rnn_forward")
