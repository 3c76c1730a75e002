"""Write a bank as YAML in the layout of the shipped banks (quizzes/*.yaml).

Every string is double-quoted (so that `yes`, `1.0` or `a: b` stay strings), localized values of
options and pairs are flow mappings on one line, numbers keep a decimal point where YAML 1.1
needs one to read them back as numbers (`1.0e-05`, not `1e-05`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

# Characters PyYAML refuses in a document, even inside quotes: written as \u escapes.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_INDENT = "  "
# Words YAML 1.1 reads as booleans or null: never written bare.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_BARE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def quote(text: str) -> str:
    """A YAML double-quoted scalar for `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def number(value: float | int) -> str:
    """A YAML 1.1 number: `26`, `0.881`, `1.0e-05`."""
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e16):
        return str(int(value))
    text = repr(float(value))
    mantissa, _, exponent = text.partition("e")
    if exponent:
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-')}"
    return text


def scalar(value: Any) -> str:
    """A YAML scalar: bare for booleans, numbers and identifiers (ids, types, tags), else
    double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number(value)
    text = str(value)
    return text if _BARE.fullmatch(text) and text not in _YAML_WORDS else quote(text)


def text_value(text: str, indent: str) -> str:
    """A question text: a literal block (`|-`) when it has several lines, else quoted."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[0].startswith(" ") or _UNPRINTABLE.search(text) or "\r" in text:
        return quote(text)
    return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def flow(mapping: dict) -> str:
    """A one-line mapping of localized texts: {en: "…", ru: "…"}."""
    return "{" + ", ".join(f"{key}: {quote(value)}" for key, value in mapping.items()) + "}"


def _question(question: dict) -> list[str]:
    lines: list[str] = []
    first = True
    for key, value in question.items():
        prefix = f"{_INDENT}- " if first else f"{_INDENT}{_INDENT}"
        first = False
        inner = _INDENT * 3
        if key in ("text", "explanation"):
            lines.append(f"{prefix}{key}:")
            lines.extend(
                f"{inner}{lang}: {text_value(text, inner + _INDENT)}"
                for lang, text in value.items()
            )
        elif key == "options":
            lines.append(f"{prefix}options:")
            lines.extend(f"{inner}- {flow(option)}" for option in value)
        elif key == "pairs":
            lines.append(f"{prefix}pairs:")
            for pair in value:
                lines.append(f"{inner}- left: {flow(pair['left'])}")
                lines.append(f"{inner}  right: {flow(pair['right'])}")
        elif key == "accepted":
            lines.append(f"{prefix}accepted:")
            lines.extend(
                f"{inner}{lang}: [{', '.join(map(quote, answers))}]"
                for lang, answers in value.items()
            )
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(map(scalar, value))}]")
        else:
            lines.append(f"{prefix}{key}: {scalar(value)}")
    return lines


def dump_bank(bank: dict, comments: Sequence[str] = ()) -> str:
    """The YAML text of a bank dict {bank, title, questions: [...]}, after `# comment` lines."""
    lines = [f"# {comment}".rstrip() for comment in comments]
    lines += [f"bank: {scalar(bank['bank'])}", f"title: {flow(bank['title'])}", "questions:"]
    for index, question in enumerate(bank["questions"]):
        if index:
            lines.append("")
        lines.extend(_question(question))
    return "\n".join(lines) + "\n"
