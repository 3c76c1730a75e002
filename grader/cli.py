"""The `grade` command: a thin click shell over the command modules in `grader.commands`.

Every command is registered here, explicitly. The instructor's modules (authoring, demo) are left
out of the student bundle, so they are added only where they are installed.
"""

from __future__ import annotations

import importlib

import click

from grader.commands import batch, core, exchange, practice, similarity
from grader.errors import GraderError
from grader.i18n.safe import one_line
from grader.quiz.cli import progress, quiz

INSTRUCTOR_MODULES = ("grader.commands.authoring", "grader.commands.demo")


class Shell(click.Group):
    """Turns any `GraderError` (bad input, an unusable grader) into one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraderError as exc:
            click.echo(f"grade: {one_line(exc.one_line())}", err=True)  # may quote file names
            ctx.exit(2)


def _instructor_commands() -> list[click.Command]:
    commands: list[click.Command] = []
    for module in INSTRUCTOR_MODULES:
        try:
            commands.extend(importlib.import_module(module).COMMANDS)
        except ModuleNotFoundError as exc:
            if exc.name != module:  # the module is there but broken: not a bundle
                raise
    return commands


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnlab")
def main() -> None:
    """Grade neural-network exercises and take self-test quizzes."""


COMMANDS: list[click.Command] = [
    *core.COMMANDS,
    *practice.COMMANDS,
    *batch.COMMANDS,
    *similarity.COMMANDS,
    *_instructor_commands(),
    quiz,
    progress,
]
for _command in COMMANDS:
    main.add_command(_command)
for _command in exchange.QUIZ_COMMANDS:
    quiz.add_command(_command)
