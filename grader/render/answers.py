"""Quiz answers as the student saw them: option texts instead of the stored option numbers.

The gradebook keeps each answer in its canonical form (grader.quiz.model.Answer): an option
index, a tuple of them, a bool, a number or a text. The report words them with the course's
question banks; a question the banks no longer hold (or an index outside its options) is shown
as stored, so an edited bank never breaks the report.
"""

from __future__ import annotations

from typing import Any

from grader.i18n import wording
from grader.quiz.model import Question, is_index


def course_questions() -> dict[str, Question]:
    """The questions of the course's banks (quizzes/) by id; empty when they cannot be read."""
    from grader.quiz.bank import load_banks
    from grader.quiz.i18n import MessageError, ProblemsError
    from grader.quiz.paths import resolve_banks

    try:
        banks = load_banks(resolve_banks([]))
    except (MessageError, ProblemsError, OSError):
        return {}
    return {q.id: q for bank in banks for q in bank.questions}


def _raw(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "–" if value is None else str(value)


def _option(question: Question, index: Any, lang: str) -> str | None:
    if is_index(index) and 0 <= index < len(question.options):
        return question.options[index].get(lang)
    return None


def answer_text(question: Question | None, value: Any, lang: str) -> str:
    """`value`, an answer to `question` as stored, in words: the chosen options' texts, the
    matched pairs, true/false, or the number or text itself."""
    if value is None:
        return "–"
    if question is None:
        return _raw(value)
    kind = question.type
    if kind == "single":
        return _option(question, value, lang) or _raw(value)
    if kind == "multiple" and isinstance(value, (list, tuple)):
        texts = [_option(question, i, lang) for i in value]
        chosen = [text for text in texts if text is not None]
        return "; ".join(chosen) if chosen and len(chosen) == len(texts) else _raw(value)
    if kind == "truefalse" and isinstance(value, bool):
        return wording.say("class.answer-true" if value else "class.answer-false", lang)
    if kind == "matching" and isinstance(value, (list, tuple)):
        pairs = question.pairs
        if len(value) == len(pairs) and all(is_index(i) and 0 <= i < len(pairs) for i in value):
            return "; ".join(
                f"{pair.left.get(lang)} → {pairs[i].right.get(lang)}"
                for pair, i in zip(pairs, value, strict=True)
            )
        return _raw(value)
    if kind == "text" and isinstance(value, (list, tuple)):
        return str(value[0]) if value else "–"  # the expected side lists every accepted text
    return _raw(value)


def question_text(question: Question | None, lang: str) -> str:
    return question.text.get(lang) if question is not None else ""
