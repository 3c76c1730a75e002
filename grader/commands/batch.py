"""`grade batch`, `grade report`, `grade export` and `grade quiz-record`: grading a class.

A thin shell over grader.classroom.batch (discovery, parallel grading), grader.gradebook.store (the gradebook),
grader.gradebook.report (statistics), grader.render.html / summary and grader.render.export.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.commands.common import LANG, language
from grader.errors import InputError
from grader.i18n import wording

if TYPE_CHECKING:
    from grader.classroom.dask_executor import DaskExecutor
    from grader.course.load import Exercise
    from grader.gradebook.report import ClassReport
    from grader.gradebook.store import Gradebook
    from grader.model import ExerciseResult

DB = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="NNLAB_GRADEBOOK",
    default="gradebook.sqlite",
    show_default=True,
    help="The gradebook (SQLite); also $NNLAB_GRADEBOOK.",
)
EXERCISE = click.option(
    "--exercise",
    "-e",
    "names",
    multiple=True,
    metavar="NAME",
    help="Only this exercise (repeatable; default: all).",
)


def _selected(names: tuple[str, ...], book: Gradebook | None = None) -> dict[str, Exercise]:
    """The exercises named, else those the gradebook holds results for, else all."""
    from grader.course.load import all_exercises, find_exercise

    if names:
        return {ex.name: ex for ex in (find_exercise(name) for name in names)}
    every = all_exercises()
    if book is not None:
        graded = {name for _, name in book.latest_keys()}
        if graded & set(every):
            return {name: ex for name, ex in every.items() if name in graded}
    return every


def _report(book: Gradebook, exercises: dict[str, Exercise]) -> ClassReport:
    from grader.gradebook.report import class_report, load_class

    return class_report(load_class(book, exercises))


def _write_html(report: ClassReport, out: str, lang: str) -> None:
    from grader.render.html import render_html

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, lang), encoding="utf-8")
    click.echo(wording.say("batch.report", lang, path=path))


def _summary(report: ClassReport, lang: str) -> None:
    from grader.render.summary import render_summary

    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(render_summary(report, lang, color=color), nl=False)


class Progress:
    """A progress bar on stderr when it is a terminal, plain count lines otherwise (a
    `grader.classroom.batch.Reporter`)."""

    WIDTH = 28

    def __init__(self, lang: str, workers: int) -> None:
        self.lang, self.workers = lang, workers
        self.tty = sys.stderr.isatty()
        self.shown = False

    def started(self, to_grade: int, skipped: int, students: int) -> None:
        if skipped:
            click.echo(wording.say("batch.skipped", self.lang, count=skipped))
        click.echo(
            wording.say(
                "batch.start", self.lang, count=to_grade, students=students, workers=self.workers
            )
        )

    def graded(self, result: ExerciseResult, done: int, total: int) -> None:
        if self.tty:
            assert result.student is not None  # a class's results name their student
            filled = round(self.WIDTH * done / max(1, total))
            click.echo(
                f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} "
                f"{result.student[:20]:<20} {result.exercise[:12]:<12}",
                nl=False,
                err=True,
            )
            self.shown = True
        elif done == total or done % max(1, total // 10) == 0:
            click.echo(wording.say("batch.progress", self.lang, done=done, total=total), err=True)

    def stopping(self) -> None:
        self.end()
        click.echo(wording.say("batch.stopping", self.lang), err=True)

    def end(self) -> None:
        if self.shown:
            click.echo("\r" + " " * (self.WIDTH + 50) + "\r", nl=False, err=True)
            self.shown = False


def _cluster(address: str, jobs: int | None, exercises: dict[str, Exercise]) -> DaskExecutor:
    """A connected `DaskExecutor`, checked against `exercises` (ClusterError otherwise)."""
    from grader.classroom.dask_executor import DaskExecutor

    executor = DaskExecutor(address, workers=jobs, quiet=True).connect()
    try:
        executor.check(exercises)
    except BaseException:
        executor.close()
        raise
    return executor


@click.command("batch")
@click.argument("folder", type=click.Path(), metavar="DIR")
@EXERCISE
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the class report as one HTML file here.",
)
@DB
@click.option("--regrade", is_flag=True, help="Grade every submission again, changed or not.")
@click.option(
    "--roster",
    type=click.Path(dir_okay=False),
    default=None,
    help="Class list CSV (id, name, email, section, ...): names the students and "
    "shows who did not submit.",
)
@click.option(
    "--scheduler",
    envvar="NNLAB_SCHEDULER",
    default=None,
    metavar="ADDRESS",
    help="Grade on a Dask cluster: its scheduler's address (tcp://host:8786), or "
    "'local' for a LocalCluster of -j worker processes here; also "
    "$NNLAB_SCHEDULER. Needs the [dask] extra.",
)
@LANG
def batch_command(
    folder: str,
    names: tuple[str, ...],
    jobs: int | None,
    out: str | None,
    db: str,
    regrade: bool,
    roster: str | None,
    scheduler: str | None,
    lang: str | None,
) -> None:
    """Grade a whole class: DIR holds one folder per student (DIR/<student>/conv.py, ...),
    or is a zip of such folders, or a Moodle "download all submissions" zip.

    Only submissions that changed since they were last graded are graded again. Results go to
    the gradebook as they arrive; Ctrl-C stops cleanly and a re-run resumes.
    Exit status: 0 when done, 1 if some submissions could not be graded, 2 for bad input (or an
    unreachable or mismatched cluster), 130 if interrupted.
    """
    from grader.classroom.batch import default_workers, grade_class, read_roster
    from grader.classroom.pool import GradingStopped
    from grader.gradebook.store import Gradebook

    lang = language(lang)
    exercises = _selected(names)
    students = read_roster(roster) if roster else []
    executor = _cluster(scheduler, jobs, exercises) if scheduler else None
    progress = Progress(lang, executor.workers if executor else jobs or default_workers())
    started = time.perf_counter()
    with executor or contextlib.nullcontext(), Gradebook(db) as book:
        try:
            outcome = grade_class(
                folder,
                book,
                exercises,
                workers=progress.workers,
                regrade=regrade,
                roster=students,
                reporter=progress,
                executor=executor,
            )
        except GradingStopped as exc:
            progress.end()
            click.echo(f"grade: grading stopped: {exc}", err=True)
            sys.exit(1)
        progress.end()
        for note in [*outcome.notes, *outcome.failed]:
            click.echo(wording.describe(note, lang), err=True)
        if outcome.quizzes or outcome.quizzes_skipped:
            click.echo(
                wording.say(
                    "batch.quizzes", lang, count=outcome.quizzes, skipped=outcome.quizzes_skipped
                )
            )
        if outcome.interrupted:
            click.echo(
                wording.say(
                    "batch.interrupted", lang, graded=outcome.graded, left=outcome.not_graded
                ),
                err=True,
            )
            sys.exit(130)
        click.echo(
            wording.say(
                "batch.done",
                lang,
                graded=outcome.graded,
                db=db,
                seconds=f"{time.perf_counter() - started:.1f}",
            )
        )
        report = _report(book, exercises if names else _selected((), book))
    click.echo()
    _summary(report, lang)
    if out:
        _write_html(report, out, lang)
    if outcome.not_graded:
        click.echo(wording.say("batch.not-graded", lang, count=outcome.not_graded), err=True)
        sys.exit(1)


@click.command("report")
@DB
@EXERCISE
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the class report as one HTML file here.",
)
@LANG
def report_command(db: str, names: tuple[str, ...], out: str | None, lang: str | None) -> None:
    """Print the class summary from the gradebook (no regrading); --out writes the HTML
    report (per-student results, statistics, quiz item analysis)."""
    from grader.gradebook.store import Gradebook

    lang = language(lang)
    with Gradebook(db, create=False) as book:
        report = _report(book, _selected(names, book))
    _summary(report, lang)
    if out:
        _write_html(report, out, lang)


def _column_names(pairs: tuple[str, ...]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        exercise, sep, header = pair.partition("=")
        if not sep or not exercise or not header:
            raise InputError(f"--column expects EXERCISE=HEADER, got {pair!r}")
        names[exercise.strip()] = header.strip()
    return names


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "moodle", "canvas", "results"]),
    default="csv",
    show_default=True,
    help="csv: one row per student; moodle / canvas: their grade-import CSV; "
    "results: a Gradescope-style results.json per submission (needs --out).",
)
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="Output file (default: standard output); a folder for --format results.",
)
@DB
@EXERCISE
@click.option(
    "--missing",
    type=click.Choice(["blank", "zero"]),
    default="blank",
    show_default=True,
    help="What a missing submission becomes.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="EXERCISE=HEADER",
    help="Name an exercise's column, e.g. to match an LMS grade item (repeatable).",
)
@click.option("--no-total", is_flag=True, help="Leave out the total column.")
@LANG
def export_command(
    fmt: str,
    out: str | None,
    db: str,
    names: tuple[str, ...],
    missing: str,
    columns: tuple[str, ...],
    no_total: bool,
    lang: str | None,
) -> None:
    """Export the gradebook for an LMS (CSV, Moodle, Canvas) or as results.json files."""
    from grader.gradebook.store import Gradebook
    from grader.render.export import write_results, write_table

    lang = language(lang)
    renames = _column_names(columns)
    with Gradebook(db, create=False) as book:
        report = _report(book, _selected(names, book))
    unknown = set(renames) - {ex.name for ex in report.data.exercises}
    if unknown:
        raise InputError(f"--column names an exercise not in the export: {', '.join(unknown)}")
    if fmt == "results":
        if not out:
            raise InputError("--format results writes a folder: give it with --out DIR")
        count = write_results(report, Path(out), lang)
        click.echo(wording.say("batch.exported-results", lang, count=count, path=out), err=True)
        return
    if out is None:
        write_table(report, sys.stdout, fmt, renames, missing, not no_total)
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        count = write_table(report, handle, fmt, renames, missing, not no_total)
    click.echo(wording.say("batch.exported", lang, count=count, path=out), err=True)


@click.command("quiz-record")
@click.argument("student")
@click.argument("answers", type=click.Path(dir_okay=False))
@click.argument("bank_args", nargs=-1, metavar="[BANK]...")
@click.option("--name", default=None, help="The student's name, if new to the gradebook.")
@DB
@LANG
def quiz_record_command(
    student: str,
    answers: str,
    bank_args: tuple[str, ...],
    name: str | None,
    db: str,
    lang: str | None,
) -> None:
    """Grade a quiz answers file (as `grade quiz --answers` does) and record it for STUDENT.

    With BANKs, every question of those banks counts (unanswered ones score 0); without, all
    the course's banks are used and only the answered questions count."""
    from grader.classroom.batch import record_quiz
    from grader.gradebook.store import Gradebook, Student
    from grader.quiz.bank import load_banks
    from grader.quiz.i18n import MessageError, ProblemsError
    from grader.quiz.paths import resolve_banks

    lang = language(lang)
    if not Path(answers).is_file():
        raise InputError("no such file", answers)
    try:
        paths = resolve_banks(bank_args)
        banks = load_banks(paths)
    except MessageError as exc:
        raise InputError(exc.message.text(lang)) from None
    with Gradebook(db) as book:
        book.add_students([Student(student, name or student, "quiz")])
        try:
            data = record_quiz(
                book,
                student,
                Path(answers),
                banks,
                paths,
                include_unanswered=bool(bank_args),
                regrade=False,
            )
        except ProblemsError as exc:
            for problem in exc.problems:
                click.echo(f"grade: {problem.render(lang)}", err=True)
            sys.exit(2)
    if data is None:
        click.echo(wording.say("batch.quiz-unchanged", lang, student=student))
        return
    click.echo(
        wording.say(
            "batch.quiz-recorded",
            lang,
            student=student,
            score=f"{data['score']:g}",
            max_score=f"{data['max_score']:g}",
        )
    )


COMMANDS = [batch_command, report_command, export_command, quiz_record_command]
