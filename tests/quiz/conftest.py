"""Fixtures for the quiz engine tests: run the real `grade` CLI, write banks, play quizzes."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cliutil import run_grade

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str


def student_shell(tmp_path: Path) -> dict[str, str]:
    """What a student's shell sets for these tests: a data home inside tmp_path, so nothing can
    reach the real home directory, and a terminal 100 columns wide."""
    return {"XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "100"}


@pytest.fixture
def quiz_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a student's shell for a process the test starts: no NNLAB_* or
    NO_COLOR from the developer's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NNLAB_") and k != "NO_COLOR"}
    env.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", **student_shell(tmp_path))
    return env


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite"


@pytest.fixture
def grade(tmp_path: Path) -> Callable[..., Run]:
    """Run `grade ARGS...` with piped stdin, in the environment of `quiz_env` (through
    cliutil.run_grade: in this process)."""

    def run(*args: str, stdin: str = "", cwd: Path | None = None, **env: str) -> Run:
        settings = {"NNLAB_DB": None, "NO_COLOR": None, **student_shell(tmp_path), **env}
        done = run_grade(*map(str, args), input=stdin, cwd=cwd or tmp_path, env=settings)
        return Run(done.returncode, done.stdout, done.stderr)

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
