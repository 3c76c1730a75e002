"""Fixtures of the Dask tests: a LocalCluster of two worker processes, the synthetic class graded
locally once (the rows the cluster must reproduce), and gradebook rows in comparable form."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS / "batch")]  # cliutil.py, synthetic.py

distributed = pytest.importorskip("distributed", reason="needs the [dask] extra")

from synthetic import SyntheticClass, build_class  # noqa: E402

from grader.classroom.batch import grade_class, read_roster  # noqa: E402
from grader.gradebook.store import Gradebook  # noqa: E402


def start_cluster(workers: int = 2, **kwargs) -> distributed.LocalCluster:
    """Worker processes of one thread each, as `grade batch --scheduler local` starts them."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
        **kwargs,
    )


@pytest.fixture(scope="session")
def cluster():
    with start_cluster() as found:
        yield found


@pytest.fixture(scope="session")
def client(cluster):
    with distributed.Client(cluster, set_as_default=False) as found:
        yield found


@pytest.fixture(scope="session")
def local_class(tmp_path_factory) -> SyntheticClass:
    """The synthetic class (30+ students: solutions, mutants, stubs, syntax errors, hangs, a
    crash, Moodle folders, a notebook) graded by the local path with two workers."""
    sc = build_class(tmp_path_factory.mktemp("synthetic"))
    with Gradebook(sc.db) as book:
        sc.outcome = grade_class(
            sc.folder, book, sc.exercises, workers=2, roster=read_roster(sc.roster)
        )
    assert sc.outcome.graded == sc.outcome.submissions and not sc.outcome.failed
    return sc


def _timeless(value):
    """A stored result without its timings (the only thing two gradings may differ in)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k != "duration"}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def gradebook_rows(db: Path) -> dict[tuple[str, str], tuple]:
    """(student, exercise) -> everything stored about the attempt but its time: hashes, seed,
    file name, score, checks (points, passed, feedback, misconception) and the whole result.
    Fails on a second attempt for the same submission (a duplicate row)."""
    conn = sqlite3.connect(db)
    rows = {}
    for attempt, student, exercise, *stored, result in conn.execute(
        "SELECT id, student, exercise, content_hash, suite_hash, seed, filename, score, "
        "max_score, loaded, result FROM attempts ORDER BY id"
    ):
        checks = conn.execute(
            "SELECT name, points, max_points, passed, feedback, misconception "
            "FROM check_results WHERE attempt = ? ORDER BY rowid",
            (attempt,),
        ).fetchall()
        assert (student, exercise) not in rows, f"duplicate row for {student}/{exercise}"
        rows[(student, exercise)] = (*stored, checks, _timeless(json.loads(result)))
    conn.close()
    return rows
