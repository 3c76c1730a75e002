"""`grade doctor` and `grade submit` as a user sees them: which isolation is active, why, what a
probe submission could and could not do, and the one line that says isolation is reduced."""

from __future__ import annotations

import os
import re

import pytest
from cliutil import run_grade, run_grade_fresh

from grader.sandbox.isolation import bwrap_problem

ROOT_USER = os.getuid() == 0
FEATURE_LINES = {
    "own-uid": (
        "each submission runs under a user id of its own",
        "submissions run under your user id",
    ),
    "no-network": ("no network", "submissions can use the network"),
    "private-files": (
        "only the runtime is visible, read-only",
        "submissions can read every file your user can read",
    ),
    "hidden-processes": (
        "other processes are not visible",
        "submissions can see the other processes",
    ),
}
# What the probe must find, by mode: as root both modes confine fully; without root, bwrap's
# children share the user's id and the rlimit mode has no namespaces at all.
EXPECTED = {
    "bwrap": {feature: ROOT_USER or feature != "own-uid" for feature in FEATURE_LINES},
    "rlimit": {feature: ROOT_USER for feature in FEATURE_LINES},
}
needs_bwrap = pytest.mark.skipif(
    bwrap_problem() is not None, reason=f"the bwrap mode cannot run here: {bwrap_problem()}"
)


def doctor(mode: str, lang: str = "en") -> list[str]:
    done = run_grade("doctor", "--lang", lang, env={"NNLAB_SANDBOX": mode})
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("mode", [pytest.param("bwrap", marks=needs_bwrap), "rlimit"])
def test_doctor_names_the_mode_and_proves_each_protection(mode):
    lines = doctor(mode)
    reason = (
        "bubblewrap is installed and can create namespaces"
        if mode == "bwrap"
        else "forced by NNLAB_SANDBOX=rlimit"
    )
    assert lines[0] == f"Sandbox mode: {mode} ({reason})"
    assert lines[1] == "Checked just now with a probe submission:"
    for line, (feature, (yes, no)) in zip(lines[2:6], FEATURE_LINES.items(), strict=True):
        expected = f"  ✓ {yes}" if EXPECTED[mode][feature] else f"  ✗ {no}"
        assert line.startswith(expected), (feature, line)
    assert lines[6].startswith(
        "Limits (an exercise may set its own under `limits:` in "
        "exercise.yaml): 10 s per call, 60 s of CPU, 1024 MiB of memory"
    )
    assert lines[7].startswith("Time budget per submission: 30 s for all its checks")
    assert re.fullmatch(
        r"Memory of a submission's whole process tree: (bounded by a cgroup \(v[12]\) at 1536 MiB"
        r"|no cgroup can be used here, so each submission may start at most 4 processes).*",
        lines[8],
    ), lines[8]
    if mode == "bwrap":
        assert lines[9] == "Full isolation. What is and is not protected: docs/security.md"
    else:
        assert lines[9].startswith(
            "Isolation is reduced: bubblewrap is not in use (forced by NNLAB_SANDBOX=rlimit)"
        )
        assert lines[9].endswith(
            "install bubblewrap (apt-get install bubblewrap). What is and "
            "is not protected: docs/security.md"
        )
    assert len(lines) == 10


def test_doctor_in_russian():
    lines = doctor("rlimit", "ru")
    assert lines[0] == "Режим песочницы: rlimit (forced by NNLAB_SANDBOX=rlimit)"
    assert lines[1] == "Только что проверено пробным решением:"
    assert lines[7].startswith("Лимит времени на одно решение: 30 с")
    assert lines[8].startswith("Память всего дерева процессов решения:")
    assert lines[9].startswith("Изоляция ослаблена: bubblewrap не используется")


def test_without_bwrap_the_grader_falls_back_and_says_why(tmp_path):
    """No bwrap on PATH: the rlimit mode is chosen, and the reason is given."""
    done = run_grade_fresh("doctor", env={"NNLAB_SANDBOX": "", "PATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Sandbox mode: rlimit (bubblewrap (bwrap) is not installed)"
    assert lines[-1].startswith(
        "Isolation is reduced: bubblewrap is not in use (bubblewrap (bwrap) is not installed)"
    )


def test_forcing_bwrap_where_it_cannot_run_is_one_clear_error(tmp_path):
    done = run_grade_fresh("doctor", env={"NNLAB_SANDBOX": "bwrap", "PATH": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "grade: NNLAB_SANDBOX=bwrap but bubblewrap (bwrap) is not installed"
    )
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("mode", [pytest.param("bwrap", marks=needs_bwrap), "rlimit"])
def test_submit_says_once_when_isolation_is_reduced(mode):
    done = run_grade("submit", "--no-record", "solutions/sigmoid.py", env={"NNLAB_SANDBOX": mode})
    assert done.returncode == 0, done.stdout + done.stderr
    notes = [line for line in done.stdout.splitlines() if "Isolation is reduced" in line]
    if mode == "bwrap":
        assert notes == []
    else:
        assert notes == [
            "note: Isolation is reduced (bubblewrap is not in use); run `grade doctor` for details."
        ]
