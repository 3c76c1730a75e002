"""The course's own question banks in quizzes/ must validate clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.quiz.bank import validate_banks
from grader.quiz.paths import bank_files

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"
BANKS = bank_files(QUIZZES) if QUIZZES.is_dir() else []


@pytest.mark.skipif(not BANKS, reason=f"no question banks (*.yaml) in {QUIZZES} yet")
def test_shipped_banks_validate_clean() -> None:
    report = validate_banks(BANKS)
    assert [problem.render() for problem in report.problems] == []
    assert report.questions > 0 and len(report.banks) == len(BANKS)


@pytest.mark.skipif(not BANKS, reason=f"no question banks (*.yaml) in {QUIZZES} yet")
def test_shipped_banks_through_the_cli(grade) -> None:
    run = grade("quiz", "validate", *BANKS)
    assert run.code == 0, run.out
    assert run.out.startswith(f"OK: {len(BANKS)} banks, ")
