"""Jupyter notebooks as submissions: the code cells, read with nbformat, as one Python source.

The code of a notebook is its code cells in order, each after a header line `# %% [cell N]`,
where N counts every cell of the notebook from 1 (markdown and raw cells too), top to bottom as
Jupyter shows them. Stored outputs, errors and widget state are ignored.

IPython syntax that plain Python cannot run is left out line for line, so that line numbers in
the joined code still point into the same cell (see `locate`):
  - a line magic (`%matplotlib inline`), a shell line (`!pip install numpy`, `files = !ls`) or a
    help line (`np.sum?`) becomes a comment (`pass` with a comment where it is indented, so that
    a block stays a block). Only cells that do not parse as Python are touched: a line starting
    with `%` inside brackets is an ordinary modulo.
  - a cell magic (`%%bash`, `%%writefile`, ...) leaves out the whole cell; `%%time`, `%%timeit`
    and `%%capture` only time or capture Python code, so there only the magic line goes.
Every line left out is reported as a notice, in the student's language, through grader/locale.

A notebook that is not JSON, or whose cells cannot be read, is an InputError (one line). One
that nbformat finds invalid only in details the grader does not need (metadata, outputs, cell
ids) is graded, with a notice, as Jupyter itself would still open it.
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import nbformat

from grader.course.limits import MAX_SOURCE_BYTES, NOTEBOOK_SUFFIX
from grader.errors import InputError
from grader.i18n import wording
from grader.model import ExerciseResult, Feedback

MAX_DROPPED_NOTICES = 5
CELL_HEADER = "# %% [cell {}]"
PYTHON_BODY_MAGICS = frozenset({"time", "timeit", "capture"})

_HEADER = re.compile(r"# %% \[cell (\d+)\]\Z")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_IPYTHON_LINE = re.compile(r"\s*(?:[%!]|[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*[%!])")  # x = !ls
_HELP_LINE = re.compile(r"\s*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})\s*\Z")  # ?np.sum, np.sum??


def is_notebook(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() == NOTEBOOK_SUFFIX


def _message(key: str, **params: object) -> str:
    return wording.say(key, wording.default_language(), **params)


def notebook_code(data: bytes | str, path: str | os.PathLike) -> tuple[str, list[Feedback]]:
    """(the Python source of the notebook's code cells, notices about what was left out).

    `data` is the notebook file's content; `path` only names it in errors."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(_message("notebook.not-utf8", byte=exc.start), path) from None
    notebook, notices = _read(data.lstrip("\ufeff"), path)
    lines: list[str] = []
    code_cells = dropped = 0
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type != "code":
            continue
        code_cells += 1
        lines.append(CELL_HEADER.format(number))
        cell_lines, cell_notices = _clean_cell(cell.source, number)
        lines.extend(cell_lines)
        for notice in cell_notices:
            dropped += notice.key == "notebook.dropped"
            if notice.key != "notebook.dropped" or dropped <= MAX_DROPPED_NOTICES:
                notices.append(notice)
    if dropped > MAX_DROPPED_NOTICES:
        notices.append(Feedback("notebook.dropped-more", {"count": dropped - MAX_DROPPED_NOTICES}))
    if not code_cells:
        notices.append(Feedback("notebook.no-code", {}))
    source = "\n".join(lines) + "\n"
    if len(source.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise InputError(_message("notebook.code-too-large", limit=MAX_SOURCE_BYTES // 1024), path)
    return source, notices


def _read(text: str, path: str | os.PathLike) -> tuple[nbformat.NotebookNode, list[Feedback]]:
    """The notebook as nbformat v4, or InputError; notices for details nbformat finds invalid."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _message("notebook.not-json", detail=f"{exc.msg}, column {exc.colno}"), path, exc.lineno
        ) from None
    if not isinstance(raw, dict):
        raise InputError(
            _message("notebook.not-notebook", detail="the top level is not a JSON object"), path, 1
        )
    try:
        notebook = nbformat.convert(nbformat.reader.reads(text), 4)
        errors = list(nbformat.validator.iter_validate(notebook))
    except (
        nbformat.ValidationError,
        nbformat.reader.NotJSONError,
        ValueError,
        TypeError,
        AttributeError,
        KeyError,
    ) as exc:
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise InputError(
            _message("notebook.not-notebook", detail=_one_line(detail)), path
        ) from None
    problem = _unreadable(notebook)
    if problem:
        raise InputError(_message("notebook.not-notebook", detail=problem), path) from None
    notices = [Feedback("notebook.invalid", {"detail": _describe(errors[0])})] if errors else []
    return notebook, notices


def _unreadable(notebook: object) -> str | None:
    """What keeps the code cells from being read, or None."""
    cells = getattr(notebook, "cells", None)
    if not isinstance(cells, list):
        return "'cells' is not a list"
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            return f"cells[{index}]: 'cell_type' is missing"
        if cell["cell_type"] == "code" and not isinstance(cell.get("source"), str):
            return f"cells[{index}]: 'source' is a required property of a code cell"
    return None


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(error: nbformat.ValidationError) -> str:
    """`cells[2].outputs[0]: 'name' is a required property`, without a dump of the instance."""
    where = ""
    for part in getattr(error, "absolute_path", None) or getattr(error, "path", None) or ():
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    message = str(getattr(error, "message", error))
    for tail in (" is not valid under any of the given schemas", " is not valid"):
        if message.endswith(tail) and message.startswith(("{", "[")):
            message = tail.strip()
    return _one_line(f"{where}: {message}" if where else message)


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return True


def _left_out(line: str) -> str:
    """A line that stands in for `line`: a comment, or `pass` where the line is indented."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    return f"{indent}{'pass  ' if indent else ''}# left out by nnlab: {stripped}"


def _is_ipython(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return False
    return bool(_IPYTHON_LINE.match(line) or _HELP_LINE.match(line))


def _clean_cell(source: str, number: int) -> tuple[list[str], list[Feedback]]:
    """The cell's lines with IPython-only lines replaced (one for one), and notices."""
    lines = _NEWLINE.split(source)
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return [], []
    notices: list[Feedback] = []
    first = lines[0].strip()
    if first.startswith("%%"):
        magic = first.split()[0]
        if magic[2:] not in PYTHON_BODY_MAGICS:
            notices.append(Feedback("notebook.cell-magic", {"cell": number, "magic": magic}))
            return [_left_out(line) if line.strip() else line for line in lines], notices
        notices.append(Feedback("notebook.cell-magic-body", {"cell": number, "magic": magic}))
        lines[0] = _left_out(lines[0].lstrip())
    if _parses("\n".join(lines)):
        return lines, notices
    for index, line in enumerate(lines):
        if _is_ipython(line):
            notices.append(
                Feedback(
                    "notebook.dropped",
                    {"cell": number, "line": index + 1, "code": _one_line(line, 60)},
                )
            )
            lines[index] = _left_out(line)
    return lines, notices


def locate(source: str, line: int) -> tuple[int, int] | None:
    """(cell number, line in that cell) of line `line` of a notebook's joined code."""
    lines = source.split("\n")
    if not 1 <= line <= len(lines):
        return None
    for index in range(line - 1, -1, -1):
        match = _HEADER.match(lines[index])
        if match:
            return (int(match.group(1)), line - 1 - index) if index != line - 1 else None
    return None


def _reported_lines(result: ExerciseResult) -> list[int]:
    found = [result.error] if result.error else []
    found += [check.feedback for check in result.checks if check.feedback]
    lines = [feedback.params.get("line") for feedback in found]
    return sorted({line for line in lines if type(line) is int})


def line_notices(path: str | os.PathLike, source: str, result: ExerciseResult) -> list[Feedback]:
    """For a notebook, where each line number the report mentions lies: cell and line."""
    if not is_notebook(path):
        return []
    notices = []
    for line in _reported_lines(result):
        where = locate(source, line)
        if where:
            notices.append(
                Feedback("notebook.line", {"line": line, "cell": where[0], "cell_line": where[1]})
            )
    return notices
