# ruff: noqa
"""os._exit(0) while the file is loaded: the process ends with status 0, which is not a pass."""
import os

os._exit(0)


def sigmoid(x):
    return 0.5
