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
from grader.i18n.safe import one_line, printable

if TYPE_CHECKING:
    from grader.classroom.dask_executor import DaskExecutor
    from grader.course.load import Exercise
    from grader.gradebook.report import ClassReport
    from grader.gradebook.store import Gradebook
    from grader.model import ExerciseResult

if TYPE_CHECKING:
    from grader.gradebook.store import Gradebook
    from grader.similarity.classwide import ClassSimilarity

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


def _write_html(
    report: ClassReport, out: str, lang: str, similarity: ClassSimilarity | None = None
) -> None:
    from grader.render.html import render_html

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, lang, similarity), encoding="utf-8")
    click.echo(wording.say("batch.report", lang, path=path))


SIMILARITY = click.option(
    "--similarity/--no-similarity",
    default=True,
    show_default=True,
    help="With --out: add the Similar submissions section (pairs of students whose code is "
    "unusually similar, side by side; see `grade similarity`).",
)


def _similarity(book: Gradebook, exercises: dict, wanted: bool) -> ClassSimilarity | None:
    """The class's similarity for the HTML report, or None when not wanted."""
    if not wanted:
        return None
    from grader.similarity.classwide import class_similarity

    return class_similarity(book, exercises)


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
                f"{one_line(result.student)[:20]:<20} {one_line(result.exercise)[:12]:<12}",
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
@SIMILARITY
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
    similarity: bool,
    lang: str | None,
) -> None:
    """Grade a whole class: DIR holds one folder per student (DIR/<student>/conv.py, ...),
    or is a zip of such folders, or a Moodle or Canvas "download submissions" zip
    (or its unpacked folder). Links are never followed; see docs/instructors.md.

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
            click.echo(one_line(f"grade: grading stopped: {exc}"), err=True)
            sys.exit(1)
        progress.end()
        for note in [*outcome.notes, *outcome.failed]:
            click.echo(one_line(wording.describe(note, lang)), err=True)
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
        shown = exercises if names else _selected((), book)
        report = _report(book, shown)
        similar = _similarity(book, shown, bool(out) and similarity)
    click.echo()
    _summary(report, lang)
    if out:
        _write_html(report, out, lang, similar)
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
@SIMILARITY
@LANG
def report_command(
    db: str, names: tuple[str, ...], out: str | None, similarity: bool, lang: str | None
) -> None:
    """Print the class summary from the gradebook (no regrading); --out writes the HTML
    report (per-student results, statistics, quiz item analysis, similar submissions)."""
    from grader.gradebook.store import Gradebook

    lang = language(lang)
    with Gradebook(db, create=False) as book:
        shown = _selected(names, book)
        report = _report(book, shown)
        similar = _similarity(book, shown, bool(out) and similarity)
    _summary(report, lang)
    if out:
        _write_html(report, out, lang, similar)


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
    default=None,
    help="csv: one row per student (the default); moodle / canvas: their grade-import CSV "
    "(the default with a --roster of that LMS); results: a Gradescope-style results.json per "
    "submission (needs --out).",
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
    help="What a missing submission becomes (blank: nothing is imported for it).",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="EXERCISE=HEADER",
    help="Name an exercise's column, e.g. to match an LMS grade item (repeatable).",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False),
    default=None,
    help='The LMS\'s own grade export (Moodle "Export grades" CSV or Canvas gradebook CSV): '
    "students are matched to it and the file gets exactly its identity columns.",
)
@click.option(
    "--total/--no-total",
    default=None,
    help="Add a total column (default: only for --format csv; an LMS computes its own).",
)
@LANG
def export_command(
    fmt: str | None,
    out: str | None,
    db: str,
    names: tuple[str, ...],
    missing: str,
    columns: tuple[str, ...],
    roster: str | None,
    total: bool | None,
    lang: str | None,
) -> None:
    """Export the gradebook for an LMS (CSV, Moodle, Canvas) or as results.json files."""
    from grader.gradebook.roster import read_lms_roster
    from grader.gradebook.store import Gradebook
    from grader.render.export import build_export, table_path, write_csv, write_results

    lang = language(lang)
    renames = _column_names(columns)
    lms_roster = read_lms_roster(roster) if roster else None
    if fmt is None:
        fmt = lms_roster.lms if lms_roster else "csv"
    if lms_roster and fmt != lms_roster.lms:
        raise InputError(
            f"--roster is a {lms_roster.lms.title()} grade export: use --format {lms_roster.lms}",
            roster,
        )
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
    export = build_export(report, fmt, renames, missing, total, lms_roster)
    for student, why in export.unmatched:
        click.echo(
            wording.say(
                "export.unmatched",
                lang,
                id=printable(student.id),
                name=printable(student.name),
                why=printable(why),
            ),
            err=True,
        )
    for student in export.unidentified:
        click.echo(
            wording.say(
                "export.unidentified", lang, id=printable(student.id), name=printable(student.name)
            ),
            err=True,
        )
    for column in export.dropped:
        click.echo(wording.say("export.dropped", lang, column=column), err=True)
    if export.nothing:
        click.echo(wording.say("export.nothing", lang, count=export.nothing), err=True)
    split = len(export.tables) > 1
    if out is None:
        if split:
            raise InputError(wording.say("export.needs-out", lang))
        write_csv(export.tables[0], sys.stdout)
        return
    if split:
        click.echo(wording.say("export.split", lang), err=True)
    for table in export.tables:
        path = table_path(Path(out), table)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            count = write_csv(table, handle)
        click.echo(wording.say("batch.exported", lang, count=count, path=path), err=True)


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


@click.command("gradescope")
@click.argument("submission", type=click.Path(file_okay=False), metavar="DIR")
@click.option(
    "--exercise",
    "-e",
    "names",
    multiple=True,
    required=True,
    metavar="NAME",
    help="An exercise of the Gradescope assignment (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    required=True,
    help="Where results.json goes (Gradescope: /autograder/results/results.json).",
)
@LANG
def gradescope_command(submission: str, names: tuple[str, ...], out: str, lang: str | None) -> None:
    """Grade one Gradescope submission: DIR holds NAME.py (or NAME.ipynb) for each --exercise;
    all of them go into one results.json. What the recipe's run_autograder runs
    (docs/instructors.md, "Gradescope")."""
    import json

    from grader import api
    from grader.course.load import find_exercise
    from grader.course.points import max_points
    from grader.render.gradescope import combine, find_submission

    lang = language(lang)
    folder = Path(submission)
    if not folder.is_dir():
        raise InputError("no such folder", submission)
    graded: list = []
    for name in names:
        exercise = find_exercise(name)
        path = find_submission(folder, exercise.name)
        result: ExerciseResult | str | None = None
        if path is not None:
            try:
                result = api.submit(path, exercise.name)
            except InputError as exc:  # the student's file; a grader that cannot run stops here
                result = exc.one_line()
        graded.append((exercise.name, result, max_points(exercise)))
    data = combine(graded, lang)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(
        wording.say("gradescope.written", lang, score=f"{data['score']:g}", path=out), err=True
    )


COMMANDS = [batch_command, report_command, export_command, quiz_record_command, gradescope_command]
