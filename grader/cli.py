"""The `grade` command: a thin click shell over the command modules in `grader.commands`.

Every command is registered here, explicitly: the student's everyday commands at start-up, the
others by name, their module imported when one of them runs (grader.commands.lazy). The
instructor's modules (authoring, demo) are left out of the student bundle, so their commands exist
only where those modules are installed.
"""

from __future__ import annotations

import click

from grader.commands import core, exchange, practice
from grader.commands.lazy import LazyGroup
from grader.errors import GraderError
from grader.i18n.safe import one_line
from grader.quiz.cli import progress, quiz

# Commands whose module is imported when one of them runs: module → its commands' names.
LAZY_COMMANDS: dict[str, tuple[str, ...]] = {
    "grader.commands.batch": ("batch", "report", "export", "quiz-record", "gradescope"),
    "grader.commands.similarity": ("similarity",),
    "grader.commands.authoring": ("new", "validate", "dist"),
    "grader.commands.demo": ("demo",),
}


class Shell(LazyGroup):
    """Turns any `GraderError` (bad input, an unusable grader) into one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraderError as exc:
            click.echo(f"grade: {one_line(exc.one_line())}", err=True)  # may quote file names
            ctx.exit(2)


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnlab")
def main() -> None:
    """Grade neural-network exercises and take self-test quizzes."""


COMMANDS: list[click.Command] = [*core.COMMANDS, *practice.COMMANDS, quiz, progress]
for _command in COMMANDS:
    main.add_command(_command)
assert isinstance(main, Shell)
for _module, _names in LAZY_COMMANDS.items():
    main.add_lazy(_names, _module)
for _command in exchange.QUIZ_COMMANDS:
    quiz.add_command(_command)
