"""Reading typed answers (labels, words, numbers) and answers-file values into canonical form."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.quiz.answers import (
    FALSE_WORDS,
    TRUE_WORDS,
    AnswerParseError,
    coerce_answer,
    parse_bool,
    parse_choices,
    parse_matching,
    parse_number,
    parse_typed,
)
from grader.quiz.bank import load_banks, questions_by_id

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
Q = questions_by_id(load_banks([MINI]))


def error_key(call, *args) -> str:
    with pytest.raises(AnswerParseError) as caught:
        call(*args)
    return caught.value.message.key


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("2", [1]),
        ("b", [1]),
        ("B", [1]),
        (" 1,3 ", [0, 2]),
        ("1 3", [0, 2]),
        ("a,c", [0, 2]),
        ("a c", [0, 2]),
        ("ac", [0, 2]),
        ("1;3", [0, 2]),
        ("c, a, c", [2, 0]),  # duplicates dropped, order kept
        ("2)", [1]),
        ("b)", [1]),
    ],
)
def test_parse_choices(text: str, positions: list[int]) -> None:
    assert parse_choices(text, 4) == positions


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "empty_answer"),
        ("   ", "empty_answer"),
        ("5", "no_such_option"),
        ("0", "no_such_option"),
        ("e", "no_such_option"),
        ("gradient descent", "bad_choice"),  # a word, not letters of options
        ("1.5", "bad_choice"),
        ("б", "bad_choice"),
    ],
)
def test_parse_choices_rejects(text: str, key: str) -> None:
    assert error_key(parse_choices, text, 4) == key


def test_spec_true_false_words_are_all_accepted() -> None:
    for word in ["t", "true", "yes", "y", "да", "д", "1", "в", "верно", "TRUE", " Yes. "]:
        assert parse_bool(word) is True, word
    for word in ["f", "false", "no", "n", "нет", "н", "0", "неверно", "НЕТ"]:
        assert parse_bool(word) is False, word
    assert not TRUE_WORDS & FALSE_WORDS


@pytest.mark.parametrize(("text", "key"), [("maybe", "bad_bool"), ("", "empty_answer")])
def test_parse_bool_rejects(text: str, key: str) -> None:
    assert error_key(parse_bool, text) == key


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3.0), ("3.5", 3.5), ("3,5", 3.5), ("-0,25", -0.25), (" 1e-3 ", 0.001), (".5", 0.5)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2,3", "nan", "inf", "3 5x"])
def test_parse_number_rejects(text: str) -> None:
    assert error_key(parse_number, text) == "bad_number"


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("1b 2a 3c", [1, 0, 2]),
        ("3c 1b 2a", [1, 0, 2]),  # any order
        ("1-b, 2-a, 3-c", [1, 0, 2]),
        ("1b2a3c", [1, 0, 2]),
        ("b,a,c", [1, 0, 2]),
        ("b a c", [1, 0, 2]),
        ("bac", [1, 0, 2]),
        ("B A C", [1, 0, 2]),
        ("a a a", [0, 0, 0]),  # allowed, it just scores what it scores
    ],
)
def test_parse_matching(text: str, positions: list[int]) -> None:
    assert parse_matching(text, 3) == positions


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "empty_answer"),
        ("1b 2a", "items_missing"),
        ("1b 1a 2c", "item_twice"),
        ("4a 1b 2c", "no_such_item"),
        ("1d 2a 3b", "no_such_option"),
        ("b,a", "letters_count"),
        ("1 2 3", "bad_matching"),
    ],
)
def test_parse_matching_rejects(text: str, key: str) -> None:
    assert error_key(parse_matching, text, 3) == key


def test_typed_labels_map_back_through_the_shuffle() -> None:
    order = (2, 0, 1)  # on screen: 1) bank option 2, 2) option 0, 3) option 1
    assert parse_typed(Q["mini-mse-value"], "3", order) == 1
    assert parse_typed(Q["mini-mse-value"], "a", order) == 2
    assert parse_typed(Q["mini-activations"], "1,2", (2, 0, 1, 3)) == (0, 2)
    assert parse_typed(Q["mini-match-derivatives"], "1b 2c 3a", order) == (0, 1, 2)
    assert parse_typed(Q["mini-bias-tf"], "да", ()) is True
    assert parse_typed(Q["mini-sigmoid-zero"], "0,5", ()) == 0.5
    assert parse_typed(Q["mini-optimizer-name"], " GD \n", ()) == "GD"


def test_single_choice_needs_exactly_one() -> None:
    assert error_key(parse_typed, Q["mini-mse-value"], "1,2", (0, 1, 2)) == "choose_one"
    assert error_key(parse_typed, Q["mini-optimizer-name"], "  \n", ()) == "empty_answer"


@pytest.mark.parametrize(
    ("qid", "value", "canonical"),
    [
        ("mini-mse-value", 2, 2),
        ("mini-mse-value", "two", 1),  # option text, English
        ("mini-mse-value", " ЧЕТЫРЕ ", 2),  # option text, Russian
        ("mini-activations", [2, 0, 2], (0, 2)),
        ("mini-activations", ["sigmoid", 2], (0, 2)),
        ("mini-bias-tf", False, False),
        ("mini-bias-tf", "да", True),
        ("mini-sigmoid-zero", 1, 1.0),
        ("mini-sigmoid-zero", "0,5", 0.5),
        ("mini-optimizer-name", "GD", "GD"),
        ("mini-match-derivatives", [2, 1, 0], (2, 1, 0)),
    ],
)
def test_coerce_answer_file_values(qid: str, value: object, canonical: object) -> None:
    assert coerce_answer(Q[qid], value) == canonical


@pytest.mark.parametrize(
    ("qid", "value", "key"),
    [
        ("mini-mse-value", 3, "expected_option"),
        ("mini-mse-value", True, "expected_option"),
        ("mini-mse-value", "five", "expected_option"),
        ("mini-activations", 0, "expected_option_list"),
        ("mini-activations", [0, 9], "expected_option"),
        ("mini-bias-tf", 0.5, "bad_bool"),
        ("mini-sigmoid-zero", True, "bad_number"),
        ("mini-sigmoid-zero", [1], "bad_number"),
        ("mini-optimizer-name", ["GD"], "expected_text"),
        ("mini-match-derivatives", [0, 1], "expected_matching"),
        ("mini-match-derivatives", [0, 1, 3], "expected_matching"),
    ],
)
def test_coerce_answer_rejects(qid: str, value: object, key: str) -> None:
    assert error_key(coerce_answer, Q[qid], value) == key
