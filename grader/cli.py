"""The `grade` command: a thin click shell that parses options and calls the library API."""

from __future__ import annotations

import click

from grader.quiz.cli import progress, quiz


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnlab")
def main() -> None:
    """Grade neural-network exercises and take self-test quizzes."""


main.add_command(quiz)
main.add_command(progress)
