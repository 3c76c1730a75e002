"""Remembering what a suite's trusted helpers computed, for the rest of the grading session.

Checks draw their inputs from a generator seeded per exercise, check and seed, so every
submission graded with the same seed is asked the same questions. Trusted helpers that derive
values from those inputs alone (the exact trajectory of a learning rule, the trajectories known
mistakes produce) then repeat the same work for every student of a class and every mutant of a
validation; `remembered` computes each once per session.
"""

from __future__ import annotations

import copy
import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

Result = TypeVar("Result")
# Results kept per helper: a batch asks each check's helpers a handful of questions per seed.
KEPT = 256


def _key(value: object) -> object:
    """A hashable stand-in for `value` that equals another's exactly when the values are equal
    (arrays by dtype, shape and bytes, so that 1.0 and 1 or a float32 copy do not collide)."""
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.generic):
        return ("scalar", value.dtype.str, value.tobytes())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _key(v)) for k, v in value.items())))
    if value is None or isinstance(value, (bool, int, float, str)):
        return (type(value).__name__, value)
    raise TypeError(f"remembered helpers take plain values, not {type(value).__name__}")


def remembered(function: Callable[..., Result]) -> Callable[..., Result]:
    """Wrap a deterministic helper whose result depends only on its arguments' values (plain
    numbers, strings, arrays and lists, tuples or dicts of them). Each caller gets its own copy
    of the result, so changing it changes nothing remembered."""
    kept: OrderedDict[object, Any] = OrderedDict()

    @functools.wraps(function)
    def wrapper(*args: object, **kwargs: object) -> Result:
        key = (_key(args), _key(kwargs))
        if key in kept:
            kept.move_to_end(key)
        else:
            kept[key] = function(*args, **kwargs)
            if len(kept) > KEPT:
                kept.popitem(last=False)
        return copy.deepcopy(kept[key])

    return wrapper
