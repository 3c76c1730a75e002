"""Evidence for `grade doctor`: a probe submission tries what the sandbox should prevent.

`probe(sandbox)` loads a small submission into a running sandbox and asks it to reach a listener
of ours on 127.0.0.1, read a world-readable file of ours in /tmp, find the grader's process in
/proc, and leave a file in its working directory; then it checks from outside what got through.
Each of `isolation.FEATURES` is reported as verified or not: what the template claims is not
taken on trust.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Any, cast

from grader.sandbox.host import Limits, Sandbox

PROBE_SOURCE = """
import os
import socket


def probe(port, path, grader_pid, grader_start):
    facts = {"uid": os.getuid(), "cwd": os.getcwd()}
    try:
        with socket.socket() as connection:
            connection.settimeout(2)
            connection.connect(("127.0.0.1", port))
        facts["network"] = True
    except OSError:
        facts["network"] = False
    try:
        with open(path) as secret:
            facts["host_file"] = secret.read() == "probe"
    except OSError:
        facts["host_file"] = False
    try:
        with open(f"/proc/{grader_pid}/stat") as stat:
            facts["grader_visible"] = stat.read().rsplit(")", 1)[1].split()[19] == grader_start
    except (OSError, IndexError):
        facts["grader_visible"] = False
    with open("written-by-probe", "w") as mine:
        mine.write("probe")
    return facts
"""


def _start_time(pid: int) -> str:
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[19]


def probe(sandbox: Sandbox) -> dict[str, bool]:
    """{feature: verified} for every feature in `isolation.FEATURES`."""
    folder = tempfile.mkdtemp(prefix="nnlab-doctor-")
    listener = socket.socket()
    try:
        os.chmod(folder, 0o755)
        path = Path(folder, "readable")
        path.write_text("probe")
        path.chmod(0o644)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        child = sandbox.load(PROBE_SOURCE, "probe.py", "probe", Limits())
        try:
            facts = cast(
                dict[str, Any],
                child.call(
                    "probe",
                    (listener.getsockname()[1], str(path), os.getpid(), _start_time(os.getpid())),
                ),
            )
            left_here = Path(str(facts["cwd"]), "written-by-probe").exists()
        finally:
            child.close()
        reached = bool(select.select([listener], [], [], 0)[0])
    finally:
        listener.close()
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "own-uid": facts["uid"] not in (0, os.getuid()),
        "no-network": not facts["network"] and not reached,
        "private-files": not facts["host_file"] and not left_here,
        "hidden-processes": not facts["grader_visible"],
    }
