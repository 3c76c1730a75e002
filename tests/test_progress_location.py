"""A student's progress (graded submissions, hints seen, done marks) lives with the course folder:
two clones never share it, git ignores it, and an old per-account file is adopted once."""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

import pytest
from cliutil import ROOT, copy_course, list_rows, run_grade

STATE = ".nnlab-progress.sqlite"


def grade_in(course: Path, *args: str, xdg: Path, **env: str) -> subprocess.CompletedProcess:
    """`grade ARGS` run inside `course`, with no $NNLAB_DB: the default location is used."""
    return run_grade(*args, cwd=course, env={"NNLAB_DB": "", "XDG_DATA_HOME": str(xdg), **env})


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    return copy_course(tmp_path / "a", ("sigmoid",)), copy_course(tmp_path / "b", ("sigmoid",))


def test_two_clones_keep_their_own_progress(clones, tmp_path):
    a, b = clones
    xdg = tmp_path / "xdg"
    done = grade_in(a, "submit", "solutions/sigmoid.py", xdg=xdg)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (a / STATE).is_file() and not (b / STATE).exists()
    assert "done" in list_rows(grade_in(a, "list", xdg=xdg).stdout)["sigmoid"]
    assert "not started" in list_rows(grade_in(b, "list", xdg=xdg).stdout)["sigmoid"]
    first = grade_in(a, "hint", "sigmoid", xdg=xdg).stdout
    assert grade_in(b, "hint", "sigmoid", xdg=xdg).stdout == first  # b starts at hint 1 too
    assert not (xdg / "nnlab").exists()  # nothing per account any more


def test_nnlab_db_still_overrides_the_location(clones, tmp_path):
    a, _ = clones
    elsewhere = tmp_path / "elsewhere.sqlite"
    done = grade_in(a, "submit", "solutions/sigmoid.py", xdg=tmp_path, NNLAB_DB=str(elsewhere))
    assert done.returncode == 0, done.stdout + done.stderr
    assert elsewhere.is_file() and not (a / STATE).exists()


def test_an_old_per_account_file_is_moved_in_once_with_a_notice(clones, tmp_path):
    a, b = clones
    xdg = tmp_path / "xdg"
    legacy = xdg / "nnlab" / "progress.sqlite"
    made = grade_in(a, "submit", "solutions/sigmoid.py", xdg=xdg, NNLAB_DB=str(legacy))
    assert made.returncode == 0 and legacy.is_file()

    first = grade_in(a, "list", xdg=xdg)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        f"note: your progress moved from {legacy} to {a / STATE}: it now lives with the course "
        "folder, so another clone or semester starts fresh"
    ]
    assert "done" in list_rows(first.stdout)["sigmoid"]
    assert not legacy.exists()
    again = grade_in(a, "list", xdg=xdg)
    assert again.stderr == "" and "done" in list_rows(again.stdout)["sigmoid"]
    other = grade_in(b, "list", xdg=xdg)  # the next clone does not inherit it
    assert other.stderr == "" and "not started" in list_rows(other.stdout)["sigmoid"]


def test_the_notice_follows_the_language(clones, tmp_path):
    a, _ = clones
    legacy = tmp_path / "xdg" / "nnlab" / "progress.sqlite"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"")
    done = grade_in(a, "list", xdg=tmp_path / "xdg", LANG="ru_RU.UTF-8")
    assert done.stderr.startswith("note: ваш прогресс перенесён из")


def test_git_ignores_the_state_file():
    patterns = (ROOT / ".gitignore").read_text().split()
    assert any(fnmatch.fnmatch(name, p) for p in patterns for name in (STATE, f"{STATE}-journal"))
