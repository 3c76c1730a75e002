"""Automatic mutants: small mechanical edits of a reference solution's syntax tree.

Every operator below looks at one node and proposes replacements for it. `generate(source)` puts
each proposal into the tree in turn, unparses the module, and keeps the mutants that compile and
differ from the solution and from every earlier mutant. The order is the source order, so the
same solution always gives the same mutants; each carries a stable key (`scope: before → after`,
independent of line numbers) by which an author can accept a survivor, its line, and the
operator that made it.

Operators (the mistakes they stand for):
  arithmetic  + ↔ -, * ↔ /, / → //, // → /, ** → *, @ → *, % → //   (wrong operator)
  comparison  < ↔ <=, > ↔ >=, == ↔ !=, is ↔ is not, in ↔ not in, and ↔ or   (boundaries)
  constant    a number n → n + 1 and n - 1, True ↔ False                  (off by one)
  swap        f(a, b) → f(b, a); a - b → b - a for non-commutative operators
  drop        a + b → a and → b; f(x, ...) → x; -x → x; not x → x; f(x, k=v) → f(x)
  bound       x[a:b] → x[a±1:b], x[a:b±1]; range(n) → range(n ± 1)   (slice and loop bounds)
  statement   one statement → pass                                     (a forgotten step)
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

TEXT_WIDTH = 60

ARITHMETIC: dict[type, tuple[type, ...]] = {
    ast.Add: (ast.Sub,),
    ast.Sub: (ast.Add,),
    ast.Mult: (ast.Div,),
    ast.Div: (ast.Mult, ast.FloorDiv),
    ast.FloorDiv: (ast.Div,),
    ast.Pow: (ast.Mult,),
    ast.MatMult: (ast.Mult,),
    ast.Mod: (ast.FloorDiv,),
}
COMPARISON: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
DROPPABLE = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.MatMult, ast.Pow)
STATEMENTS = (
    ast.Assign,
    ast.AugAssign,
    ast.AnnAssign,
    ast.Expr,
    ast.If,
    ast.For,
    ast.While,
    ast.Raise,
    ast.Assert,
    ast.With,
)


@dataclass(frozen=True)
class AstMutant:
    """One automatic mutant of a reference solution."""

    key: str
    line: int
    operator: str
    before: str
    after: str
    source: str

    @property
    def description(self) -> str:
        return f"line {self.line}: {self.before} → {self.after} ({self.operator})"


def _number(value: float | int) -> ast.expr:
    """A numeric literal; negative ones as unary minus, so unparsing keeps the precedence."""
    if value < 0:
        return ast.UnaryOp(ast.USub(), ast.Constant(-value))
    return ast.Constant(value)


def _plus(node: ast.expr, delta: int) -> ast.expr:
    """`node ± 1`, folded for a number (so `x[1:]` → `x[2:]`, the constant operator's edit)."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return _number(cast(float, node.value) + delta)  # an int or float, as just checked
    return ast.BinOp(node, ast.Add() if delta > 0 else ast.Sub(), ast.Constant(1))


def arithmetic(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.BinOp):
        for op in ARITHMETIC.get(type(node.op), ()):
            yield ast.BinOp(node.left, op(), node.right)
    elif isinstance(node, ast.AugAssign):
        for op in ARITHMETIC.get(type(node.op), ()):
            yield ast.AugAssign(node.target, op(), node.value)


def comparison(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in COMPARISON:
                ops = list(node.ops)
                ops[index] = COMPARISON[type(op)]()
                yield ast.Compare(node.left, ops, node.comparators)
    elif isinstance(node, ast.BoolOp):
        yield ast.BoolOp(ast.Or() if isinstance(node.op, ast.And) else ast.And(), node.values)


def constant(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            yield ast.Constant(not node.value)
        elif isinstance(node.value, (int, float)):
            yield _number(node.value + 1)
            yield _number(node.value - 1)


def swap(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.Call):
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        if len(positional) == len(node.args):
            for index in range(len(node.args) - 1):
                args = list(node.args)
                args[index], args[index + 1] = args[index + 1], args[index]
                yield ast.Call(node.func, args, node.keywords)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, NON_COMMUTATIVE):
        yield ast.BinOp(node.right, node.op, node.left)


def drop(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, DROPPABLE):
        yield node.left
        yield node.right
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        yield node.operand
    elif isinstance(node, ast.Call):
        if node.args and not isinstance(node.args[0], ast.Starred):
            yield node.args[0]
        for index in range(len(node.keywords)):
            if node.keywords[index].arg is not None:
                yield ast.Call(
                    node.func, node.args, node.keywords[:index] + node.keywords[index + 1 :]
                )


def bound(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.Slice):
        for field in ("lower", "upper"):
            value = getattr(node, field)
            for delta in (1, -1):
                if value is None and (field == "upper" or delta < 0):
                    continue
                moved = ast.Constant(1) if value is None else _plus(value, delta)
                yield ast.Slice(
                    **cast(
                        dict[str, Any],
                        {"lower": node.lower, "upper": node.upper, "step": node.step, field: moved},
                    )
                )
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "range"
        and not node.keywords
    ):
        for index, arg in enumerate(node.args[:2]):
            for delta in (1, -1):
                args = list(node.args)
                args[index] = _plus(arg, delta)
                yield ast.Call(node.func, args, [])


def statement(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, STATEMENTS):
        yield ast.Pass()


OPERATORS: dict[str, Callable[[ast.AST], Iterator[ast.AST]]] = {
    "arithmetic": arithmetic,
    "comparison": comparison,
    "constant": constant,
    "swap": swap,
    "drop": drop,
    "bound": bound,
    "statement": statement,
}


@dataclass
class _Site:
    """Where a node sits in the tree, so a replacement can be put in and taken out again."""

    node: ast.AST
    parent: ast.AST
    field: str
    index: int | None
    scope: str

    def put(self, replacement: ast.AST) -> None:
        if self.index is None:
            setattr(self.parent, self.field, replacement)
        else:
            getattr(self.parent, self.field)[self.index] = replacement

    def restore(self) -> None:
        self.put(self.node)


def _is_docstring(node: ast.AST, parent: ast.AST, index: int | None) -> bool:
    return (
        index == 0
        and isinstance(parent, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _sites(parent: ast.AST, scope: str) -> Iterator[_Site]:
    """Every mutable node in source order, skipping docstrings, imports and annotations."""
    if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        scope = parent.name if scope == "module" else f"{scope}.{parent.name}"
    for field, value in ast.iter_fields(parent):
        if field in ("annotation", "returns", "decorator_list", "type_comment"):
            continue
        children = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, child in children:
            if not isinstance(child, ast.AST) or isinstance(child, (ast.Import, ast.ImportFrom)):
                continue
            if _is_docstring(child, parent, index):
                continue
            yield _Site(child, parent, field, index, scope)
            yield from _sites(child, scope)


def _short(node: ast.AST) -> str:
    text = ast.unparse(node) if not isinstance(node, ast.Pass) else "pass"
    first, *rest = text.splitlines() or [""]
    text = first + (" …" if rest else "")
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"


def _shown(site: _Site, replacement: ast.AST) -> tuple[str, str] | None:
    """For a bare literal, the text around it, so `2.0 * x → 3.0 * x` rather than `2.0 → 3.0`
    and `stride=1 → stride=2` for a default; None to show the node itself."""
    leaf = isinstance(site.node, ast.Constant) or (
        isinstance(site.node, ast.UnaryOp) and isinstance(site.node.operand, ast.Constant)
    )
    if not leaf:
        return None
    if isinstance(site.parent, ast.expr):
        site.put(site.node)
        before = _short(site.parent)
        site.put(replacement)
        return before, _short(site.parent)
    if isinstance(site.parent, ast.keyword) and site.parent.arg:
        return (
            f"{site.parent.arg}={_short(site.node)}",
            f"{site.parent.arg}={_short(replacement)}",
        )
    if isinstance(site.parent, ast.arguments) and site.field == "defaults":
        assert site.index is not None  # `defaults` is a list
        params = site.parent.posonlyargs + site.parent.args
        name = params[len(params) - len(site.parent.defaults) + site.index].arg
        return f"{name}={_short(site.node)}", f"{name}={_short(replacement)}"
    return None


def _compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


def generate(source: str, operators: dict[str, Callable] | None = None) -> list[AstMutant]:
    """Every distinct, compiling mutant of `source`, in source order."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    seen = {original}
    keys: dict[str, int] = {}
    mutants = []
    for site in list(_sites(tree, "module")):
        for name, operator in (operators or OPERATORS).items():
            for replacement in list(operator(site.node)):
                site.put(replacement)
                try:
                    mutated = ast.unparse(tree)
                    before, after = _shown(site, replacement) or (
                        _short(site.node),
                        _short(replacement),
                    )
                except (AttributeError, TypeError, ValueError):
                    continue
                finally:
                    site.restore()
                if mutated in seen or not _compiles(mutated):
                    continue
                seen.add(mutated)
                key = f"{site.scope}: {before} → {after}"
                keys[key] = keys.get(key, 0) + 1
                if keys[key] > 1:
                    key += f" [{keys[key]}]"
                line: int = getattr(site.node, "lineno", 0) or getattr(site.parent, "lineno", 0)
                mutants.append(AstMutant(key, line, name, before, after, mutated))
    return mutants
