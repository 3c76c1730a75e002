"""Reading an exercise's points from its suite without running it (for `grade list`).

Checks are declared as `@check(points, en=..., ru=...)` with a literal number, so the total can
be read from the source; grading itself takes the points from the collected pytest markers.
"""

from __future__ import annotations

import ast
import functools

from grader.course.load import Exercise


@functools.cache
def _suite_points(path: str, mtime: float) -> tuple[float, ...]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and getattr(decorator.func, "id", "") == "check"
                    and decorator.args
                    and isinstance(decorator.args[0], ast.Constant)
                ):
                    found.append(float(decorator.args[0].value))  # type: ignore[arg-type]  # a non-number fails here as in the suite
    return tuple(found)


def max_points(exercise: Exercise) -> float:
    """The exercise's maximum score: the sum of its checks' points."""
    if not exercise.suite.is_file():
        return 0.0
    return sum(_suite_points(str(exercise.suite), exercise.suite.stat().st_mtime))
