"""Loads slowly (just under the limit), then ends its process after every call: each check
pays for a fresh load."""

import os
import time

time.sleep(1.8)


def sigmoid(x):
    os._exit(0)


def sigmoid_derivative(x):
    os._exit(0)
