"""The bundled sample class: submissions built from the stubs, solutions and mutants.

`build_sample_class(dest)` writes `dest/<student>/<exercise>.py` (and some `quiz.yaml` answers)
for a small class with the usual mix: a perfect student, one who handed in the stubs, students
with known mistakes (mutants), a syntax error, a missing exercise and a student who submitted
nothing. `make demo` grades it with `grade batch`; the tests build larger classes the same way.
No copy of a solution is shipped: everything is derived from the course's files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from grader.course.load import all_exercises
from grader.grading.mutants import load_mutants

if TYPE_CHECKING:
    from grader.quiz.model import Question


def syntax_error(source: str) -> str:
    """`source` with a syntax error in its first function (a missing closing parenthesis)."""
    lines = source.splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("def ") and line.rstrip().endswith(":"):
            lines[number] = line.rstrip()[:-2] + ":"  # "def f(x):" -> "def f(x:"
            break
    return "\n".join(lines) + "\n"


def answer_for(question: Question, right: bool) -> object:
    """A right or wrong answer to a quiz question, in the answers-file form."""
    from grader.quiz.scoring import expected_answer

    expected: Any = expected_answer(question)  # its type follows question.type
    kind = question.type
    if kind == "text":
        return expected[0] if right else "no idea"
    if right:
        return list(expected) if isinstance(expected, tuple) else expected
    if kind == "single":
        return (expected + 1) % len(question.options)
    if kind == "multiple":
        return [i for i in range(len(question.options)) if i not in expected] or [0]
    if kind == "truefalse":
        return not expected
    if kind == "numeric":
        return expected + 1000.0
    return list(reversed(expected))  # matching


def quiz_answers(questions: Iterable, right: Callable[[int], bool]) -> dict:
    """{question id: answer} with question number i answered rightly when `right(i)`."""
    return {q.id: answer_for(q, right(i)) for i, q in enumerate(questions)}


def _sample_quizzes() -> dict[str, dict]:
    from grader.classroom.batch import course_banks
    from grader.quiz.i18n import MessageError, ProblemsError

    try:
        banks, _ = course_banks()
    except (MessageError, ProblemsError):
        return {}
    questions = [q for bank in banks for q in bank.questions][:12]
    return {
        "ada": quiz_answers(questions, lambda i: True),
        "chen": quiz_answers(questions, lambda i: i % 3 != 0),
        "farid": quiz_answers(questions, lambda i: i % 2 == 0),
        "hugo": quiz_answers(questions, lambda i: i < 3),
    }


def build_sample_class(dest: Path) -> list[str]:
    """Write the sample class under `dest`; return the student folder names."""
    students: dict[str, dict[str, str]] = {
        name: {} for name in ("ada", "boris", "chen", "dina", "eva", "farid", "galina", "hugo")
    }
    for number, exercise in enumerate(all_exercises().values()):
        mutants = load_mutants(exercise)
        solution = exercise.solution.read_text(encoding="utf-8")
        students["ada"][exercise.name] = solution
        students["boris"][exercise.name] = exercise.stub.read_text(encoding="utf-8")
        students["farid"][exercise.name] = syntax_error(solution) if number == 1 else solution
        if not mutants:
            continue
        students["chen"][exercise.name] = mutants[0].source
        students["dina"][exercise.name] = mutants[-1].source
        students["hugo"][exercise.name] = mutants[len(mutants) // 2].source
        if number < 2:  # eva never got to the later exercises
            students["eva"][exercise.name] = mutants[1 % len(mutants)].source
    quizzes = _sample_quizzes()
    for student, files in students.items():
        folder = dest / student
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in files.items():
            (folder / f"{name}.py").write_text(source, encoding="utf-8")
        if student in quizzes:
            (folder / "quiz.yaml").write_text(
                yaml.safe_dump({"answers": quizzes[student]}, allow_unicode=True, sort_keys=False),
                encoding="utf-8",
            )
    return list(students)
