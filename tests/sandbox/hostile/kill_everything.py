# ruff: noqa
"""Sends SIGKILL to every process it may signal, to its parent (the template) and to the grader's
process group. The grader stays up; the verdict is the honest wrong one."""
import os
import signal

hits = 0
for target in (os.getppid(), 1):
    try:
        os.kill(target, signal.SIGKILL)
        hits += 1
    except OSError:
        pass
try:
    os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
except OSError:
    pass
try:
    os.kill(-1, signal.SIGKILL)  # everything this user id may signal, except itself
except OSError:
    pass


def sigmoid(x):
    if hits:
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
