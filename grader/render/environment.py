"""The Jinja2 environment shared by the renderers, with the wording filters."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click
import jinja2

from grader.i18n import wording
from grader.i18n.safe import one_line, printable


def environment(autoescape: bool = False) -> jinja2.Environment:
    """Templates come from $NNLAB_TEMPLATES first (an instructor's overrides), then the package."""
    return _environment(autoescape, os.environ.get("NNLAB_TEMPLATES") or None)


@functools.cache
def _environment(autoescape: bool, overrides: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("grader.render", "templates")]
    if overrides:
        loaders.insert(0, jinja2.FileSystemLoader(overrides))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Terminal text: every printed value goes through the one sanitiser (grader.i18n.safe),
        # except what `style` already sanitised. HTML is autoescaped instead.
        finalize=None if autoescape else _terminal_safe,
    )
    env.filters["pick"] = wording.pick
    env.filters["describe"] = wording.describe
    env.globals["say"] = wording.say
    env.filters["line"] = one_line
    return env


class Styled(str):
    """Text already sanitised for a terminal (and possibly coloured by `styler`)."""


def _terminal_safe(value: object) -> object:
    return value if isinstance(value, Styled) else printable(value)


def points(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return f"{value:g}"


def styler(color: bool) -> Callable[..., str]:
    """The templates' `style(text, fg=..., bold=...)`: click colours on a terminal, plain text
    otherwise."""

    def style(text: str, **kwargs: Any) -> str:
        text = printable(text)
        return Styled(click.style(text, **kwargs) if color else text)

    return style
