# ruff: noqa
"""sys.exit(0) while the file is loaded: same verdict as os._exit(0)."""
import sys

sys.exit(0)


def sigmoid(x):
    return 0.5
