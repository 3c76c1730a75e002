"""The reference implementation a suite compares against, loaded on the trusted side."""

from __future__ import annotations

import importlib.util

from grader.load import Exercise, InputError


def load_reference(exercise: Exercise) -> object:
    """The exercise's reference solution as a module (it is trusted code, run in this process)."""
    if not exercise.solution.is_file():
        raise InputError("the reference solution is missing", exercise.solution)
    spec = importlib.util.spec_from_file_location(f"reference_{exercise.name}",
                                                  exercise.solution)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
