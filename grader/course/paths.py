"""Finding the course folder (exercises/, solutions/, quizzes/) without heavy imports."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def is_course(folder: Path) -> bool:
    """A course folder holds exercises/ and its suites (grader/suites) or quiz banks (quizzes/)."""
    return (folder / "exercises").is_dir() and (
        (folder / "grader" / "suites").is_dir() or (folder / "quizzes").is_dir()
    )


def course_root(cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """$NNLAB_ROOT, else the nearest course folder up from `cwd` (default: the current
    directory), else the folder the grader package was installed from."""
    env = os.environ if environ is None else environ
    if env.get("NNLAB_ROOT"):
        return Path(env["NNLAB_ROOT"]).resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_course(folder):
            return folder
    return PACKAGE_DIR.parent


PROGRESS_FILE = ".nnlab-progress.sqlite"


def legacy_progress_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where progress was kept before it moved into the course folder: one file per account,
    $XDG_DATA_HOME/nnlab/progress.sqlite (~/.local/share by default)."""
    env = os.environ if environ is None else environ
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "nnlab" / "progress.sqlite"


def progress_path(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """The file of a student's progress (graded submissions, hints seen, quiz sessions):
    $NNLAB_DB, else .nnlab-progress.sqlite in the course folder (git ignores it), so two clones,
    two students on one account or two semesters never share it, as rustlings' state file."""
    env = os.environ if environ is None else environ
    if env.get("NNLAB_DB"):
        return Path(env["NNLAB_DB"])
    return course_root(cwd, env) / PROGRESS_FILE


def adopt_legacy_progress(target: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """Move the per-account progress file of earlier versions to `target` once: only while
    `target` does not exist yet, and by moving (not copying), so the next clone starts fresh.
    Returns the old path when it moved something, else None."""
    legacy = legacy_progress_path(environ)
    if target.exists() or not legacy.is_file() or legacy.resolve() == target.resolve():
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(legacy, target)
    except OSError:
        return None
    return legacy


def student_progress_file(environ: Mapping[str, str] | None = None) -> Path:
    """`progress_path()`, after adopting an earlier per-account file (once, with a notice on
    stderr) when the course folder's file is used and does not exist yet."""
    env = os.environ if environ is None else environ
    path = progress_path(env)
    if not env.get("NNLAB_DB"):
        moved = adopt_legacy_progress(path, env)
        if moved is not None:
            from grader.i18n.language import choose_language
            from grader.i18n.wording import say

            text = say("progress.moved", choose_language(None, env), old=moved, new=path)
            sys.stderr.write(f"note: {text}\n")
    return path
