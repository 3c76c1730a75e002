"""Scoring of canonical answers: all-or-nothing types, partial credit, normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.quiz.bank import load_banks, questions_by_id
from grader.quiz.normalize import normalize_text
from grader.quiz.scoring import (
    expected_answer,
    matching_score,
    multiple_score,
    numeric_close,
    score_answer,
)

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
Q = questions_by_id(load_banks([MINI]))


@pytest.mark.parametrize(
    ("qid", "answer", "score"),
    [
        ("mini-mse-value", 1, 1.0),
        ("mini-mse-value", 0, 0.0),
        ("mini-mse-value", True, 0.0),  # True == 1 in Python, but is not an option index
        ("mini-bias-tf", True, 1.0),
        ("mini-bias-tf", False, 0.0),
        ("mini-bias-tf", 1, 0.0),  # only a real bool answers a true/false question
        ("mini-sigmoid-zero", 0.5, 1.0),
        ("mini-sigmoid-zero", 0.51, 1.0),  # exactly at the tolerance
        ("mini-sigmoid-zero", 0.49, 1.0),
        ("mini-sigmoid-zero", 0.511, 0.0),
        ("mini-sigmoid-zero", 1, 0.0),
        ("mini-optimizer-name", "gradient descent", 1.0),
        ("mini-optimizer-name", "  Gradient\tDESCENT ", 1.0),
        ("mini-optimizer-name", "gd", 1.0),
        ("mini-optimizer-name", "Градиентный спуск", 1.0),  # the other language counts
        ("mini-optimizer-name", "gradient ascent", 0.0),
        ("mini-optimizer-name", "gradientdescent", 0.0),
    ],
)
def test_all_or_nothing_types(qid: str, answer: object, score: float) -> None:
    assert score_answer(Q[qid], answer) == score


@pytest.mark.parametrize(
    ("picked", "score"),
    [
        ((0, 2), 1.0),  # both right ones
        ((0,), 0.5),  # one of two right
        ((0, 1), 0.0),  # one right, one wrong
        ((0, 2, 1), 0.5),  # both right, one wrong
        ((1, 3), 0.0),  # never below zero
        ((0, 1, 2, 3), 0.0),  # ticking everything earns nothing
        ((), 0.0),
    ],
)
def test_multiple_partial_credit(picked: tuple[int, ...], score: float) -> None:
    assert score_answer(Q["mini-activations"], picked) == score


def test_multiple_score_formula_with_three_right() -> None:
    assert multiple_score([0, 1, 4], [0, 1, 2]) == pytest.approx(1 / 3)
    assert multiple_score([0, 1], [0, 1, 2]) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("given", "score"),
    [((0, 1, 2), 1.0), ((0, 2, 1), 1 / 3), ((1, 2, 0), 0.0), ((0, 0, 0), 1 / 3)],
)
def test_matching_share_of_correct_pairs(given: tuple[int, ...], score: float) -> None:
    assert score_answer(Q["mini-match-derivatives"], given) == pytest.approx(score)
    assert matching_score(given, 3) == pytest.approx(score)


def test_numeric_tolerance_forgives_binary_rounding_only() -> None:
    assert numeric_close(0.1 + 0.2, 0.3, 0.0)
    assert not numeric_close(0.3001, 0.3, 0.0)
    assert numeric_close(1e6 + 1e-4, 1e6, 0.0)  # relative slack for large numbers
    assert not numeric_close(1e6 + 1.0, 1e6, 0.5)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  Ёлка   Big\tTree ", "елка big tree"),
        ("ЁЖ", "еж"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalize_text(text: str, normal: str) -> None:
    assert normalize_text(text) == normal


def test_expected_answers_are_canonical() -> None:
    assert expected_answer(Q["mini-activations"]) == (0, 2)
    assert expected_answer(Q["mini-match-derivatives"]) == (0, 1, 2)
    assert expected_answer(Q["mini-optimizer-name"]) == [
        "gradient descent",
        "GD",
        "градиентный спуск",
    ]
