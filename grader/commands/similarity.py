"""`grade similarity`: pairs of students whose latest code of an exercise is unusually similar.

A thin shell over grader.similarity (the comparison of the gradebook's stored code) and
grader.render.sidebyside (the HTML). Output is a reason to look at a pair, not proof of copying.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.commands.batch import DB
from grader.commands.common import LANG, language
from grader.errors import InputError
from grader.i18n import wording
from grader.model import Feedback

if TYPE_CHECKING:
    from grader.similarity.classwide import ClassSimilarity

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def plain(text: str) -> str:
    """`text` safe for a terminal: control and format characters shown as '?'."""
    return "".join("?" if unicodedata.category(c)[0] == "C" else c for c in text)


def cell(text: str) -> str:
    """`text` safe for a spreadsheet cell: a leading formula character is quoted."""
    return "'" + text if text.startswith(_FORMULA) else text


def _note(note: Feedback, lang: str) -> str:
    """A note for the terminal, student-controlled parameters made plain."""
    params = {k: plain(v) if isinstance(v, str) else v for k, v in note.params.items()}
    return wording.describe(Feedback(note.key, params), lang)


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
    default=None,
    help="Show at most this many pairs per exercise (default: 50 in the table, 20 side by "
    "side in --out; --csv lists all).",
)
@DB
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print exercise,student_a,student_b,similarity,shared for every flagged pair.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the pairs, the top ones side by side with the matching code highlighted, "
    "as one HTML file here.",
)
@LANG
def similarity(
    names: tuple[str, ...],
    threshold: float | None,
    top: int | None,
    db: str,
    as_csv: bool,
    out: str | None,
    lang: str | None,
) -> None:
    """Find pairs of students whose code is unusually similar (a reason to look, not proof)."""
    from grader.gradebook.store import Gradebook
    from grader.similarity import THRESHOLD
    from grader.similarity.classwide import TOP, class_similarity

    lang = language(lang)
    with Gradebook(db, create=False) as book:
        found = class_similarity(
            book, names or None, threshold or THRESHOLD, top or TOP, evidence=bool(out)
        )
    for note in found.notes:
        if note.key == "similarity.empty":
            raise InputError(wording.say(note.key, lang), db)
        click.echo(_note(note, lang), err=True)
    if not found.exercises:
        sys.exit(2)
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["exercise", "student_a", "student_b", "similarity", "shared"])
        for result in found.exercises:
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
    else:
        _table(found, top or 50, lang)
    if out:
        from grader.render.sidebyside import render_similarity_html

        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_similarity_html(found, lang), encoding="utf-8")
        click.echo(wording.say("batch.report", lang, path=path), err=as_csv)


def _table(found: ClassSimilarity, top: int, lang: str) -> None:
    for result in found.exercises:
        click.echo(
            wording.say(
                "similarity.heading",
                lang,
                exercise=plain(result.exercise),
                students=len(result.students),
                count=len(result.pairs),
                threshold=f"{result.threshold:.2f}",
            )
        )
        for p in result.pairs[:top]:
            click.echo(f"  {p.similarity:6.0%}  {plain(p.student_a)}  ~  {plain(p.student_b)}")
        if len(result.pairs) > top:
            click.echo(wording.say("similarity.more", lang, count=len(result.pairs) - top))
    click.echo(wording.say("similarity.caveat", lang))


COMMANDS = [similarity]
