"""Scoring: how many points (0..1) a canonical answer earns. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import cast

from grader.quiz.matching import text_answer_matches
from grader.quiz.model import Answer, Question

MAX_SCORE = 1.0


def numeric_close(given: float, expected: float, tolerance: float) -> bool:
    """|given - expected| <= tolerance, forgiving binary rounding (0.1 + 0.2 == 0.3)."""
    slack = 1e-9 * max(1.0, abs(expected))
    return abs(given - expected) <= tolerance + slack


def multiple_score(picked: Collection[int], right: Collection[int]) -> float:
    """max(0, (right picked - wrong picked) / number of right options)."""
    chosen, correct = set(picked), set(right)
    return max(0.0, (len(chosen & correct) - len(chosen - correct)) / len(correct))


def matching_score(given: Sequence[int], count: int) -> float:
    """The share of left items matched with their own right item (index i <-> i)."""
    return sum(1 for i, right in enumerate(given) if right == i) / count


def text_matches(given: str, question: Question) -> bool:
    """Whether `given` names the term of an accepted answer in either language (see matching)."""
    assert question.accepted is not None
    accepted = (answer for answers in question.accepted.values() for answer in answers)
    return text_answer_matches(given, accepted)


def expected_answer(question: Question) -> Answer | list[str]:
    """The correct answer in canonical form; for text questions, all accepted answers."""
    if question.type == "matching":
        return tuple(range(len(question.pairs)))
    if question.type == "text":
        assert question.accepted is not None
        return list(dict.fromkeys(a for answers in question.accepted.values() for a in answers))
    assert question.answer is not None
    return question.answer


def score_answer(question: Question, answer: Answer) -> float:
    """Points for a canonical `answer` to `question`, between 0 and MAX_SCORE."""
    kind = question.type
    if kind == "multiple":
        assert isinstance(question.answer, tuple) and isinstance(answer, Collection)
        return multiple_score(cast(tuple[int, ...], answer), question.answer)  # canonical form
    if kind == "matching":
        assert isinstance(answer, Sequence)
        return matching_score(cast(tuple[int, ...], answer), len(question.pairs))
    if kind == "numeric":
        assert isinstance(question.answer, float) and isinstance(answer, (int, float))
        return float(numeric_close(float(answer), question.answer, question.tolerance))
    if kind == "text":
        return float(text_matches(str(answer), question))
    if kind == "truefalse":
        return float(answer is question.answer)
    return float(answer == question.answer and not isinstance(answer, bool))
