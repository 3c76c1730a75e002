"""The Jinja2 environment shared by the renderers, with the wording filters."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click
import jinja2

from grader.i18n import wording


@functools.cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    """Templates come from $NNLAB_TEMPLATES first (an instructor's overrides), then the package."""
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("grader.render", "templates")]
    if os.environ.get("NNLAB_TEMPLATES"):
        loaders.insert(0, jinja2.FileSystemLoader(os.environ["NNLAB_TEMPLATES"]))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pick"] = wording.pick
    env.filters["describe"] = wording.describe
    env.globals["say"] = wording.say
    return env


def points(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return f"{value:g}"


def styler(color: bool) -> Callable[..., str]:
    """The templates' `style(text, fg=..., bold=...)`: click colours on a terminal, plain text
    otherwise."""

    def style(text: str, **kwargs: Any) -> str:
        return click.style(text, **kwargs) if color else text

    return style
