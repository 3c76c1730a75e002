"""Turning message keys and parameters into English or Russian text: the product's one catalogue.

grader/i18n/locale/{en,ru}.yaml hold every user-facing sentence, keyed by name; areas have
their own prefix (quiz.*, authoring.*, list.*, batch.*, ...). An entry is a sentence or, for
counted sentences, a mapping from CLDR plural categories to sentences (grader.i18n.plural).
"""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import cast

from grader import yamlio as fastyaml
from grader.i18n.language import LANGUAGES as LANGUAGES
from grader.i18n.language import choose_language
from grader.i18n.plural import choose
from grader.model import Feedback

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Formatter(string.Formatter):
    """str.format_map, except that a value its format spec does not fit ('{score:g}' given a
    text) is shown as it is instead of raising."""

    def format_field(self, value: object, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_FORMATTER = _Formatter()


@functools.cache
def catalogue(lang: str) -> dict[str, str | dict[str, str]]:
    """Key -> sentence, or key -> {CLDR plural category: sentence} for counted sentences."""
    return cast(dict, fastyaml.safe_load((LOCALE_DIR / f"{lang}.yaml").read_text(encoding="utf-8")))


def default_language() -> str:
    """The language of the output when no --lang is given (see grader.i18n.language)."""
    return choose_language()


def say(key: str, lang: str, /, **params: object) -> str:
    """The sentence for `key` in `lang`, filled with `params` (a missing one stays as {name}).

    An entry that maps CLDR plural categories (one, few, many, other) to sentences is chosen
    by the `count` parameter: `list.in-progress` with count=1 -> '(1 try)', 2 -> '(2 tries)'.
    """
    messages = catalogue(lang)
    template = messages.get(key) or catalogue("en").get(key) or key
    if isinstance(template, dict):
        count = params.get("count", 0)
        template = choose(template, count if isinstance(count, (int, float)) else 0, lang)
    return _FORMATTER.vformat(template, (), _Lenient(params))


def has(key: str) -> bool:
    """Whether the catalogue knows `key` (the English catalogue is the complete one)."""
    return key in catalogue("en")


def describe(feedback: Feedback, lang: str) -> str:
    """One feedback value as a sentence; a variant key such as `crashed.SIGSEGV` wins if known."""
    variant = feedback.params.get("variant")
    key = feedback.key
    if variant and f"{key}.{variant}" in catalogue(lang):
        key = f"{key}.{variant}"
    return say(key, lang, **feedback.params)


def pick(text: dict | str | None, lang: str) -> str:
    """The `lang` side of a bilingual {en, ru} text."""
    if isinstance(text, dict):
        return str(text.get(lang) or text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)
