"""The `grade` command: a thin click shell that parses options and calls the library API."""

from __future__ import annotations

import json
import sys

import click

from grader import api, wording
from grader.load import InputError
from grader.quiz.cli import progress, quiz

LANG = click.option("--lang", type=click.Choice(wording.LANGUAGES), default=None,
                    help="Language of the report (default: $NNLAB_LANG or en).")


def _lang(lang: str | None) -> str:
    return lang or wording.default_language()


class Shell(click.Group):
    """Turns InputError into one clear line and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"grade: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnlab")
def main() -> None:
    """Grade neural-network exercises and take self-test quizzes."""


@main.command("submit")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--exercise", "-e", help="Exercise name, when the file name does not say it.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the hidden checks' random inputs.")
@click.option("--json", "as_json", is_flag=True, help="Print Gradescope-style results.json.")
@LANG
def submit_command(path: str, exercise: str | None, seed: int, as_json: bool,
                   lang: str | None) -> None:
    """Grade one exercise file, e.g. `grade submit exercises/conv.py`.

    Exit status: 0 with full marks, 1 otherwise, 2 for usage errors.
    """
    from grader.render.gradescope import results_json
    from grader.render.terminal import render_submit

    result = api.submit(path, exercise, seed)
    if as_json:
        click.echo(json.dumps(results_json(result, _lang(lang)), ensure_ascii=False, indent=2))
    else:
        click.echo(render_submit(result, _lang(lang), color=sys.stdout.isatty()), nl=False)
    sys.exit(0 if result.full_marks else 1)


@main.command("list")
@LANG
def list_command(lang: str | None) -> None:
    """List the exercises in the recommended order, with their points."""
    from grader.render.listing import render_list

    click.echo(render_list(api.exercises(), _lang(lang)), nl=False)


@main.command("doctor")
def doctor_command() -> None:
    """Say which sandbox isolation is active and why."""
    report = api.doctor()
    click.echo(f"sandbox mode: {report['mode']}")
    click.echo(f"why: {report['reason']}")
    if report["reduced"]:
        click.echo("isolation is reduced: submissions run with resource limits in a temporary "
                   "directory, but can read files your user can read and use the network. "
                   "Install bubblewrap (apt-get install bubblewrap) for full isolation.")


main.add_command(quiz)
main.add_command(progress)
