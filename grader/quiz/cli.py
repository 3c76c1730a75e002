"""The `grade quiz` and `grade progress` commands: parse options, call the quiz library, print.

Exit codes: 0 success (also a quiz ended early with Ctrl-C or end of input), 1 problems found
in banks, 2 usage errors (missing files, unknown banks or question ids, bad options).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from grader.grading.seeds import student_seed
from grader.quiz.answerfile import AnswerFileError, grade_answer_file
from grader.quiz.bank import BankError, load_banks, validate_banks
from grader.quiz.i18n import MessageError, Problem, plural, resolve_lang, t, topic
from grader.quiz.lint import lint_banks
from grader.quiz.mastery import topic_mastery
from grader.quiz.model import LANGS, Bank
from grader.quiz.paths import resolve_banks, shown
from grader.quiz.render import (
    Style,
    render_key_rates,
    render_progress,
    render_report,
    render_summary,
)
from grader.quiz.selection import DEFAULT_COUNT, build_quiz, matching_questions, new_seed
from grader.quiz.session import run_session
from grader.quiz.store import ProgressStore, SessionRecorder, default_db_path

LANG_OPTION = click.option(
    "--lang", type=click.Choice(LANGS), help="Language (default: $NNLAB_LANG, else en)."
)
DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Progress database (default: $NNLAB_DB, else .nnlab-progress.sqlite in the course folder).",
)


class QuizGroup(click.Group):
    """A group whose arguments go to its `take` command unless they name a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["take", *args]
        return super().parse_args(ctx, args)


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _print_problems(problems: Sequence[Problem], lang: str, *, err: bool = False) -> None:
    for problem in problems:
        click.echo(problem.render(lang), err=err)


def _bank_paths(args: Sequence[str], lang: str) -> list[Path]:
    try:
        return resolve_banks(args)
    except MessageError as exc:
        raise click.UsageError(exc.message.text(lang)) from None


def _load(args: Sequence[str], lang: str) -> list[Bank]:
    try:
        return load_banks(_bank_paths(args, lang))
    except BankError as exc:
        _print_problems(exc.problems, lang, err=True)
        click.echo(t("bank_problems", lang), err=True)
        sys.exit(1)


def _read_line(prompt: str) -> str:
    """Show `prompt`, read a line; echo it when stdin is not a terminal, so transcripts read
    like a terminal session. EOFError at end of input."""
    click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    if not sys.stdin.isatty():
        click.echo(line.rstrip("\n"))
    return line


@click.group(cls=QuizGroup, context_settings={"help_option_names": ["-h", "--help"]})
def quiz() -> None:
    """Take a self-test quiz, grade an answers file, or check question banks.

    \b
      grade quiz [BANK]... [--tag TAG]... [--count N] [--seed S] [--lang ru|en]
      grade quiz --answers answers.yaml [BANK]... [--json]
      grade quiz validate [PATH]...

    BANK is a bank name from the course's quizzes/ folder or a path to a bank file;
    without one, all banks are used.
    """


@quiz.command("take")
@click.argument("bank_args", nargs=-1, metavar="[BANK]...")
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only questions with this tag (repeatable)."
)
@click.option(
    "--count",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Number of questions (default {DEFAULT_COUNT}).",
)
@click.option(
    "--seed", type=int, metavar="S", help="Reproduce a quiz: same seed, same questions and order."
)
@click.option(
    "--student",
    metavar="ID",
    help="Your student id: your own selection and order of questions (the seed comes "
    "from the id, as in the instructor's grading).",
)
@LANG_OPTION
@DB_OPTION
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Grade this answers file instead of asking.",
)
@click.option("--json", "as_json", is_flag=True, help="With --answers: print the result as JSON.")
def take(
    bank_args: tuple[str, ...],
    tags: tuple[str, ...],
    count: int | None,
    seed: int | None,
    student: str | None,
    lang: str | None,
    db: Path | None,
    answers_file: Path | None,
    as_json: bool,
) -> None:
    """Take a quiz (the default command), or grade a file of answers."""
    lang = resolve_lang(lang)
    if answers_file is None:
        if as_json:
            raise click.UsageError(t("json_needs_answers", lang))
        if seed is None and student:
            seed = student_seed(student)
        _interactive(_load(bank_args, lang), tags, count, seed, lang, db, student)
        return
    for option, value in (
        ("--tag", tags),
        ("--count", count),
        ("--seed", seed),
        ("--db", db),
        ("--student", student),
    ):
        if value:
            raise click.UsageError(t("answers_option_conflict", lang, option=option))
    banks = _load(bank_args, lang)
    try:
        result = grade_answer_file(banks, answers_file, include_unanswered=bool(bank_args))
    except AnswerFileError as exc:
        _print_problems(exc.problems, lang, err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_report(result, lang, Style(_colour())))


