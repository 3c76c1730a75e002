"""Reading an exercise's points from its suite without running it (for `grade list`).

Checks are declared as `@check(points, en=..., ru=...)`; the points may be a literal, the
keyword `points=`, or a module-level constant (`STABLE = 2` ... `@check(STABLE, ...)`), so the
total can be read from the source; grading itself takes the points from the collected markers.
"""

from __future__ import annotations

import ast
import functools

from grader.course.load import Exercise


def _constants(tree: ast.Module) -> dict[str, float]:
    """Module-level `NAME = <number>` assignments."""
    found: dict[str, float] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            value = node.value.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = float(value)
    return found


def _points(decorator: ast.Call, constants: dict[str, float]) -> float | None:
    node = decorator.args[0] if decorator.args else None
    for keyword in decorator.keywords:
        if keyword.arg == "points":
            node = keyword.value
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _collected_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """Functions where pytest looks for checks: module level and in module-level classes (not
    a walk of every node, which costs `grade list` a tenth of a second)."""
    found = []
    for node in tree.body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        found += [member for member in members if isinstance(member, ast.FunctionDef)]
    return found


@functools.cache
def _suite_points(path: str, mtime: float) -> tuple[float, ...]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    constants = _constants(tree)
    found = []
    for node in _collected_functions(tree):
        if node.name.startswith("test"):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "check":
                    points = _points(decorator, constants)
                    if points is not None:
                        found.append(points)
    return tuple(found)


def max_points(exercise: Exercise) -> float:
    """The exercise's maximum score: the sum of its checks' points."""
    if not exercise.suite.is_file():
        return 0.0
    return sum(_suite_points(str(exercise.suite), exercise.suite.stat().st_mtime))
