"""Automatic mutants: each operator's edits, stable keys and lines, compiling and distinct."""

from __future__ import annotations

import ast

from grader.authoring.mutate import generate

SOURCE = '''"""A module docstring, never mutated."""

import numpy as np


def f(a, b, scale=2):
    """A function docstring, never mutated."""
    if a < b and scale:
        return np.sum(a[1:b] * scale, axis=0)
    for i in range(b):
        a[i] -= -b
    return a @ b
'''


def changes(source: str = SOURCE) -> dict[str, str]:
    return {m.key: m.operator for m in generate(source)}


def test_every_operator_makes_the_mistakes_it_stands_for():
    found = changes()
    expected = {
        "f: a[1:b] * scale → a[1:b] / scale": "arithmetic",
        "f: a @ b → a * b": "arithmetic",
        "f: a < b → a <= b": "comparison",
        "f: a < b and scale → a < b or scale": "comparison",
        "f: scale=2 → scale=3": "constant",
        "f: axis=0 → axis=1": "constant",
        "f: a @ b → b @ a": "swap",
        "f: a[1:b] * scale → a[1:b]": "drop",
        "f: np.sum(a[1:b] * scale, axis=0) → a[1:b] * scale": "drop",
        "f: np.sum(a[1:b] * scale, axis=0) → np.sum(a[1:b] * scale)": "drop",
        "f: -b → b": "drop",
        "f: 1:b → 2:b": "bound",
        "f: 1:b → 1:b + 1": "bound",
        "f: 1:b → 1:b - 1": "bound",
        "f: range(b) → range(b + 1)": "bound",
        "f: a[i] -= -b → pass": "statement",
    }
    assert {key: found.get(key) for key in expected} == expected
    assert "f: a[i] -= -b → a[i] += -b" in found


def test_docstrings_and_imports_are_left_alone():
    for mutant in generate(SOURCE):
        tree = ast.parse(mutant.source)
        assert ast.get_docstring(tree) == "A module docstring, never mutated."
        function = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
        assert ast.get_docstring(function) == "A function docstring, never mutated."
        assert "import numpy as np" in mutant.source


def test_mutants_are_deterministic_distinct_and_compile():
    first, second = generate(SOURCE), generate(SOURCE)
    assert [m.source for m in first] == [m.source for m in second]
    assert len({m.key for m in first}) == len(first)
    assert len({m.source for m in first}) == len(first)
    original = ast.unparse(ast.parse(SOURCE))
    for mutant in first:
        assert mutant.source != original
        compile(mutant.source, "<mutant>", "exec")


def test_identical_edits_are_kept_once():
    # dropping either side of `1 + 1` gives the same program
    assert [m.key for m in generate("x = 1 + 1\n") if m.operator == "drop"] == ["module: 1 + 1 → 1"]


def test_mutants_that_do_not_compile_are_skipped():
    def assign_to_literal(node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield ast.Constant(1)  # `1 = 2` is a SyntaxError

    def rename(node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield ast.Name("y", ast.Store())

    mutants = generate("x = 2\n", {"broken": assign_to_literal, "rename": rename})
    assert [m.key for m in mutants] == ["module: x → y"]


def test_line_numbers_and_descriptions():
    mutant = next(m for m in generate(SOURCE) if m.key == "f: a @ b → a * b")
    assert mutant.line == 12
    assert mutant.description == "line 12: a @ b → a * b (arithmetic)"


def test_same_edit_in_two_places_gets_numbered_keys():
    keys = [m.key for m in generate("def g(x):\n    return x * 2 + x * 2 * 1\n")]
    assert "g: x * 2 → x / 2" in keys and "g: x * 2 → x / 2 [2]" in keys
