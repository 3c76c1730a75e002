"""Finding the course folder (exercises/, solutions/, quizzes/) without heavy imports."""

from __future__ import annotations

import os
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
