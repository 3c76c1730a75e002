"""Where banks live: the course's quizzes/ folder, and bank names given on the CLI."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from grader.course.paths import course_root
from grader.quiz.i18n import MessageError

BANK_SUFFIXES = (".yaml", ".yml")


def quizzes_dir(root: Path | None = None) -> Path:
    return (root or course_root()) / "quizzes"


def bank_files(folder: Path) -> list[Path]:
    """The bank files directly in `folder`, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file())


def shown(path: Path) -> Path:
    """`path` relative to the current directory when it lies below it, for shorter messages."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _looks_like_path(arg: str) -> bool:
    return arg.endswith(BANK_SUFFIXES) or "/" in arg or os.sep in arg or Path(arg).exists()


def resolve_banks(args: Sequence[str], root: Path | None = None) -> list[Path]:
    """Bank files for CLI arguments: each a file, a folder of banks, or a bank name in
    quizzes/. No arguments means every bank in quizzes/. Raises MessageError if one is missing."""
    folder = quizzes_dir(root)
    if not args:
        found = bank_files(folder) if folder.is_dir() else []
        if not found:
            raise MessageError("no_banks", folder=shown(folder))
        return [shown(p) for p in found]
    paths: list[Path] = []
    for arg in args:
        if _looks_like_path(arg):
            path = Path(arg)
            if path.is_dir():
                paths.extend(bank_files(path))
            elif path.is_file():
                paths.append(path)
            else:
                raise MessageError("no_such_file", path=arg)
            continue
        candidates = [folder / f"{arg}{suffix}" for suffix in BANK_SUFFIXES]
        match = next((p for p in candidates if p.is_file()), None)
        if match is None:
            names = ", ".join(p.stem for p in bank_files(folder)) if folder.is_dir() else ""
            raise MessageError("unknown_bank", name=arg, available=names or "-")
        paths.append(shown(match))
    return list(dict.fromkeys(paths))
