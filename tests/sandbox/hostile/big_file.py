# ruff: noqa
"""A correct sigmoid; the derivative writes a 100 MB file in its working directory: stopped at
the file-size limit."""


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    with open("big.bin", "wb") as big:
        for _ in range(100):
            big.write(b"\0" * 2**20)
    return _right_derivative(x)
