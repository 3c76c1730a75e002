"""Turn what a student typed, or wrote in an answers file, into a canonical Answer.

Typed answers refer to options by their on-screen labels (1..n or a..z, after shuffling);
`order[position]` maps a label's position back to the option's index in the bank.
Both functions raise AnswerParseError, whose `message` says what was wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from grader.quiz.i18n import MessageError
from grader.quiz.model import Answer, Question, is_index, is_number
from grader.quiz.normalize import normalize_text

TRUE_WORDS = frozenset(
    {"t", "true", "y", "yes", "1", "да", "д", "и", "истинно", "истина", "правда", "в", "верно"}
)
FALSE_WORDS = frozenset({"f", "false", "n", "no", "0", "нет", "н", "л", "ложно", "ложь", "неверно"})
# Cyrillic letters that look like the Latin option letters a, b, c, e (а в с е), so that
# "1а 2с 3b" typed on a Russian keyboard layout means what the student sees.
_LOOKALIKES = str.maketrans("авсе", "abce")
_SEPARATORS = re.compile(r"[\s,;]+")
_PAIRS = re.compile(r"(?:\d+\s*[-:=.)>]?\s*[a-z][\s,;]*)+")
_PAIR = re.compile(r"(\d+)\s*[-:=.)>]?\s*([a-z])")


class AnswerParseError(MessageError):
    """The input cannot be read as an answer to this question."""


def option_label(position: int) -> str:
    """The number shown for the option at 0-based `position`: 0 -> '1'."""
    return str(position + 1)


def option_letter(position: int) -> str:
    """The letter for the option or right-hand item at 0-based `position`: 0 -> 'a'."""
    return chr(ord("a") + position)


def matching_example(count: int) -> str:
    """An example matching answer for `count` items: '1b 2c 3a'."""
    return " ".join(f"{i + 1}{option_letter((i + 1) % count)}" for i in range(count))


def _position(token: str, count: int) -> int:
    position = int(token) - 1 if token.isdigit() else ord(token) - ord("a")
    if not 0 <= position < count:
        raise AnswerParseError(
            "no_such_option", label=token, count=count, last=option_letter(count - 1)
        )
    return position


def latin_letters(text: str) -> str:
    """`text` stripped, lower-cased, with Cyrillic look-alikes of a, b, c, e made Latin."""
    return text.strip().lower().translate(_LOOKALIKES)


def parse_choices(text: str, count: int) -> list[int]:
    """0-based positions picked in '2', 'b', '1,3', '1 3', 'a,c' or 'ac'; duplicates dropped."""
    value = latin_letters(text)
    tokens = [token.rstrip(".)") for token in _SEPARATORS.split(value) if token]
    if not tokens:
        raise AnswerParseError("empty_answer")
    picks: list[int] = []
    for token in tokens:
        if token.isdigit():
            picks.append(_position(token, count))
        elif token.isascii() and token.isalpha() and (len(token) == 1 or len(token) <= count):
            picks.extend(_position(letter, count) for letter in token)
        else:
            raise AnswerParseError("bad_choice", text=text.strip())
    return list(dict.fromkeys(picks))


def parse_bool(text: str) -> bool:
    """true/false, t/f, yes/no, y/n, 1/0, да/нет, д/н, истинно/ложно, и/л (also верно/неверно)."""
    word = text.strip().lower().rstrip(".!")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise AnswerParseError("empty_answer" if not word else "bad_bool")


def parse_number(text: str) -> float:
    """A finite number; a single comma is a decimal comma: '3,5' -> 3.5."""
    value = text.strip().replace(" ", "")
    if not value:
        raise AnswerParseError("empty_answer")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        raise AnswerParseError("bad_number", text=text.strip()) from None
    if not math.isfinite(number):
        raise AnswerParseError("bad_number", text=text.strip())
    return number


def parse_matching(text: str, count: int) -> list[int]:
    """For each left item in order, the 0-based position of the right item chosen for it.
    Accepts '1b 2a 3c' (any order) or the letters alone in item order: 'b,a,c' or 'bac'."""
    value = latin_letters(text)
    example = matching_example(count)
    if not value:
        raise AnswerParseError("empty_answer")
    if _PAIRS.fullmatch(value):
        chosen: dict[int, int] = {}
        for item, letter in _PAIR.findall(value):
            index = int(item) - 1
            if not 0 <= index < count:
                raise AnswerParseError("no_such_item", item=item, count=count)
            if index in chosen:
                raise AnswerParseError("item_twice", item=item)
            chosen[index] = _position(letter, count)
        missing = [str(i + 1) for i in range(count) if i not in chosen]
        if missing:
            raise AnswerParseError("items_missing", items=", ".join(missing), example=example)
        return [chosen[i] for i in range(count)]
    letters = _SEPARATORS.sub("", value)
    if letters.isascii() and letters.isalpha():
        if len(letters) != count:
            raise AnswerParseError("letters_count", count=count, example=example)
        return [_position(letter, count) for letter in letters]
    raise AnswerParseError("bad_matching", count=count, example=example)


def parse_typed(question: Question, text: str, order: Sequence[int]) -> Answer:
    """The canonical answer for `text` typed at the prompt of `question` shown in `order`."""
    kind = question.type
    if kind in ("single", "multiple"):
        picks = [order[p] for p in parse_choices(text, len(order))]
        if kind == "multiple":
            return tuple(sorted(picks))
        if len(picks) != 1:
            raise AnswerParseError("choose_one")
        return picks[0]
    if kind == "truefalse":
        return parse_bool(text)
    if kind == "numeric":
        return parse_number(text)
    if kind == "matching":
        return tuple(order[p] for p in parse_matching(text, len(order)))
    if not text.strip():
        raise AnswerParseError("empty_answer")
    return text.strip()


def _option_index(question: Question, value: Any) -> int:
    count = len(question.options)
    if is_index(value) and 0 <= value < count:
        return value
    if isinstance(value, str):
        wanted = normalize_text(value)
        for index, option in enumerate(question.options):
            if wanted in {normalize_text(text) for text in option.values()}:
                return index
    raise AnswerParseError("expected_option", max=count - 1, value=value)


def coerce_answer(question: Question, value: Any) -> Answer:
    """The canonical answer for `value` from an answers file (see docs/quiz.md for forms)."""
    kind = question.type
    if kind == "single":
        return _option_index(question, value)
    if kind == "multiple":
        if not isinstance(value, list):
            raise AnswerParseError("expected_option_list", max=len(question.options) - 1)
        return tuple(sorted({_option_index(question, item) for item in value}))
    if kind == "truefalse":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) or is_index(value):
            return parse_bool(str(value))
        raise AnswerParseError("bad_bool")
    if kind == "numeric":
        if is_number(value):
            return float(value)
        if isinstance(value, str):
            return parse_number(value)
        raise AnswerParseError("bad_number", text=value)
    if kind == "matching":
        count = len(question.pairs)
        if isinstance(value, list) and len(value) == count:
            if all(is_index(v) and 0 <= v < count for v in value):
                return tuple(value)
        raise AnswerParseError("expected_matching", count=count, max=count - 1)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise AnswerParseError("expected_text")
