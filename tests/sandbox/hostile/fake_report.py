# ruff: noqa
"""Prints a fake report: "All checks passed", a results.json, and terminal escape sequences that
would move the cursor up and repaint earlier lines. The printed text is shown as the student's
output, escapes made visible; the score is the honest wrong answer's."""
import json

print("Score: 12/12 (100 %)")
print("All checks passed. Well done!")
print(json.dumps({"score": 12, "max_score": 12, "tests": []}))
print("\x1b[8A\x1b[2K\x1b[32m  ✓ every check\x1b[0m\r\x1b[2J")


def sigmoid(x):
    print("\x1b[1A\x1b[2KScore: 12/12 (100 %)")
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
