"""`grade similarity`: pairs of students whose latest code of an exercise is unusually similar.

A thin shell over grader.similarity (the comparison) and the gradebook's stored code. Output is
a reason to look at a pair, not proof of copying.
"""

from __future__ import annotations

import csv
import sys
import unicodedata

import click

from grader.commands.common import LANG, language
from grader.errors import InputError
from grader.i18n import wording

DB = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="NNLAB_GRADEBOOK",
    default="gradebook.sqlite",
    show_default=True,
    help="The gradebook (SQLite); also $NNLAB_GRADEBOOK.",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def plain(text: str) -> str:
    """`text` safe for a terminal: control and format characters shown as '?'."""
    return "".join("?" if unicodedata.category(c)[0] == "C" else c for c in text)


def cell(text: str) -> str:
    """`text` safe for a spreadsheet cell: a leading formula character is quoted."""
    return "'" + text if text.startswith(_FORMULA) else text


def _stub(name: str) -> str:
    from grader.course.load import all_exercises

    exercise = all_exercises().get(name)
    return exercise.stub.read_text(encoding="utf-8") if exercise is not None else ""


@click.command()
@click.option(
    "--exercise",
    "-e",
    "names",
    multiple=True,
    metavar="NAME",
    help="Only this exercise (repeatable; default: every exercise with code).",
)
@click.option(
    "--threshold",
    "-t",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help="Flag pairs at least this similar (0..1; default 0.5).",
)
@click.option(
    "--top",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Show at most this many pairs per exercise (--csv lists all).",
)
@DB
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print exercise,student_a,student_b,similarity,shared for every flagged pair.",
)
@LANG
def similarity(
    names: tuple[str, ...],
    threshold: float | None,
    top: int,
    db: str,
    as_csv: bool,
    lang: str | None,
) -> None:
    """Find pairs of students whose code is unusually similar (a reason to look, not proof)."""
    from grader.gradebook.store import Gradebook
    from grader.similarity import THRESHOLD, compare_exercise

    lang = language(lang)
    with Gradebook(db, create=False) as book:
        if not book.attempt_count():
            raise InputError(wording.say("similarity.empty", lang), db)
        sources = book.latest_sources(names or None)
        graded = {key for key in book.latest_keys() if not names or key[1] in names}
    missing = len(graded - set(sources))
    if missing:
        click.echo(wording.say("similarity.no-code", lang, count=missing), err=True)
    by_exercise: dict[str, dict[str, str]] = {}
    for (student, exercise), source in sources.items():
        by_exercise.setdefault(exercise, {})[student] = source
    compared = 0
    writer = csv.writer(sys.stdout, lineterminator="\n") if as_csv else None
    if writer:
        writer.writerow(["exercise", "student_a", "student_b", "similarity", "shared"])
    for exercise in sorted(set(names) | set(by_exercise)):
        code = by_exercise.get(exercise, {})
        if len(code) < 2:
            click.echo(
                wording.say("similarity.too-few", lang, exercise=plain(exercise), count=len(code)),
                err=True,
            )
            continue
        compared += 1
        result = compare_exercise(exercise, code, _stub(exercise), threshold or THRESHOLD)
        for student in result.unparsed:
            click.echo(
                wording.say(
                    "similarity.unparsed", lang, exercise=plain(exercise), student=plain(student)
                ),
                err=True,
            )
        if writer:
            for p in result.pairs:
                writer.writerow(
                    [
                        cell(p.exercise),
                        cell(p.student_a),
                        cell(p.student_b),
                        f"{p.similarity:.3f}",
                        f"{p.shared:.1f}",
                    ]
                )
            continue
        click.echo(
            wording.say(
                "similarity.heading",
                lang,
                exercise=plain(exercise),
                students=len(code),
                count=len(result.pairs),
                threshold=f"{result.threshold:.2f}",
            )
        )
        for p in result.pairs[:top]:
            click.echo(f"  {p.similarity:6.0%}  {plain(p.student_a)}  ~  {plain(p.student_b)}")
        if len(result.pairs) > top:
            click.echo(wording.say("similarity.more", lang, count=len(result.pairs) - top))
    if not compared:
        sys.exit(2)
    if not as_csv:
        click.echo(wording.say("similarity.caveat", lang))


COMMANDS = [similarity]
