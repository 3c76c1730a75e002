# ruff: noqa
"""Looks for the reference solution (by the course's absolute path, relative paths, and through
/proc) and, if it can read one, runs it to get full marks. Confined, it cannot: the honest wrong
verdict. Run unconfined, the attack works (the tests check that too)."""
import glob
import os

COURSE = "@course@"
candidates = [f"{COURSE}/solutions/sigmoid.py", "../solutions/sigmoid.py",
              "../../solutions/sigmoid.py", "solutions/sigmoid.py"]
candidates += glob.glob("/proc/*/cwd/solutions/sigmoid.py")
candidates += glob.glob("/proc/*/root" + COURSE + "/solutions/sigmoid.py")
stolen = {}
for path in candidates:
    try:
        with open(path) as source:
            exec(source.read(), stolen)
        break
    except OSError:
        pass


def sigmoid(x):
    if "sigmoid" in stolen:
        return stolen["sigmoid"](x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    if "sigmoid_derivative" in stolen:
        return stolen["sigmoid_derivative"](x)
    return _honest_wrong(x)
