"""Options and helpers shared by the command modules."""

from __future__ import annotations

import click

from grader.i18n import wording

LANG = click.option(
    "--lang",
    type=click.Choice(wording.LANGUAGES),
    default=None,
    help="Language of the output (default: $NNLAB_LANG or en).",
)


def language(lang: str | None) -> str:
    return lang or wording.default_language()
