"""Choosing and ordering a quiz's questions and shuffling their choices, all from one seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from grader.quiz.i18n import topic
from grader.quiz.model import LANGS, Bank, Question

DEFAULT_COUNT = 10


@dataclass(frozen=True)
class QuizItem:
    """A question as shown: `order[position]` is the bank index of the option (or, for
    matching, of the right-hand item) displayed at `position`; empty for other types."""

    question: Question
    order: tuple[int, ...] = ()


def new_seed() -> int:
    """A fresh seed that is short enough to retype."""
    return random.SystemRandom().randrange(1000, 10000)


def matching_questions(banks: Sequence[Bank], tags: Sequence[str] = ()) -> list[Question]:
    """The questions of `banks` in bank order, only those with one of `tags` if any are given;
    a tag may also be given by its topic name in either language ('свёрточные сети')."""
    wanted = {tag.casefold() for tag in tags}
    return [
        question
        for bank in banks
        for question in bank.questions
        if not wanted or wanted & {name for tag in question.tags for name in _names(tag)}
    ]


def _names(tag: str) -> set[str]:
    return {tag.casefold(), *(topic(tag, lang).casefold() for lang in LANGS)}


def build_quiz(
    banks: Sequence[Bank],
    *,
    seed: int,
    count: int | None = DEFAULT_COUNT,
    tags: Sequence[str] = (),
) -> list[QuizItem]:
    """Up to `count` questions (all if None) in random order with shuffled choices.
    The result depends only on the banks, the filters and `seed`."""
    rng = random.Random(seed)
    pool = matching_questions(banks, tags)
    rng.shuffle(pool)
    chosen = pool if count is None else pool[:count]
    return [QuizItem(q, tuple(rng.sample(range(q.choice_count), q.choice_count))) for q in chosen]
