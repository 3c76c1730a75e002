"""Results of answered questions and whole quizzes, and grading a mapping of answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.quiz.answers import AnswerParseError, coerce_answer
from grader.quiz.bank import questions_by_id
from grader.quiz.i18n import Message
from grader.quiz.model import Answer, Bank, Question
from grader.quiz.scoring import MAX_SCORE, expected_answer, score_answer


def _plain(value: Any) -> Any:
    """Tuples to lists and floats rounded, so results compare and serialise simply."""
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        rounded = round(value, 4)
        return int(rounded) if rounded.is_integer() else rounded
    return value


@dataclass(frozen=True)
class QuestionResult:
    """One graded question. `given` is the canonical answer, None when unanswered."""

    question: Question
    score: float
    given: Answer | None
    max_score: float = MAX_SCORE

    @property
    def correct(self) -> bool:
        return self.score >= self.max_score

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "score": _plain(self.score),
            "max_score": _plain(self.max_score),
            "correct": self.correct,
            "given": _plain(self.given),
            "expected": _plain(expected_answer(self.question)),
            "tags": list(self.question.tags),
        }


def topics_to_revise(results: Iterable[QuestionResult]) -> list[str]:
    """Tags of questions not fully right, the most points lost first, then by name."""
    lost: dict[str, float] = defaultdict(float)
    for result in results:
        if not result.correct:
            for tag in result.question.tags:
                lost[tag] += result.max_score - result.score
    return sorted(lost, key=lambda tag: (-lost[tag], tag))


@dataclass
class QuizResult:
    """The graded questions of one quiz, in the order they were asked or listed."""

    results: list[QuestionResult] = field(default_factory=list)
    student: str | None = None

    @property
    def score(self) -> float:
        return sum(result.score for result in self.results)

    @property
    def max_score(self) -> float:
        return sum(result.max_score for result in self.results)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    def topics_to_revise(self) -> list[str]:
        return topics_to_revise(self.results)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"student": self.student} if self.student is not None else {}
        data.update(
            score=_plain(self.score),
            max_score=_plain(self.max_score),
            questions=[result.to_dict() for result in self.results],
            topics_to_revise=self.topics_to_revise(),
        )
        return data


def grade_question(question: Question, answer: Answer | None) -> QuestionResult:
    """Score one canonical answer; None (unanswered) scores 0."""
    score = 0.0 if answer is None else score_answer(question, answer)
    return QuestionResult(question, score, answer)


class AnswerError(Exception):
    """Some answers could not be graded: `problems` pairs each question id with why."""

    def __init__(self, problems: list[tuple[str, Message]]) -> None:
        super().__init__("; ".join(f"{qid}: {message.text()}" for qid, message in problems))
        self.problems = problems


def grade_answers(
    banks: Iterable[Bank],
    answers: Mapping[str, Any],
    *,
    include_unanswered: bool = False,
    student: str | None = None,
) -> QuizResult:
    """Grade `answers` ({question_id: answer in canonical form}) against `banks`.

    Only the answered questions count unless `include_unanswered`, which makes every question
    of `banks` count (unanswered ones score 0). A None answer counts as unanswered.
    Raises AnswerError for unknown ids and answers that do not fit their question.
    """
    known = questions_by_id(banks)
    problems: list[tuple[str, Message]] = []
    given: dict[str, Answer | None] = {}
    for qid, value in answers.items():
        question = known.get(qid)
        if question is None:
            problems.append((qid, Message("unknown_question", {"id": qid})))
            continue
        try:
            given[qid] = None if value is None else coerce_answer(question, value)
        except AnswerParseError as exc:
            problems.append((qid, Message("bad_answer_for", {"id": qid, "reason": exc.message})))
    if problems:
        raise AnswerError(problems)
    order = list(known) if include_unanswered else list(given)
    return QuizResult([grade_question(known[qid], given.get(qid)) for qid in order], student)
