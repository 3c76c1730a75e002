"""Helpers of the Dask tests: a LocalCluster as `grade batch --scheduler local` starts one, and
gradebook rows in comparable form."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import distributed


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
