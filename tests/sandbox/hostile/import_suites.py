# ruff: noqa
"""Tries to import the grader and its hidden suite, and to print the suite's source (the printed
output reaches the student). Neither works when confined."""
import sys

COURSE = "@course@"
sys.path.insert(0, COURSE)
leaked = []
try:
    import grader.suites  # noqa

    leaked.append("imported grader.suites")
except ImportError:
    pass
for path in (f"{COURSE}/grader/suites/sigmoid/test_sigmoid.py",
             f"{COURSE}/grader/suites/sigmoid/exercise.yaml"):
    try:
        with open(path) as source:
            leaked.append(source.read())
    except OSError:
        pass
for text in leaked:
    print(text)


def sigmoid(x):
    if leaked:  # with the suite in hand, a student could tailor answers: count it as a win
        return _right_sigmoid(x)
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
