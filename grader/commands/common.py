"""Options and helpers shared by the command modules."""

from __future__ import annotations

import click

from grader.i18n.language import LANGUAGES, choose_language

LANG = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the output (default: $NNLAB_LANG, else $LC_ALL, $LC_MESSAGES, $LANG, else en).",
)


def language(lang: str | None) -> str:
    return choose_language(lang)
