"""`grade hint` and `grade watch`: help while working on an exercise."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader import api
from grader.commands.common import LANG, language
from grader.i18n import wording
from grader.model import ExerciseResult


@click.command("hint")
@click.argument("name")
@click.option("--reset", is_flag=True, help="Start again from the first hint.")
@LANG
def hint_command(name: str, reset: bool, lang: str | None) -> None:
    """Show the next hint for exercise NAME; each call gives a more specific one."""
    lang = language(lang)
    number, total, text = api.next_hint(name, reset)
    click.echo(wording.say("hint.header", lang, number=number, total=total, exercise=name))
    click.echo("  " + wording.pick(text, lang))
    if number == total:
        click.echo(wording.say("hint.last", lang, exercise=name))


@click.command("watch")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--exercise", "-e", help="Exercise name, when the file name does not say it.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="Seconds between checks for a new save.",
)
@LANG
def watch_command(
    path: str, exercise: str | None, seed: int, interval: float, lang: str | None
) -> None:
    """Grade PATH again every time it is saved, until Ctrl-C."""
    from grader.grading.reference import require_recorded_seed
    from grader.grading.watch import watch
    from grader.render.terminal import render_submit

    lang = language(lang)
    target = api.infer_exercise(path, exercise)
    require_recorded_seed(target, seed)
    tty = sys.stdout.isatty()
    click.echo(wording.say("watch.start", lang, path=path, interval=f"{interval:g}"))

    def show(result: ExerciseResult, source: str) -> None:
        if tty:
            click.clear()
        click.echo(render_submit(result, lang, color=tty), nl=False)
        api.record_result(result, source)

    def problem(message: str) -> None:
        click.echo(
            wording.say("watch.missing", lang, path=path)
            if message == "missing"
            else f"grade: {message}",
            err=message != "missing",
        )

    try:
        watch(Path(path), target, seed, interval, show, problem)
    except KeyboardInterrupt:
        click.echo("\n" + wording.say("watch.stopped", lang))


COMMANDS = [hint_command, watch_command]
