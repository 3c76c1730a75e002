"""The synthetic class graded on a two-worker LocalCluster gives exactly the local gradebook rows,
also when a worker process is killed in the middle of the batch."""

from __future__ import annotations

import dataclasses
import os
import signal

import pytest
from daskutil import gradebook_rows
from synthetic import HANG_LIMIT, build_class

from grader.classroom.batch import Reporter, grade_class, read_roster
from grader.classroom.dask_executor import DaskExecutor
from grader.classroom.pool import GradingStopped
from grader.gradebook.store import Gradebook


def worker_pids(client) -> dict[str, int]:
    return client.run(os.getpid)


def grade_on(cluster, sc, db, reporter=None):
    with DaskExecutor(cluster.scheduler_address) as executor, Gradebook(db) as book:
        return grade_class(
            sc.folder,
            book,
            sc.exercises,
            roster=read_roster(sc.roster),
            reporter=reporter,
            executor=executor,
        )


def test_the_cluster_gives_the_rows_of_the_local_batch(cluster, client, graded_class, tmp_path):
    sc = graded_class
    assert len(sc.plan) >= 30
    before = worker_pids(client)
    outcome = grade_on(cluster, sc, tmp_path / "dask.sqlite")
    assert (outcome.graded, outcome.submissions, outcome.failed) == (
        sc.outcome.graded,
        sc.outcome.submissions,
        [],
    )
    local, dask = gradebook_rows(sc.db), gradebook_rows(tmp_path / "dask.sqlite")
    assert dask.keys() == local.keys()
    for key, row in local.items():
        assert dask[key] == row, key
    # hanging and crashing submissions cost their own checks only, never a worker
    hung = dask[("hang-derivative", "sigmoid")][-1]
    assert any(
        c["feedback"]
        and c["feedback"]["key"] == "timeout"
        and c["feedback"]["params"]["seconds"] == HANG_LIMIT
        for c in hung["checks"]
    )
    crashed = dask[("crash-derivative", "sigmoid")][-1]
    assert any(c["feedback"] and c["feedback"]["key"] == "crashed" for c in crashed["checks"])
    assert worker_pids(client) == before


def test_a_worker_killed_mid_batch_loses_nothing(cluster, client, graded_class, tmp_path):
    sc = graded_class
    killed: list[int] = []

    class KillOneWorker(Reporter):
        def graded(self, result, done, total):
            if done == 6 and not killed:
                busy = [address for address, keys in client.processing().items() if keys]
                address = busy[0] if busy else sorted(client.processing())[0]
                pid = client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    outcome = grade_on(cluster, sc, tmp_path / "killed.sqlite", KillOneWorker())
    assert killed, "no worker was killed"
    assert (outcome.graded, outcome.failed, outcome.interrupted) == (sc.outcome.graded, [], False)
    assert gradebook_rows(tmp_path / "killed.sqlite") == gradebook_rows(sc.db)
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker process
    assert killed[0] not in worker_pids(client).values()


def test_a_worker_refuses_a_task_graded_against_another_suite(cluster, tmp_path):
    """Even when the client's check is skipped (a worker that joined later is never asked), a
    worker grades nothing against a suite that is not its own."""
    sc = build_class(tmp_path / "class")
    sigmoid = sc.exercises["sigmoid"]
    other = tmp_path / "solution.py"
    other.write_text(sigmoid.solution.read_text() + "\n# another reference solution\n")
    sc.exercises["sigmoid"] = dataclasses.replace(sigmoid, solution=other)
    with DaskExecutor(cluster.scheduler_address) as executor, Gradebook(sc.db) as book:
        executor.checked.add(tuple(sorted(sc.exercises)))  # as if checked before it changed
        with pytest.raises(GradingStopped, match="reference solution of sigmoid differs"):
            grade_class(sc.folder, book, sc.exercises, executor=executor)
        assert all(exercise != "sigmoid" for _, exercise in book.latest_keys())
