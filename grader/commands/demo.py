"""`grade demo`: grade the bundled sample class and print each student's results."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from grader.commands.common import LANG, language


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where to write the sample class (default: a temporary folder).")
@LANG
def demo_command(out: str | None, lang: str | None) -> None:
    """Grade the bundled sample class (built from stubs, solutions and mutants)."""
    from grader import wording
    from grader.demo import build_sample_class
    from grader.load import all_exercises
    from grader.run import Job, grade_many

    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix="nnlab-demo-"))
    students = build_sample_class(folder)
    exercises = all_exercises()
    jobs = [Job(path.stem, path.read_text(encoding="utf-8"), str(path), student=student)
            for student in students for path in sorted((folder / student).glob("*.py"))]
    click.echo(f"Grading {len(jobs)} submissions of {len(students)} students in {folder}")

    def show(result) -> None:
        misconceptions = sorted({wording.pick(c.feedback.misconception_text, language(lang))
                                 .split(":")[0] for c in result.checks
                                 if c.feedback and c.feedback.misconception_text})
        click.echo(f"  {result.student:<8} {result.exercise:<8} {result.score:>5g}/"
                   f"{result.max_score:<3g} {'; '.join(misconceptions)}")

    grade_many(exercises, jobs, show)


COMMANDS = [demo_command]
