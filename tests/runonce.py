"""Expensive test data made once per test run, even when pytest-xdist runs several workers.

The first worker to ask makes it in a folder beside the workers' own temporary folders (under a
file lock) and leaves a pickle of the result there; the others wait for the lock and load it."""

from __future__ import annotations

import fcntl
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def shared_folder(tmp_path_factory: pytest.TempPathFactory, config: pytest.Config) -> Path:
    """The folder all workers of this run share: the parent of a worker's own base folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory,
    config: pytest.Config,
    name: str,
    make: Callable[[Path], T],
) -> T:
    """`make(folder)` in this run's shared folder NAME, called by one worker only."""
    folder = shared_folder(tmp_path_factory, config) / name
    folder.mkdir(exist_ok=True)
    made = folder / "made.pickle"
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if made.exists():
            return pickle.loads(made.read_bytes())
        value = make(folder)
        made.write_bytes(pickle.dumps(value))
        return value
