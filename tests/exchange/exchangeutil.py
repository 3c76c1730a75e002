"""Helpers of the exchange and notebook tests."""

from __future__ import annotations

import subprocess


def one_error_line(done: subprocess.CompletedProcess) -> str:
    """The single `grade: …` line of a usage error, after checking there is nothing else."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("grade: "), done.stderr
    return lines[0]
