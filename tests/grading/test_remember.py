"""`remembered`: a suite's trusted helper computes each answer once per session, keyed by the
values of its arguments, and hands every caller a copy of its own."""

from __future__ import annotations

import numpy as np
import pytest

from grader.grading.remember import remembered


def counted():
    calls = []

    @remembered
    def trajectory(x, steps, scale=1.0):
        calls.append((x.copy(), steps, scale))
        return [x * scale * k for k in range(steps)]

    return trajectory, calls


def test_the_same_values_are_computed_once():
    trajectory, calls = counted()
    first = trajectory(np.arange(3.0), 4, scale=2.0)
    again = trajectory(np.arange(3.0), 4, scale=2.0)  # equal values, another array
    assert len(calls) == 1
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))


def test_values_that_differ_in_any_way_are_computed_apart():
    trajectory, calls = counted()
    trajectory(np.arange(3.0), 4)
    trajectory(np.arange(3.0), 5)
    trajectory(np.arange(3.0), 4, scale=0.5)
    trajectory(np.arange(3.0).astype(np.float32), 4)
    trajectory(np.arange(3.0).reshape(3, 1), 4)
    trajectory(np.zeros(2), 4)
    trajectory(np.zeros(2, dtype=np.int64), 4)  # the same bytes as the floats above
    assert len(calls) == 7


def test_each_caller_gets_its_own_copy():
    trajectory, _ = counted()
    first = trajectory(np.ones(2), 3)
    first[1][:] = 99.0
    first.append("changed")
    again = trajectory(np.ones(2), 3)
    assert len(again) == 3 and np.array_equal(again[1], np.ones(2))


def test_only_plain_values_are_accepted():
    trajectory, _ = counted()
    with pytest.raises(TypeError, match="plain values"):
        trajectory(np.ones(2), 3, scale=lambda: 1.0)
