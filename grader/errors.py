"""The one family of errors the command line reports as one line (exit status 2) instead of a
traceback. Every user-facing error is a `GraderError`."""

from __future__ import annotations

import os


class GraderError(Exception):
    """An error the CLI turns into one `grade: …` line and exit status 2."""

    def one_line(self) -> str:
        return str(self).splitlines()[0] if str(self) else type(self).__name__


class InputError(GraderError):
    """Bad input from the user: one line, naming the file (and line) where known."""

    def __init__(
        self, message: str, path: str | os.PathLike | None = None, line: int | None = None
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = f"{self.path}:{line}: " if path and line else f"{self.path}: " if path else ""
        super().__init__(f"{where}{message}")


class GraderUnavailable(GraderError, RuntimeError):
    """Grading cannot run here: the sandbox cannot start, or a hidden suite is broken."""

    def one_line(self) -> str:
        return f"cannot grade here: {super().one_line()}"
