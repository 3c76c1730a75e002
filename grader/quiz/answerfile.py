"""Reading an answers file, and grading it with problems located as `file:line`.

Two layouts are accepted: a flat mapping `{question_id: answer}`, or
`{student: NAME, answers: {question_id: answer}}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.quiz.grading import AnswerError, QuizResult, grade_answers
from grader.quiz.i18n import Message, Problem, ProblemsError
from grader.quiz.model import Bank
from grader.quiz.yamlload import YamlMap, YamlSyntaxError, load_yaml_file

WRAPPER_KEYS = frozenset({"student", "answers"})


class AnswerFileError(ProblemsError):
    """The answers file is malformed or names questions that cannot be graded."""


@dataclass
class AnswerFile:
    """Answers keyed by question id, with the line each id is on."""

    path: str
    answers: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    student: str | None = None


def _is_wrapped(tree: YamlMap) -> bool:
    return "answers" in tree and set(tree) <= WRAPPER_KEYS and isinstance(tree["answers"], YamlMap)


def read_answer_file(path: Path) -> AnswerFile:
    """Parse the answers file at `path`; raises AnswerFileError with located problems."""
    name = str(path)

    def fail(line: int, key: str, /, **params: Any) -> AnswerFileError:
        return AnswerFileError([Problem(name, line, Message(key, params))])

    try:
        tree = load_yaml_file(path)
    except YamlSyntaxError as exc:
        raise fail(exc.line, "invalid_yaml", detail=exc.detail) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(1, "unreadable_file", detail=str(exc)) from None
    if not isinstance(tree, YamlMap):
        raise fail(getattr(tree, "line", 1), "answers_not_mapping")
    student = None
    if _is_wrapped(tree):
        student = tree.get("student")
        if student is not None and not isinstance(student, str):
            raise fail(tree.value_line("student"), "student_not_string")
        tree = tree["answers"]
    if tree.duplicates:
        key, line = tree.duplicates[0]
        raise fail(line, "duplicate_answer", id=key)
    answers = {str(key): value for key, value in tree.items()}
    lines = {str(key): tree.key_line(key) for key in tree}
    return AnswerFile(name, answers, lines, student)


def grade_answer_file(
    banks: Sequence[Bank], path: Path, *, include_unanswered: bool = False
) -> QuizResult:
    """Read and grade the answers file at `path` against `banks`."""
    answer_file = read_answer_file(path)
    try:
        return grade_answers(
            banks,
            answer_file.answers,
            include_unanswered=include_unanswered,
            student=answer_file.student,
        )
    except AnswerError as exc:
        problems = [
            Problem(answer_file.path, answer_file.lines.get(qid, 1), message)
            for qid, message in exc.problems
        ]
        raise AnswerFileError(problems) from None
