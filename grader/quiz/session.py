"""The interactive question loop: ask, read, re-ask on unreadable input, grade, give feedback."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grader.quiz.answers import AnswerParseError, parse_typed
from grader.quiz.grading import QuestionResult, QuizResult, grade_question
from grader.quiz.render import Style, render_feedback, render_prompt, render_question
from grader.quiz.selection import QuizItem


@dataclass
class SessionOutcome:
    """What a run of the loop produced; `interrupted` if Ctrl-C or end of input stopped it."""

    result: QuizResult
    total: int
    interrupted: bool


def run_session(
    items: Sequence[QuizItem],
    *,
    lang: str,
    style: Style,
    read_line: Callable[[str], str],
    write: Callable[[str], None],
    on_result: Callable[[QuestionResult], None] | None = None,
) -> SessionOutcome:
    """Ask every item in turn. `read_line(prompt)` returns the typed line and raises EOFError
    at end of input; EOFError and KeyboardInterrupt end the quiz early, keeping the answers."""
    result = QuizResult()
    try:
        for number, item in enumerate(items, start=1):
            write("\n" + render_question(item, number, len(items), lang, style))
            while True:
                line = read_line(render_prompt(item, lang))
                try:
                    answer = parse_typed(item.question, line, item.order)
                    break
                except AnswerParseError as exc:
                    write(exc.message.text(lang))
            graded = grade_question(item.question, answer)
            result.results.append(graded)
            if on_result is not None:
                on_result(graded)
            write(render_feedback(item, graded, lang, style))
    except (EOFError, KeyboardInterrupt):
        write("")
        return SessionOutcome(result, len(items), interrupted=True)
    return SessionOutcome(result, len(items), interrupted=False)
