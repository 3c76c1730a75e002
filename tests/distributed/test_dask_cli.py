"""`grade batch --scheduler` through the real CLI: a LocalCluster, a running `dask scheduler`
and `dask worker`, an unreachable or mismatched cluster, Ctrl-C and a lost scheduler."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cliutil import ROOT, interrupt_batch, process_environment, run_grade, stored_attempts
from daskutil import gradebook_rows, start_cluster
from synthetic import write

from grader.course.load import all_exercises

SIGMOID = all_exercises()["sigmoid"]


attempts = stored_attempts


def errors(stderr: str) -> list[str]:
    """The error lines among the progress lines on standard error."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("grade:")]


def same_sigmoid_class(folder, count: int):
    solution = SIGMOID.solution.read_text()
    for i in range(count):
        write(folder / f"s{i:03}", {"sigmoid.py": f"{solution}\n# student {i}\n"})
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*args: str, cwd, env: dict | None = None) -> subprocess.Popen:
    """`dask ARGS...` (a scheduler or a worker) as on a real machine."""
    return subprocess.Popen(
        [sys.executable, "-m", "dask", *args],
        cwd=cwd,
        env=env or process_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_scheduler_local_grades_like_the_local_path(small_class, tmp_path):
    local = run_grade("batch", str(small_class), "--db", str(tmp_path / "local.sqlite"), "-j", "2")
    assert local.returncode == 0, local.stderr
    db = tmp_path / "dask.sqlite"
    done = run_grade("batch", str(small_class), "--db", str(db), "--scheduler", "local", "-j", "2")
    assert done.returncode == 0, done.stderr
    assert "Grading 3 submissions of 3 students with 2 worker(s)" in done.stdout
    assert "Graded 3 submissions" in done.stdout and "graded 3/3" in done.stderr
    assert "Class report: students 3, submitted 3, did not submit 0" in done.stdout
    assert gradebook_rows(db) == gradebook_rows(tmp_path / "local.sqlite")
    again = run_grade(
        "batch", str(small_class), "--db", str(db), "-j", "1", env={"NNLAB_SCHEDULER": "local"}
    )
    assert "3 submissions unchanged since they were last graded: skipped" in again.stdout
    assert attempts(db) == 3


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_unreachable_scheduler_is_one_line_and_exit_2(small_class, tmp_path, how):
    address = f"tcp://127.0.0.1:{free_port()}"
    db = tmp_path / "g.sqlite"
    args = ["--scheduler", address] if how == "option" else []
    done = run_grade(
        "batch",
        str(small_class),
        "--db",
        str(db),
        *args,
        env={"NNLAB_SCHEDULER": address} if how == "environment" else None,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"grade: cannot reach the Dask scheduler at {address}: [Errno 111] Connection refused"
    ]
    assert not db.exists()  # nothing was started


def test_a_cluster_whose_workers_grade_differently_is_refused(small_class, tmp_path):
    course = tmp_path / "course"
    for part in ("exercises", "solutions", "grader/suites"):
        shutil.copytree(ROOT / part, course / part, ignore=shutil.ignore_patterns("__pycache__"))
    with open(course / "grader/suites/sigmoid/test_sigmoid.py", "a") as suite:
        suite.write("\n# a check changed on the workers only\n")
    db = tmp_path / "g.sqlite"
    with start_cluster(workers=1, env={"NNLAB_ROOT": str(course)}) as cluster:
        address = cluster.scheduler_address
        refused = run_grade(
            "batch", str(small_class), "--db", str(db), "-e", "sigmoid", "--scheduler", address
        )
        conv = run_grade(
            "batch", str(small_class), "--db", str(db), "-e", "conv", "--scheduler", address
        )
    assert refused.returncode == 2
    [line] = errors(refused.stderr)
    assert line.startswith("grade: the Dask worker tcp://")
    assert line.endswith(
        "grades differently: the hidden suite or reference solution of "
        "sigmoid differs; install the same nnlab on every worker"
    )
    assert refused.stdout == ""
    assert conv.returncode == 0, conv.stderr  # what is the same there may be graded there
    assert attempts(db) == 0


def test_a_worker_that_cannot_import_the_grader_is_one_line(small_class, tmp_path):
    fake = tmp_path / "fake" / "grader"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not the course grader')\n")
    db = tmp_path / "g.sqlite"
    with start_cluster(workers=0) as cluster:
        worker = start(
            "worker",
            cluster.scheduler_address,
            "--nthreads",
            "1",
            "--no-dashboard",
            cwd=tmp_path,
            env=process_environment({"PYTHONPATH": str(fake.parent)}),
        )
        try:
            done = run_grade(
                "batch", str(small_class), "--db", str(db), "--scheduler", cluster.scheduler_address
            )
        finally:
            stop(worker)
    assert done.returncode == 2
    [line] = errors(done.stderr)
    assert line.startswith("grade: the Dask worker tcp://") and line.endswith(
        "cannot run the grader (is nnlab installed there?): ImportError('not the course grader')"
    ), line
    assert not db.exists()


def test_ctrl_c_on_a_cluster_leaves_a_consistent_gradebook_and_a_rerun_resumes(tmp_path):
    folder, db = same_sigmoid_class(tmp_path / "class", 60), tmp_path / "g.sqlite"
    stored = interrupt_batch(folder, db, "--scheduler", "local", "-j", "2", total=60)
    resumed = run_grade("batch", str(folder), "--db", str(db), "--scheduler", "local", "-j", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{stored} submissions unchanged since they were last graded" in resumed.stdout
    assert f"Graded {60 - stored} submissions" in resumed.stdout
    assert attempts(db) == 60 and len(gradebook_rows(db)) == 60


def scheduler_address(info: Path) -> str:
    """The address in a `dask scheduler --scheduler-file`, once the scheduler has written it
    whole (the file exists, empty, for a moment before)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            return json.loads(info.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise AssertionError(f"the scheduler wrote no address to {info} within 60 s")


def test_dask_scheduler_and_worker_then_the_scheduler_is_lost(tmp_path):
    """`dask scheduler` and `dask worker` as on real machines; the scheduler dies mid-batch:
    one line, a consistent gradebook, and a re-run (here on this machine) resumes."""
    folder, db = same_sigmoid_class(tmp_path / "class", 80), tmp_path / "g.sqlite"
    info = tmp_path / "scheduler.json"
    scheduler = start("scheduler", "--scheduler-file", str(info), "--no-dashboard", cwd=tmp_path)
    worker = None
    try:
        address = scheduler_address(info)
        worker = start("worker", address, "--nthreads", "1", "--no-dashboard", cwd=tmp_path)
        command = [
            sys.executable,
            "-m",
            "grader",
            "batch",
            str(folder),
            "--db",
            str(db),
            "--scheduler",
            address,
        ]
        batch = subprocess.Popen(
            command,
            env=process_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and batch.poll() is None and attempts(db) < 5:
            time.sleep(0.05)
        assert batch.poll() is None, "the batch ended before the scheduler could be lost"
        os.killpg(scheduler.pid, signal.SIGKILL)
        out, err = batch.communicate(timeout=120)
    finally:
        stop(scheduler)
        if worker is not None:
            stop(worker)
    assert batch.returncode == 1, err
    assert "Grading 80 submissions of 80 students with 1 worker(s)" in out
    assert errors(err) == [
        f"grade: grading stopped: lost the connection to the Dask scheduler "
        f"at {address}; what was graded is stored, run the same command "
        "again to resume"
    ]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    conn.close()
    stored = attempts(db)
    assert 5 <= stored < 80
    resumed = run_grade("batch", str(folder), "--db", str(db), "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{stored} submissions unchanged since they were last graded" in resumed.stdout
    assert attempts(db) == 80 and len(gradebook_rows(db)) == 80