def _interactive(
    banks: list[Bank],
    tags: Sequence[str],
    count: int | None,
    seed: int | None,
    lang: str,
    db: Path | None,
    student: str | None = None,
) -> None:
    seed = new_seed() if seed is None else seed
    items = build_quiz(banks, seed=seed, count=count or DEFAULT_COUNT, tags=tags)
    if not items:
        available = sorted({tag for q in matching_questions(banks) for tag in q.tags})
        named = [
            tag if topic(tag, lang) == tag else f"{tag} ({topic(tag, lang)})" for tag in available
        ]
        raise click.UsageError(
            t("no_questions", lang, tags=", ".join(tags), available=", ".join(named))
        )
    style = Style(_colour())
    titles = ", ".join(bank.title.get(lang) for bank in banks)
    click.echo(t("seed_line", lang, seed=seed))
    click.echo(
        style.strong(
            t("quiz_title", lang, titles=titles, count=plural(len(items), "question", lang))
        )
    )
    recorder = SessionRecorder(
        db or default_db_path(),
        lambda detail: click.echo(t("db_unavailable", lang, detail=detail), err=True),
        banks=[bank.name for bank in banks],
        planned=len(items),
        seed=seed,
        lang=lang,
        student=student,
    )
    outcome = run_session(
        items,
        lang=lang,
        style=style,
        read_line=_read_line,
        write=click.echo,
        on_result=recorder.record,
    )
    recorder.finish(outcome.result, interrupted=outcome.interrupted)
    click.echo(
        "\n" + render_summary(outcome.result, outcome.total, outcome.interrupted, lang, style)
    )


@quiz.command("validate")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@LANG_OPTION
def validate(paths: tuple[str, ...], lang: str | None) -> None:
    """Check bank files (default: all banks in quizzes/); print each problem as
    `file:line: message`. Exit 1 if there are problems."""
    lang = resolve_lang(lang)
    report = validate_banks(_bank_paths(paths, lang))
    _print_problems(report.problems, lang)
    warnings, rates = lint_banks(report.banks)
    for warning in warnings:
        click.echo(
            f"{warning.path}:{warning.line}: " + t("warning", lang, text=warning.message.text(lang))
        )
    if report.ok:
        click.echo(
            t(
                "validate_ok",
                lang,
                banks=plural(report.files, "bank", lang),
                questions=plural(report.questions, "question", lang),
            )
        )
    else:
        click.echo(
            t(
                "validate_failed",
                lang,
                problems=plural(len(report.problems), "problem", lang),
                files=report.files_with_problems,
                total=report.files,
            )
        )
    for line in render_key_rates(rates, lang):
        click.echo(line)
    if not report.ok:
        sys.exit(1)


@click.command("progress", context_settings={"help_option_names": ["-h", "--help"]})
@DB_OPTION
@LANG_OPTION
def progress(db: Path | None, lang: str | None) -> None:
    """Show mastery per topic over your quiz sessions, weakest topics first."""
    lang = resolve_lang(lang)
    path = db or default_db_path()
    attempts, sessions = [], 0
    if path.exists():
        try:
            with ProgressStore(path) as store:
                attempts, sessions = store.attempts(), store.session_count()
        except sqlite3.Error as exc:
            raise click.ClickException(f"{path}: {exc}") from None
    if not attempts:
        click.echo(t("no_history", lang, db=shown(path)))
        return
    click.echo(render_progress(topic_mastery(attempts), sessions, len(attempts), lang))
