"""The quiz's messages in the product catalogue: every key the code uses exists; counted nouns
follow CLDR. (Both languages having every key with the same placeholders: tests/i18n.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import grader.quiz
from grader.i18n.wording import catalogue
from grader.quiz.i18n import plural, resolve_lang, t
from grader.quiz.model import DIFFICULTIES, QUESTION_TYPES

SOURCE = Path(grader.quiz.__file__).parent
KEY_USES = re.compile(
    r"""(?:Message|MessageError|AnswerParseError|\bt|\.add|fail)\(\s*(?:[^,()"]+,\s*)?"([a-z_]+)\""""
)

PLURAL_USES = re.compile(r"plural\([^()]*(?:\([^()]*\))?[^()]*,\s*\"([a-z_]+)\"")
QUIZ_KEYS = {key.removeprefix("quiz.") for key in catalogue("en") if key.startswith("quiz.")}


def test_every_key_used_in_the_code_exists() -> None:
    sources = [path.read_text() for path in SOURCE.glob("*.py")]
    used = {key for text in sources for key in KEY_USES.findall(text)}
    used |= {f"prompt_{kind}" for kind in QUESTION_TYPES}
    used |= {f"difficulty_{level}" for level in DIFFICULTIES}
    nouns = {noun for text in sources for noun in PLURAL_USES.findall(text)}
    assert len(used) > 60  # the pattern really finds the uses
    assert {"question", "bank", "session"} <= nouns
    used |= {f"count.{noun}" for noun in nouns}
    assert sorted(used - QUIZ_KEYS) == []


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
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),
        (None, {"NNLAB_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
    ],
)
def test_resolve_lang(option: str | None, env: dict[str, str], lang: str) -> None:
    assert resolve_lang(option, env) == lang
