"""Reading a submission from disk: size-capped bytes, then the code to grade (a .py file as it
is, a notebook's code cells)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from grader.course.limits import MAX_NOTEBOOK_BYTES, MAX_SOURCE_BYTES, NOTEBOOK_SUFFIX
from grader.errors import InputError
from grader.model import Feedback


def read_bytes(path: str | os.PathLike, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """A submission file's bytes; InputError for a missing, unreadable or huge file."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path)
    if not path.is_file():
        raise InputError("not a file", path)
    if path.stat().st_size > limit:
        raise InputError(f"file is larger than {limit // 1024} KiB", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


def decode_source(data: bytes, path: str | os.PathLike) -> tuple[str, list[Feedback]]:
    """The code to grade in a submission file's content (e.g. a member of a zip), and notices
    on how it was obtained: a .py file as it is, a notebook's code cells (grader.course.notebook)."""
    if Path(path).suffix.lower() == NOTEBOOK_SUFFIX:
        from grader.course.notebook import notebook_code  # nbformat only for notebooks

        return notebook_code(data, path)
    try:
        text = data.decode("utf-8-sig")  # a BOM, as Windows Notepad writes one, is dropped
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path) from None
    return universal_newlines(text), []


def universal_newlines(text: str) -> str:
    """`text` with Windows (CRLF) and old Mac (CR) line ends as `\n`, as Python itself reads a
    .py file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str | os.PathLike) -> tuple[str, list[Feedback]]:
    """The code to grade in the file at `path` (.py or .ipynb), and notices (see decode_source)."""
    notebook = Path(path).suffix.lower() == NOTEBOOK_SUFFIX
    return decode_source(
        read_bytes(path, MAX_NOTEBOOK_BYTES if notebook else MAX_SOURCE_BYTES), path
    )


def read_submission(path: str | os.PathLike) -> str:
    """The submission's source text; InputError for a missing, unreadable or huge file."""
    return read_source(path)[0]


def imported_names(source: str, candidates: Iterable[str]) -> list[str]:
    """The names among `candidates` that `source` may import (`import conv`, `from sigmoid
    import sigmoid`): a cheap textual test, so only those files are sent along with it."""
    found = []
    for name in candidates:
        if re.search(rf"^\s*(?:from\s+{name}\b|import\s+(?:[\w.]+\s*,\s*)*{name}\b)", source, re.M):
            found.append(name)
    return found


def sibling_sources(path: str | os.PathLike, source: str, exercises: Iterable[str]) -> dict:
    """The exercise files next to `path` that `source` imports: {name: code}, with None for one
    that is imported but not there (the child then says which file is missing)."""
    folder, own = Path(path).parent, Path(path).stem
    siblings: dict[str, str | None] = {}
    for name in imported_names(source, [e for e in exercises if e != own]):
        siblings[name] = None
        for suffix in (".py", NOTEBOOK_SUFFIX):
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                try:
                    siblings[name] = read_source(candidate)[0]
                except InputError:
                    pass
                break
    return siblings
