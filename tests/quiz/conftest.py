"""Fixtures for the quiz engine tests: run the real `grade` CLI, write banks, play quizzes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def quiz_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a student's shell: no NNLAB_* or NO_COLOR from the developer's,
    and a data home inside tmp_path so nothing can reach the real home directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NNLAB_") and k != "NO_COLOR"}
    env.update(
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        COLUMNS="100",
    )
    return env


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite"


@pytest.fixture
def grade(tmp_path: Path, quiz_env: dict[str, str]) -> Callable[..., Run]:
    """Run `python -m grader ARGS...` as a user would, with piped stdin."""

    def run(*args: str, stdin: str = "", cwd: Path | None = None, **env: str) -> Run:
        proc = subprocess.run(
            [sys.executable, "-m", "grader", *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or tmp_path,
            env={**quiz_env, **env},
            check=False,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML to tmp_path/NAME (the name may include folders)."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def _option_number(block: str, text: str) -> str:
    """The number shown before option `text` in a question block: '  2) text' -> '2'."""
    match = re.search(rf"^  (\d+)\) {re.escape(text)}$", block, re.MULTILINE)
    assert match, f"option {text!r} not shown in:\n{block}"
    return match.group(1)


def _right_letter(block: str, text: str) -> str:
    """The letter shown before right-hand item `text` of a matching question."""
    match = re.search(rf"^\s+([a-z])\) {re.escape(text)}$", block, re.MULTILINE)
    assert match, f"right-hand item {text!r} not shown in:\n{block}"
    return match.group(1)


@pytest.fixture
def option_number() -> Callable[[str, str], str]:
    return _option_number


@pytest.fixture
def right_letter() -> Callable[[str, str], str]:
    return _right_letter


@pytest.fixture
def play(grade: Callable[..., Run]) -> Callable[..., tuple[Run, list[str]]]:
    """Play a quiz through piped stdin, choosing each answer from what is on screen.

    Each round re-runs the same seeded quiz with the answers so far; input runs out at the
    next question, whose block (`Question k/n` to the end) goes to `answer_for`. Returns
    the final run and the answers typed. Relies on the seed reproducing the quiz."""

    def run(args: list[str], answer_for: Callable[[str], str]) -> tuple[Run, list[str]]:
        answers: list[str] = []
        while True:
            result = grade("quiz", *args, stdin="".join(f"{a}\n" for a in answers))
            assert result.code == 0, result.err
            if "Quiz stopped" not in result.out:
                return result, answers
            block = result.out[result.out.rindex("Question ") :]
            answers.append(answer_for(block))
            assert len(answers) <= 20, "quiz does not advance"

    return run
