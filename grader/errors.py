"""Errors the command line reports as one line (exit status 2) instead of a traceback."""


class GraderUnavailable(RuntimeError):
    """Grading cannot run here: the sandbox cannot start, or a hidden suite is broken."""
