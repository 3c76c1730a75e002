"""The disguises a student puts on a copied solution, as functions of its source.

Each keeps the program working (the exercise's own functions and their parameters keep their
names, library calls are untouched) and changes what a text diff would see.
"""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Callable
from pathlib import Path

PUBLIC = {
    "conv2d",
    "image",
    "kernel",
    "stride",
    "padding",
    "max_pool2d",
    "avg_pool2d",
    "x",
    "size",
    "self",
}
KEEP = PUBLIC | set(keyword.kwlist) | set(dir(builtins))


def _imported(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            names.update(a.name for a in node.names)
            names.update((node.module or "").split("."))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names.update(alias.name.split("."))
        elif isinstance(node, ast.keyword) and node.arg:
            names.add(node.arg)  # a library call's keyword argument
    return names


def _replace_tokens(source: str, change: Callable[[tokenize.TokenInfo, str], str | None]) -> str:
    """`source` with single-line tokens replaced where `change(token, previous)` says."""
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []
    previous = ""
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        new = change(tok, previous)
        if new is not None and tok.start[0] == tok.end[0]:
            edits.append((tok.start[0], tok.start[1], tok.end[1], new))
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous = tok.string
    for line, start, end, new in sorted(edits, reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[:start] + new + text[end:]
    return "".join(lines)


def rename(source: str) -> str:
    """Every variable, parameter of a helper, helper function and the numpy alias renamed."""
    keep = KEEP | _imported(source)
    keep.discard("np")
    names: dict[str, str] = {}

    def change(tok: tokenize.TokenInfo, previous: str) -> str | None:
        if tok.type != tokenize.NAME or tok.string in keep or previous == ".":
            return None
        return names.setdefault(tok.string, f"my_{tok.string[::-1]}{len(names)}")

    return _replace_tokens(source, change)


def recomment(source: str) -> str:
    """Comments reworded, docstrings rewritten, comments added before loops, `if`s, returns."""

    def change(tok: tokenize.TokenInfo, previous: str) -> str | None:
        if tok.type == tokenize.COMMENT:
            return "# мой комментарий: здесь считаем"
        if tok.type == tokenize.STRING and tok.line.strip().startswith(('"""', "'''")):
            return '"""Эту функцию я написал сам, по лекции."""'
        return None

    lines = _replace_tokens(source, change).splitlines(keepends=True)
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("for ", "while ", "if ", "return ")):
            out.append(line[: len(line) - len(stripped)] + "# проходим по всем позициям\n")
        out.append(line)
    return "".join(out)


def _top_level_defs(tree: ast.Module) -> list[ast.stmt]:
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


def reorder(source: str) -> str:
    """The top-level functions (and classes) in reverse order."""
    lines = source.splitlines(keepends=True)
    defs = _top_level_defs(ast.parse(source))
    if len(defs) < 2:
        return source
    starts = [min([d.lineno] + [x.lineno for x in getattr(d, "decorator_list", [])]) for d in defs]
    first = min(starts) - 1
    chunks = [
        "".join(lines[s - 1 : d.end_lineno]).rstrip("\n") + "\n"
        for s, d in zip(starts, defs, strict=True)
    ]
    tail = "".join(lines[max(d.end_lineno or 0 for d in defs) :])
    return "".join(lines[:first]) + "\n\n".join(reversed(chunks)) + tail


def dead_code(source: str) -> str:
    """An unused helper at the top and unused statements at the start of every function."""
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    inserts: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            body = node.body
            docstring = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            anchor = body[0].end_lineno if docstring and len(body) > 1 else body[0].lineno - 1
            indent = " " * (body[1 if docstring and len(body) > 1 else 0].col_offset)
            inserts.append(
                (
                    anchor or 0,
                    f"{indent}debug_counter = 0\n"
                    f"{indent}if debug_counter > 10:\n"
                    f"{indent}    print('debug', debug_counter)\n",
                )
            )
    defs = _top_level_defs(tree)
    helper = (
        "def unused_helper(values, scale=2):\n"
        "    result = []\n"
        "    for value in values:\n"
        "        result.append(value * scale + 1)\n"
        "    return result\n\n\n"
    )
    inserts.append((defs[0].lineno - 1, helper))
    for line, text in sorted(inserts, key=lambda item: item[0], reverse=True):
        lines.insert(line, text)
    return "".join(lines)


def _ruff() -> str | None:
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff")


def ruff_format(source: str) -> str:
    """The source as `ruff format --line-length 60` writes it (short lines: many splits,
    trailing commas added)."""
    ruff = _ruff()
    if ruff is None:
        raise RuntimeError("ruff is not installed")
    done = subprocess.run(
        [ruff, "format", "--line-length", "60", "--no-cache", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def unparse(source: str) -> str:
    """The source as `ast.unparse` writes it: comments gone, quotes and parentheses
    normalised."""
    return ast.unparse(ast.parse(source)) + "\n"


def combined(source: str) -> str:
    """Every disguise at once."""
    return ruff_format(dead_code(reorder(recomment(rename(source)))))


DISGUISES: dict[str, Callable[[str], str]] = {
    "renamed": rename,
    "recommented": recomment,
    "reordered": reorder,
    "ruff-formatted": ruff_format,
    "unparsed": unparse,
    "dead-code": dead_code,
    "combined": combined,
}
