"""Question selection and shuffling are a pure function of the seed."""

from __future__ import annotations

from pathlib import Path

from grader.quiz.bank import load_banks
from grader.quiz.selection import build_quiz, new_seed

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
BANKS = load_banks([MINI])


def shape(items) -> list[tuple[str, tuple[int, ...]]]:
    return [(item.question.id, item.order) for item in items]


def test_same_seed_same_quiz() -> None:
    assert shape(build_quiz(BANKS, seed=1234)) == shape(build_quiz(BANKS, seed=1234))


def test_seeds_vary_order_and_shuffles() -> None:
    quizzes = {tuple(shape(build_quiz(BANKS, seed=seed))) for seed in range(20)}
    orders = {tuple(qid for qid, _ in quiz) for quiz in quizzes}
    option_orders = {dict(quiz)["mini-activations"] for quiz in quizzes}
    assert len(orders) > 10 and len(option_orders) > 5


def test_each_order_is_a_permutation_of_the_choices() -> None:
    for seed in range(10):
        for item in build_quiz(BANKS, seed=seed):
            assert sorted(item.order) == list(range(item.question.choice_count))


def test_count_and_tags_filter() -> None:
    assert len(build_quiz(BANKS, seed=3, count=2)) == 2
    assert len(build_quiz(BANKS, seed=3, count=None)) == 6
    tagged = build_quiz(BANKS, seed=3, tags=["ACTIVATIONS"])
    assert {item.question.id for item in tagged} == {
        "mini-activations",
        "mini-sigmoid-zero",
        "mini-match-derivatives",
    }
    assert build_quiz(BANKS, seed=3, tags=["nothing"]) == []


def test_a_smaller_count_is_a_prefix_of_the_same_seed() -> None:
    full = [item.question.id for item in build_quiz(BANKS, seed=9, count=None)]
    assert [item.question.id for item in build_quiz(BANKS, seed=9, count=3)] == full[:3]


def test_new_seeds_are_short() -> None:
    assert all(1000 <= new_seed() < 10000 for _ in range(50))
