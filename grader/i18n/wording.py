"""Turning feedback keys and parameters into English or Russian text (grader/locale/*.yaml)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from grader import yamlio as fastyaml
from grader.i18n.plural import choose
from grader.model import Feedback

LANGUAGES = ("en", "ru")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@functools.cache
def catalogue(lang: str) -> dict[str, str | dict[str, str]]:
    """Key -> sentence, or key -> {CLDR plural category: sentence} for counted sentences."""
    return fastyaml.safe_load((LOCALE_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


def default_language() -> str:
    lang = os.environ.get("NNLAB_LANG", "en").lower()[:2]
    return lang if lang in LANGUAGES else "en"


def say(key: str, lang: str, **params: object) -> str:
    """The sentence for `key` in `lang`, filled with `params` (a missing one stays as {name}).

    An entry that maps CLDR plural categories (one, few, many, other) to sentences is chosen
    by the `count` parameter: `list.in-progress` with count=1 -> '(1 try)', 2 -> '(2 tries)'.
    """
    messages = catalogue(lang)
    template = messages.get(key) or catalogue("en").get(key) or key
    if isinstance(template, dict):
        count = params.get("count", 0)
        template = choose(template, count if isinstance(count, (int, float)) else 0, lang)
    return template.format_map(_Lenient(params))


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
