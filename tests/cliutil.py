"""Running the `grade` CLI as a user would, for the tests: in this process, or in a fresh one."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
# History written by CLI runs goes here unless a test passes its own NNLAB_DB, never to $HOME.
SCRATCH = Path(tempfile.mkdtemp(prefix="nnlab-tests-"))


def grade_environment(env: dict | None) -> dict[str, str | None]:
    """What every test's `grade` sees besides its own settings: no colour, and history kept in
    SCRATCH unless the test passes its own NNLAB_DB. A test's None unsets a variable."""
    return {"NO_COLOR": "1", "NNLAB_DB": str(SCRATCH / "progress.sqlite"), **(env or {})}


def process_environment(env: dict | None = None) -> dict[str, str]:
    """The environment of a process a test starts (`grade`, `dask`): this one's, which
    tests/conftest.py has made neutral, with the grader importable from ROOT, no colour, and `env`
    on top (a None unsets a variable). Built when the process starts, not at import."""
    merged = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return {name: value for name, value in merged.items() if value is not None}


def run_grade(
    *args: str,
    cwd: Path = ROOT,
    env: dict | None = None,
    input: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run `grade ARGS...` as `python -m grader` would, but in this process (through click's test
    runner, in `cwd`, with `env` added to the environment), and capture what the user would see:
    exit status, standard output, standard error. An exception the command lets escape is shown on
    standard error as Python shows it, with status 1. Grading still happens in sandboxed children.

    Saves the interpreter start and the imports of every call. Tests whose subject is the process
    itself (start-up imports, signals, a PATH looked up once per process) use `run_grade_fresh`.
    `timeout` is for `run_grade_fresh`; here the sandbox's own time limits bound a call."""
    from grader.cli import main

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, list(args), input=input, env=grade_environment(env), prog_name="python -m grader"
        )
    finally:
        os.chdir(previous)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["grade", *args], result.exit_code, result.stdout, stderr)


def run_grade_fresh(
    *args: str,
    cwd: Path = ROOT,
    env: dict | None = None,
    input: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run `grade ARGS...` in a fresh interpreter and capture what the user would see."""
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=cwd,
        env=process_environment(grade_environment(env)),
        capture_output=True,
        text=True,
        input=input,
        timeout=timeout,
    )


def copy_course(target: Path, names: tuple[str, ...] = ("sigmoid", "conv", "net")) -> Path:
    """A course folder holding only the exercises `names` of this project, and its quizzes."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in names:
        for folder in ("exercises", "solutions"):
            (target / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / folder / f"{name}.py", target / folder / f"{name}.py")
        shutil.copytree(
            ROOT / "grader" / "suites" / name, target / "grader" / "suites" / name, ignore=ignore
        )
    shutil.copytree(ROOT / "quizzes", target / "quizzes", ignore=ignore)
    return target


def run_json(*args: str, **kwargs) -> tuple[subprocess.CompletedProcess, dict]:
    done = run_grade(*args, "--json", **kwargs)
    return done, json.loads(done.stdout)


def list_rows(stdout: str) -> dict[str, str]:
    """`grade list` output as {exercise name: its line}, in the order shown."""
    rows = [re.match(r"^(?:→)?\s*\d+\.\s+(\S+)", line) for line in stdout.splitlines()]
    return {row.group(1): row.string for row in rows if row}


def stored_attempts(db: Path) -> int:
    """Rows in a gradebook's attempts table (0 while it does not exist yet)."""
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    except sqlite3.Error:
        return 0


def interrupt_batch(folder: Path, db: Path, *options: str, total: int) -> int:
    """Run `grade batch FOLDER --db DB OPTIONS`, press Ctrl-C once 3 submissions are stored, and
    check what must hold then: exit 130, the resume hint, no traceback, an intact gradebook whose
    rows were each committed whole, the run marked interrupted. Returns the rows stored."""
    command = [sys.executable, "-m", "grader", "batch", str(folder), "--db", str(db), *options]
    proc = subprocess.Popen(
        command,
        env=process_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None and stored_attempts(db) < 3:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Stopping: finishing the submissions in progress" in err
    assert "Interrupted:" in err and "run the same command again to resume" in err
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = stored_attempts(db)
    assert 3 <= stored < total
    checks = conn.execute(
        "SELECT count(*) FROM check_results c JOIN attempts a ON a.id = c.attempt GROUP BY a.id"
    ).fetchall()
    assert len(checks) == stored and len(set(checks)) == 1  # each row committed whole
    assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    conn.close()
    return stored
