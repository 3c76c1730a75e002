"""Reading a submission from disk: size-capped bytes, then the code to grade (a .py file as it
is, a notebook's code cells)."""

from __future__ import annotations

import os
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
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path) from None


def read_source(path: str | os.PathLike) -> tuple[str, list[Feedback]]:
    """The code to grade in the file at `path` (.py or .ipynb), and notices (see decode_source)."""
    notebook = Path(path).suffix.lower() == NOTEBOOK_SUFFIX
    return decode_source(
        read_bytes(path, MAX_NOTEBOOK_BYTES if notebook else MAX_SOURCE_BYTES), path
    )


def read_submission(path: str | os.PathLike) -> str:
    """The submission's source text; InputError for a missing, unreadable or huge file."""
    return read_source(path)[0]
