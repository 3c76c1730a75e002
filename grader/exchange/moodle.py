"""Moodle's question model as GIFT and Moodle XML both carry it, and its grade fractions.

The format modules (gift.py, moodle_xml.py) read and write only these records; convert.py maps
them to and from bank questions. Rich-text fields (question text, general feedback, choices of
a multiple-choice question, left sides of a matching question) hold HTML; the others (short
answers, right sides of a matching question, category names) hold plain text, or multilang
spans around HTML-escaped text when the languages differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from grader.errors import GraderError

# Moodle's types by their Moodle XML names; GIFT calls matching "match" internally.
MULTICHOICE, TRUEFALSE, SHORTANSWER, NUMERICAL, MATCHING = (
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
)
SUPPORTED_TYPES = (MULTICHOICE, TRUEFALSE, SHORTANSWER, NUMERICAL, MATCHING)
COURSE_CATEGORY = ("$course$", "top")
HEADER = "nnlab export:"  # starts the comment that says what was exported, e.g. lang=both

# The grades Moodle offers for an answer (question_bank::fraction_options_full), in percent:
# p/q for q <= 6, p/10, 1/q for q <= 10, and 1/20, with 7 significant decimals as a fraction.
_POSITIVE = (
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
)
ALLOWED_FRACTIONS: tuple[float, ...] = _POSITIVE + (0,) + tuple(-f for f in _POSITIVE)


@dataclass
class Answer:
    """One answer: its text, its grade in percent (-100..100), a tolerance for numerical."""

    text: str
    fraction: float
    tolerance: float | None = None


@dataclass
class Subquestion:
    """One row of a matching question: HTML `text` belongs with plain `answer`."""

    text: str
    answer: str


@dataclass
class MoodleQuestion:
    """A question as Moodle stores it. `line` is where it starts in the file it was read from."""

    qtype: str
    name: str
    text: str
    feedback: str = ""
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    single: bool = True
    answers: list[Answer] = field(default_factory=list)
    subquestions: list[Subquestion] = field(default_factory=list)
    category: tuple[str, ...] = ()
    line: int = 0


@dataclass
class MoodleFile:
    """The questions of a file, and what the nnlab header comment says (e.g. lang=both)."""

    questions: list[MoodleQuestion]
    header: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """Something a reader or converter left out or changed: a wording key and its parameters,
    at `line` of the file (0 if unknown)."""

    line: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class ExchangeError(GraderError):
    """A file cannot be read: a wording key and parameters, at a 1-based line (0 if unknown)."""

    def __init__(self, line: int, key: str, /, **params: Any) -> None:
        super().__init__(f"line {line}: {key} {params}")
        self.line, self.key, self.params = line, key, params


def nearest_fraction(percent: float) -> float:
    """The grade Moodle allows that is closest to `percent`."""
    return min(ALLOWED_FRACTIONS, key=lambda allowed: (abs(allowed - percent), -allowed))


def choice_fractions(right: int, total: int) -> tuple[float, float]:
    """(grade of each right choice, grade of each wrong one) for a multiple-response question:
    the right ones share +100 %, the wrong ones -100 %, so that picking every choice scores 0.
    Exact up to 10 right and 10 wrong choices; beyond that the nearest allowed grade."""
    wrong = total - right
    return nearest_fraction(100 / right), nearest_fraction(-100 / wrong) if wrong else 0.0


def format_number(value: float) -> str:
    """A number as Moodle reads it: positional, shortest exact form (`0.00001`, `5408`)."""
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_fraction(percent: float) -> str:
    """A grade as Moodle writes it: `100`, `-50`, `33.33333`."""
    return format_number(round(percent, 5))


def split_category(path: str) -> tuple[str, ...]:
    """A category path split on `/`; `//` stands for a slash inside a name."""
    names, current, index = [], "", 0
    while index < len(path):
        if path.startswith("//", index):
            current += "/"
            index += 2
        elif path[index] == "/":
            names.append(current.strip())
            current = ""
            index += 1
        else:
            current += path[index]
            index += 1
    names.append(current.strip())
    return tuple(names)


def join_category(names: tuple[str, ...]) -> str:
    """The inverse of split_category: names joined by `/`, each `/` in a name doubled (and a
    space added where a name starts or ends with one, as Moodle does)."""
    escaped = [name.replace("/", "//") for name in names]
    return "/".join(
        (" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else "")
        for name in escaped
    )


def header_comment(header: dict[str, str]) -> str:
    """The text of the nnlab comment at the top of an exported file."""
    return f"{HEADER} " + " ".join(f"{key}={value}" for key, value in header.items())


def read_header(comment: str) -> dict[str, str]:
    """The key=value pairs of an nnlab header comment, {} for any other comment."""
    comment = comment.strip()
    if not comment.startswith(HEADER):
        return {}
    pairs = (pair.split("=", 1) for pair in comment[len(HEADER) :].split() if "=" in pair)
    return dict(pairs)
