# ruff: noqa
"""Hunts for a secret in the grader's environment: its own environment, every /proc/*/environ
and /proc/*/cmdline, and the template's memory. The secret must not be found (nor printed)."""
import glob
import os

found = [value for value in os.environ.values() if "@secret@" in value]
for path in glob.glob("/proc/*/environ") + glob.glob("/proc/*/cmdline"):
    try:
        with open(path, "rb") as source:
            if b"@secret@" in source.read():
                found.append(path)
    except OSError:
        pass
try:
    with open(f"/proc/{os.getppid()}/mem", "rb") as memory:
        memory.read(1)
        found.append("template memory")
except (OSError, ValueError):
    pass
print(found)


def sigmoid(x):
    if found:
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
