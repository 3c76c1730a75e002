# ruff: noqa
"""sigmoid raises an error whose message is terminal escape codes (clear screen, green "passed")
and a right-to-left override. The message is shown with the codes made visible."""


def sigmoid(x):
    raise ValueError("\x1b[2J\x1b[32mAll checks passed\x1b[0m \u202eevil")


def sigmoid_derivative(x):
    return _right_derivative(x)
