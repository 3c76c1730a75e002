"""The `grade` command: a thin click shell over the command modules in `grader.commands`."""

from __future__ import annotations

import importlib
import pkgutil

import click

import grader.commands
from grader.errors import GraderUnavailable
from grader.load import InputError
from grader.quiz.cli import progress, quiz


class Shell(click.Group):
    """Turns bad input and an unusable grader into one clear line and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"grade: {exc}", err=True)
            ctx.exit(2)
        except GraderUnavailable as exc:
            click.echo(f"grade: cannot grade here: {str(exc).splitlines()[0]}", err=True)
            ctx.exit(2)


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnlab")
def main() -> None:
    """Grade neural-network exercises and take self-test quizzes."""


for _info in pkgutil.iter_modules(grader.commands.__path__):
    for _command in getattr(importlib.import_module(f"grader.commands.{_info.name}"),
                            "COMMANDS", []):
        main.add_command(_command)
main.add_command(quiz)
main.add_command(progress)
