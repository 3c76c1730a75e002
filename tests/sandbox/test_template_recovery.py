"""The grader survives its template process: one that dies, or stops answering (a child sharing
its user id could send it SIGSTOP), is replaced, and grading goes on."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from grader.sandbox import Limits, Sandbox, host
from grader.sandbox.isolation import bwrap_problem

SOURCE = "def double(x):\n    return 2 * x\n"
MODES = [
    pytest.param(
        "bwrap",
        marks=pytest.mark.skipif(
            bwrap_problem() is not None, reason=f"the bwrap mode cannot run here: {bwrap_problem()}"
        ),
    ),
    "rlimit",
]


def template_pid(sandbox: Sandbox) -> int:
    """The template's pid: the sandbox's process itself, or (bwrap) its descendant."""
    pending = [sandbox._process.pid]
    while pending:
        pid = pending.pop()
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if not args[0].endswith(b"bwrap") and any(a.endswith(b"zygote.py") for a in args):
            return pid
        for task in Path(f"/proc/{pid}/task").iterdir():
            pending += [int(c) for c in (task / "children").read_text().split()]
    raise AssertionError("no template process found")


def doubles(sandbox: Sandbox, value: int) -> int:
    child = sandbox.load(SOURCE, "double.py", "submission", Limits())
    try:
        return child.call("double", (value,))
    finally:
        child.close()


@pytest.mark.parametrize("mode", MODES)
def test_a_template_that_dies_is_replaced(mode, monkeypatch):
    monkeypatch.setenv("NNLAB_SANDBOX", mode)
    with Sandbox() as sandbox:
        assert doubles(sandbox, 2) == 4
        os.kill(template_pid(sandbox), signal.SIGKILL)
        assert doubles(sandbox, 3) == 6


@pytest.mark.parametrize("mode", MODES)
def test_a_template_that_stops_answering_is_replaced(mode, monkeypatch):
    monkeypatch.setenv("NNLAB_SANDBOX", mode)
    monkeypatch.setattr(host, "CONTROL_SECONDS", 1.0)
    with Sandbox() as sandbox:
        assert doubles(sandbox, 2) == 4
        stopped = template_pid(sandbox)
        os.kill(stopped, signal.SIGSTOP)
        assert doubles(sandbox, 5) == 10
        assert template_pid(sandbox) != stopped
