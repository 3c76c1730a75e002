"""Plain data model of question banks: localized texts, questions and banks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeGuard, TypeVar

LANGS: tuple[str, ...] = ("en", "ru")
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "numeric", "text", "matching")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")

T = TypeVar("T")


def is_number(value: Any) -> TypeGuard[int | float]:
    """A finite int or float that is not a bool (to Python, YAML's true/false are ints)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_index(value: Any) -> bool:
    """An int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


# Canonical answer per question type: single -> option index; multiple -> sorted tuple of option
# indexes; truefalse -> bool; numeric -> float; text -> str; matching -> tuple giving, for each
# left item in bank order, the index of the right item it was matched with.
Answer = int | tuple[int, ...] | bool | float | str


@dataclass(frozen=True)
class Localized(Generic[T]):
    """One value per course language."""

    en: T
    ru: T

    def get(self, lang: str) -> T:
        return self.ru if lang == "ru" else self.en

    def values(self) -> tuple[T, T]:
        return (self.en, self.ru)


@dataclass(frozen=True)
class Pair:
    """One row of a matching question: `left` belongs with `right`."""

    left: Localized[str]
    right: Localized[str]


@dataclass(frozen=True)
class Question:
    """A validated question. `answer` is canonical; text and matching keep theirs elsewhere."""

    id: str
    type: str
    difficulty: str
    tags: tuple[str, ...]
    text: Localized[str]
    explanation: Localized[str]
    bank: str
    path: Path
    line: int
    options: tuple[Localized[str], ...] = ()
    answer: Answer | None = None
    tolerance: float = 0.0
    accepted: Localized[tuple[str, ...]] | None = None
    pairs: tuple[Pair, ...] = ()

    @property
    def choice_count(self) -> int:
        """How many items get shuffled and labelled: options, or right sides of pairs."""
        return len(self.options) if self.options else len(self.pairs)


@dataclass(frozen=True)
class Bank:
    """A validated bank file."""

    name: str
    title: Localized[str]
    questions: tuple[Question, ...]
    path: Path
