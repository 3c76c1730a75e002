"""`grade demo`: build the bundled sample class and grade it with `grade batch`."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.batch import batch_command
from grader.commands.common import LANG, language
from grader.i18n import wording


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="out/demo",
    show_default=True,
    help="Folder for the sample class (class/), its gradebook and report.html.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs).",
)
@LANG
@click.pass_context
def demo_command(ctx: click.Context, out: str, jobs: int | None, lang: str | None) -> None:
    """Grade the bundled sample class (built from stubs, solutions and mutants) the way an
    instructor grades a real one, and write its HTML report.

    Running it again grades nothing: the gradebook knows every submission is unchanged."""
    from grader.classroom.demo import build_sample_class

    folder = Path(out)
    students = build_sample_class(folder / "class")
    click.echo(
        wording.say("batch.demo-class", language(lang), count=len(students), path=folder / "class")
    )
    ctx.invoke(
        batch_command,
        folder=str(folder / "class"),
        names=(),
        jobs=jobs,
        out=str(folder / "report.html"),
        db=str(folder / "gradebook.sqlite"),
        regrade=False,
        roster=None,
        lang=lang,
    )


COMMANDS = [demo_command]
