"""Load and validate sets of bank files: per-file schema checks plus unique ids across banks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.quiz.i18n import Message, Problem, ProblemsError
from grader.quiz.model import Bank, Question
from grader.quiz.schema import read_bank


@dataclass
class ValidationReport:
    """The outcome of checking some bank files together."""

    banks: list[Bank]
    problems: list[Problem]
    files: int
    questions: int

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def files_with_problems(self) -> int:
        return len({problem.path for problem in self.problems})


class BankError(ProblemsError):
    """Banks could not be loaded; `problems` says why."""


def validate_banks(paths: Sequence[Path]) -> ValidationReport:
    """Check every file, then that question ids are unique across all of them."""
    reports = [read_bank(Path(path)) for path in paths]
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for report in reports:
        file_problems = list(report.problems)
        for qid, line in report.ids:
            where = f"{report.path}:{line}"
            if qid in first_seen:
                message = Message("duplicate_id", {"id": qid, "other": first_seen[qid]})
                file_problems.append(Problem(str(report.path), line, message))
            else:
                first_seen[qid] = where
        problems.extend(sorted(file_problems, key=lambda problem: problem.line))
    banks = [report.bank for report in reports if report.bank is not None]
    if problems:
        banks = [bank for bank in banks if str(bank.path) not in {p.path for p in problems}]
    questions = sum(report.question_count for report in reports)
    return ValidationReport(banks, problems, len(reports), questions)


def load_banks(paths: Sequence[Path]) -> list[Bank]:
    """The banks in `paths`, or BankError listing every problem if any file is not valid."""
    report = validate_banks(paths)
    if not report.ok:
        raise BankError(report.problems)
    return report.banks


def questions_by_id(banks: Iterable[Bank]) -> dict[str, Question]:
    """Every question of `banks`, keyed by id, in bank order."""
    return {question.id: question for bank in banks for question in bank.questions}
