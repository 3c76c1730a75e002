"""Running the `grade` CLI in a fresh interpreter, as a user would, for the tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# History written by CLI runs goes here unless a test passes its own NNLAB_DB, never to $HOME.
SCRATCH = Path(tempfile.mkdtemp(prefix="nnlab-tests-"))


def run_grade(*args: str, cwd: Path = ROOT, env: dict | None = None,
              input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `grade ARGS...` in a fresh interpreter and capture what the user would see."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1",
                "NNLAB_DB": str(SCRATCH / "progress.sqlite"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=timeout)


def run_json(*args: str, **kwargs) -> tuple[subprocess.CompletedProcess, dict]:
    done = run_grade(*args, "--json", **kwargs)
    return done, json.loads(done.stdout)


def list_rows(stdout: str) -> dict[str, str]:
    """`grade list` output as {exercise name: its line}, in the order shown."""
    rows = [re.match(r"^(?:→)?\s*\d+\.\s+(\S+)", line) for line in stdout.splitlines()]
    return {row.group(1): row.string for row in rows if row}
