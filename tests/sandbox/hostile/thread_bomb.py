# ruff: noqa
"""A correct sigmoid; the derivative starts a thousand threads: stopped at the process limit
(threads count), with Python's own error."""
import threading
import time


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    for _ in range(1000):
        threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
    return _right_derivative(x)
