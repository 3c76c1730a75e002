"""The message catalog: complete in both languages, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import grader.quiz
from grader.quiz.i18n import plural, resolve_lang, t
from grader.quiz.messages import MESSAGES, PLURALS
from grader.quiz.model import DIFFICULTIES, LANGS, QUESTION_TYPES

SOURCE = Path(grader.quiz.__file__).parent
KEY_USES = re.compile(
    r"""(?:Message|MessageError|AnswerParseError|\bt|\.add|fail)\(\s*(?:[^,()"]+,\s*)?"([a-z_]+)\""""
)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS)
    assert placeholders(entry["en"]) == placeholders(entry["ru"])


def test_every_key_used_in_the_code_exists() -> None:
    used = {key for path in SOURCE.glob("*.py") for key in KEY_USES.findall(path.read_text())}
    used |= {f"prompt_{kind}" for kind in QUESTION_TYPES}
    used |= {f"difficulty_{level}" for level in DIFFICULTIES}
    assert len(used) > 60  # the pattern really finds the uses
    assert sorted(used - set(MESSAGES)) == []


@pytest.mark.parametrize(
    ("count", "en", "ru"),
    [
        (1, "1 question", "1 вопрос"),
        (2, "2 questions", "2 вопроса"),
        (5, "5 questions", "5 вопросов"),
        (11, "11 questions", "11 вопросов"),
        (12, "12 questions", "12 вопросов"),
        (21, "21 questions", "21 вопрос"),
        (24, "24 questions", "24 вопроса"),
        (111, "111 questions", "111 вопросов"),
        (0, "0 questions", "0 вопросов"),
    ],
)
def test_plurals(count: int, en: str, ru: str) -> None:
    assert (plural(count, "question", "en"), plural(count, "question", "ru")) == (en, ru)


def test_plural_forms_are_complete() -> None:
    """Every noun has a form for every CLDR plural category Babel knows for the language."""
    from babel import Locale

    for forms in PLURALS.values():
        for lang in ("en", "ru"):
            assert set(Locale.parse(lang).plural_form.tags) | {"other"} <= set(forms[lang])


def test_russian_plural_forms_follow_cldr() -> None:
    assert [plural(n, "question", "ru") for n in (1, 3, 5, 11, 21, 22)] == [
        "1 вопрос",
        "3 вопроса",
        "5 вопросов",
        "11 вопросов",
        "21 вопрос",
        "22 вопроса",
    ]
    assert [plural(n, "question", "en") for n in (1, 2)] == ["1 question", "2 questions"]


def test_params_named_like_arguments_do_not_clash() -> None:
    assert t("missing_language", "en", field="text", lang="ru") == "'text' has no 'ru' text"


@pytest.mark.parametrize(
    ("option", "env", "lang"),
    [
        ("ru", {"NNLAB_LANG": "en"}, "ru"),
        (None, {"NNLAB_LANG": "ru"}, "ru"),
        (None, {"NNLAB_LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"NNLAB_LANG": "de"}, "en"),
        (None, {}, "en"),
    ],
)
def test_resolve_lang(option: str | None, env: dict[str, str], lang: str) -> None:
    assert resolve_lang(option, env) == lang
