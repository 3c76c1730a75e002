"""The product's one message catalogue (grader/i18n/locale): both languages have every key, with
the same placeholders, and counted entries have a form for every CLDR plural category."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel import Locale

from grader import yamlio
from grader.i18n.wording import LANGUAGES, catalogue

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"


def forms(entry: str | dict[str, str]) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def placeholders(entry: str | dict[str, str], lang: str) -> set[str]:
    """The names filled into `entry`; a text in the entry's own language ('custom: "{ru}"' in
    ru.yaml) counts as 'own'."""
    names = {
        name for text in forms(entry) for _, name, _, _ in string.Formatter().parse(text) if name
    }
    return {"own" if name == lang else name for name in names}


def test_both_languages_have_the_same_keys() -> None:
    en, ru = set(catalogue("en")), set(catalogue("ru"))
    assert (sorted(en - ru), sorted(ru - en)) == ([], [])
    assert len(en) > 300  # quiz.*, authoring.* and the rest are all in it


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    en, ru = catalogue("en")[key], catalogue("ru").get(key, "")
    assert placeholders(en, "en") == placeholders(ru, "ru")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counted_entries_have_every_cldr_category(lang: str) -> None:
    needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
    counted = {key: entry for key, entry in catalogue(lang).items() if isinstance(entry, dict)}
    assert len(counted) >= 8
    incomplete = {key: sorted(needed - set(entry)) for key, entry in counted.items()}
    assert {key: missing for key, missing in incomplete.items() if missing} == {}


def test_every_tag_in_the_shipped_banks_has_a_topic_name() -> None:
    tags = {
        tag
        for path in QUIZZES.glob("*.yaml")
        for question in yamlio.safe_load(path.read_text(encoding="utf-8"))["questions"]
        for tag in question["tags"]
    }
    assert "misconceptions" in tags
    assert sorted(tag for tag in tags if f"quiz.topic.{tag}" not in catalogue("en")) == []
    names = [catalogue("ru")[f"quiz.topic.{tag}"] for tag in tags]
    assert catalogue("ru")["quiz.topic.misconceptions"] == "типичные ошибки"
    assert len(set(names)) == len(names)  # two tags never read the same
