"""The quiz's messages over the product catalogue (grader.i18n): entries `quiz.<key>`, counted
nouns `quiz.count.<noun>`, topic names `quiz.topic.<tag>`; the language setting; and
message-carrying errors."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.errors import GraderError
from grader.i18n import wording
from grader.i18n.language import choose_language

DEFAULT_LANG = "en"


def t(key: str, lang: str, /, **params: Any) -> str:
    """The message `quiz.<key>` in `lang` with `params` filled in; an unknown key is a bug
    (KeyError), not a sentence."""
    if not wording.has(f"quiz.{key}"):
        raise KeyError(f"quiz.{key}")
    return wording.say(f"quiz.{key}", lang, **params)


def plural(count: int, noun: str, lang: str) -> str:
    """`count` with the right form of `noun` (entry `quiz.count.<noun>`), e.g. '3 questions';
    the form comes from the CLDR plural rules of `lang` (grader.i18n.plural)."""
    return t(f"count.{noun}", lang, count=count)


def format_percent(share: float) -> str:
    """A share 0..1 as a whole percentage, halves rounded up: 0.625 -> '63 %'."""
    return f"{math.floor(100 * share + 0.5)} %"


def topic(tag: str, lang: str) -> str:
    """The display name of the topic `tag` in `lang` (entry `quiz.topic.<tag>`), or the tag
    itself when the catalogue has no name for it (a teacher's new tag)."""
    key = f"quiz.topic.{tag}"
    return wording.say(key, lang) if wording.has(key) else tag


def topics(tags: Iterable[str], lang: str) -> str:
    """Display names of `tags`, comma-separated."""
    return ", ".join(topic(tag, lang) for tag in tags)


def resolve_lang(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """--lang, else $NNLAB_LANG, else the locale ($LC_ALL, $LC_MESSAGES, $LANG), else English:
    the same choice as every other command (grader.i18n.language)."""
    return choose_language(option, environ)


@dataclass(frozen=True)
class Message:
    """A message key with its parameters, rendered in any language on demand."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message in `lang`; parameters that are Messages are rendered in `lang` too."""
        params = {
            name: value.text(lang) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)


@dataclass(frozen=True)
class Problem:
    """A problem found in a file, shown as `path:line: message`."""

    path: str
    line: int
    message: Message

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return f"{self.path}:{self.line}: {self.message.text(lang)}"


class MessageError(GraderError):
    """An error whose text is a localized Message."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.message = Message(key, params)
        super().__init__(self.message.text())


class ProblemsError(GraderError):
    """Something could not be loaded; `problems` says why, one `path:line: message` each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.render() for problem in problems))
        self.problems = problems
