"""Fixtures of the exchange and notebook tests: the real `grade` CLI with a private data home."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cliutil import ROOT, run_grade

Grade = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def grade(tmp_path: Path) -> Grade:
    """`grade ARGS...` (cliutil.run_grade), in English, with history kept in tmp_path."""
    env = {
        "NNLAB_LANG": "en",
        "NNLAB_DB": str(tmp_path / "progress.sqlite"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "NNLAB_ROOT": str(ROOT),
    }

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return run_grade(*map(str, args), env={**env, **kwargs.pop("env", {})}, **kwargs)

    return run
