"""Exporting the gradebook: a plain CSV, Moodle's and Canvas's grade-import layouts, and one
Gradescope-style results.json per submission.

Every format reads the rows of `grader.gradebook.report` (the latest attempt per student and
exercise); nothing is re-scored. The LMS files are built so that importing them never erases a
grade: both importers treat a blank cell as "no grade" (Moodle's `grade/import/csv` stores it
as a null grade over the existing one; Canvas's importer counts a blank beside a score as a
change), and only a row or column that is not in the file is left alone. So a student with
nothing to say is left out; a blank cell is filled with the LMS's current value when a roster
(`grader.gradebook.roster`) gives it; and when blanks remain, the export becomes one table per
exercise, each with only the students graded on it. The plain `csv` format keeps every student
and blank cells. Every text cell goes through `spreadsheet_text` (formula injection).
What each LMS does with each file is described in docs/instructors.md.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from grader.gradebook.report import ClassReport, ExerciseInfo, StudentRow
from grader.gradebook.roster import CANVAS_POINTS, Roster, match_students
from grader.gradebook.store import Student
from grader.render.gradescope import results_json

FORMATS = ("csv", "moodle", "canvas", "results")
TABLE_FORMATS = ("csv", "moodle", "canvas")
CANVAS_POINTS_ROW = "    " + CANVAS_POINTS
MOODLE_COLUMNS = ["ID number", "Email address", "Full name"]
# The columns Moodle's import can map a row to a user by (Map to: ID number, email, username).
MOODLE_USER_FIELDS = ("ID number", "Email address", "Username")
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

# OWASP "CSV Injection": a cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?%?|-")  # a grade as an LMS writes it, or "no grade"
BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))

Cell = str | int | float


def spreadsheet_text(value: object) -> str:
    """A text cell that no spreadsheet runs as a formula: control characters (and bidi
    overrides) removed; a value whose first non-space character starts a formula (`=`, `+`, `-`,
    `@`, also in their full-width forms) gets a leading `'`, as OWASP recommends. Numbers
    (`-1.5`, `7,25`, `80%`) and a lone `-` stay as they are."""
    text = "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cc")
    text = text.translate(BIDI)
    if NUMBER.fullmatch(text.strip()):
        return text
    first = text.lstrip()[:1]
    if first and (first in FORMULA_START or unicodedata.normalize("NFKC", first) in FORMULA_START):
        return "'" + text
    return text


def points(value: float) -> int | float:
    """A grade as a number cell: an int when whole, else rounded to 4 places."""
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


@dataclass
class Table:
    """One CSV file: header, an optional Canvas "Points Possible" row, student rows."""

    header: list[str]
    rows: list[list[Cell | None]]
    points: list[Cell] | None = None
    exercise: str | None = None  # set when the export is one table per exercise

    @property
    def students(self) -> int:
        return len(self.rows)


@dataclass
class Export:
    """The tables to write and the students left out of them (with why)."""

    tables: list[Table]
    unmatched: list[tuple[Student, str]] = field(default_factory=list)
    unidentified: list[Student] = field(default_factory=list)
    nothing: int = 0  # students left out because they have no grade to import
    dropped: list[str] = field(default_factory=list)  # Moodle user-field columns left out


@dataclass
class _Column:
    """An exercise's grade column: header, maximum, roster position (if the roster has it)."""

    exercise: str
    header: str
    max_points: float
    roster_index: int | None = None


def _columns(
    exercises: Sequence[ExerciseInfo], names: dict[str, str], roster: Roster | None
) -> list[_Column]:
    columns = []
    for ex in exercises:
        header = names.get(ex.name)
        index = None
        if roster is not None:
            if header is None:
                header = roster.column_for(ex.name, ex.title.values())
            if header is not None and not re.search(r"\((Percentage|Letter)\)$", header):
                index = roster.grades.get(header)  # a value Moodle/Canvas can take back
        columns.append(_Column(ex.name, header or ex.name, ex.max_points, index))
    return columns


def _identity(fmt: str, student: Student) -> list[str]:
    """The identity cells without a roster."""
    extra = student.extra or {}
    own_id = student.id if student.origin in ("folder", "roster") else ""
    if fmt == "csv":
        return [student.id, student.name, student.email or "", student.section or ""]
    if fmt == "moodle":
        # A Moodle participant id (a zip's folder number) is not a user field Moodle can map.
        return [str(extra.get("idnumber") or own_id), student.email or "", student.name]
    canvas_id = extra.get("canvas_user_id") or extra.get("canvas_id") or ""
    return [
        student.name,
        str(canvas_id),
        str(extra.get("sis_user_id") or own_id),
        str(extra.get("login") or student.email or ""),
        student.section or "",
    ]


def build_export(
    report: ClassReport,
    fmt: str = "csv",
    names: dict[str, str] | None = None,
    missing: str = "blank",
    total: bool | None = None,
    roster: Roster | None = None,
) -> Export:
    """The tables of a `fmt` export (csv, moodle or canvas). `names` renames exercise columns
    (e.g. to an LMS grade item's header); `total` defaults to on for csv only; with a roster
    (moodle/canvas) the identity columns and rows are the roster's."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"not a table format: {fmt}")
    lms = fmt != "csv"
    total = (not lms) if total is None else total
    columns = _columns(report.data.exercises, names or {}, roster if lms else None)
    export = Export([])
    matched = {}
    if lms and roster is not None:
        match = match_students([row.student for row in report.rows], roster)
        matched, export.unmatched = match.rows, match.unmatched
        id_header = [roster.header[i] for i in roster.identity]
        stamp = [roster.header[roster.exported]] if roster.exported is not None else []
    else:
        headers = {"csv": ["student_id", "name", "email", "section"], "moodle": MOODLE_COLUMNS}
        id_header = headers.get(fmt, CANVAS_COLUMNS)
        stamp = [] if lms else ["files_not_graded"]

    body: list[_Line] = []
    rows = report.rows
    if lms and roster is not None:  # in the roster's order
        rows = sorted(
            rows, key=lambda r: matched[r.student.id].line if r.student.id in matched else 0
        )
    for row in rows:
        grades: list[Cell | None] = [_grade(row, col.exercise, missing) for col in columns]
        if lms and all(g is None for g in grades):
            export.nothing += 1
            continue
        if lms and roster is not None:
            found = matched.get(row.student.id)
            if found is None:
                continue
            identity = [found.cell(i) for i in roster.identity]
            tail = [found.cell(roster.exported)] if roster.exported is not None else []
            grades = [
                found.cell(col.roster_index) if g is None and col.roster_index is not None else g
                for g, col in zip(grades, columns, strict=True)
            ]
        else:
            identity, tail = _identity(fmt, row.student), []
            if not lms:  # every file that was not graded as named, beside its student
                tail = ["; ".join(f"{f.path} ({f.status})" for f in row.not_graded_files)]
        body.append(_Line(row.student, identity, grades, tail))
    if fmt == "moodle":
        id_header, body = _moodle_identifiable(id_header, body, export)

    def canvas_points(cols: list[_Column]) -> list[Cell] | None:
        if fmt != "canvas":
            return None
        known = roster.points if roster is not None else []
        cells: list[Cell] = [CANVAS_POINTS_ROW, *[""] * (len(id_header) - 1)]
        for col in cols:
            index = col.roster_index
            have = index is not None and index < len(known) and known[index].strip()
            cells.append(known[index] if have and index is not None else points(col.max_points))
        return cells

    blanks = lms and any(g is None for ln in body for g in ln.grades)
    if not blanks or len(columns) == 1:
        with_total = total and bool(columns)
        table = Table(
            [
                *id_header,
                *(c.header for c in columns),
                *([("Total" if lms else "total")] if with_total else []),
                *stamp,
            ],
            [
                [*ident, *grades, *([_total(grades)] if with_total else []), *tail]
                for ident, grades, tail in ((ln.identity, ln.grades, ln.tail) for ln in body)
                if not lms or any(g is not None for g in grades)
            ],
            canvas_points(columns),
        )
        if table.points is not None and with_total:
            table.points.append(points(sum(c.max_points for c in columns)))
        export.tables.append(table)
        return export
    for i, col in enumerate(columns):
        export.tables.append(
            Table(
                [*id_header, col.header, *stamp],
                [[*ln.identity, ln.grades[i], *ln.tail] for ln in body if ln.grades[i] is not None],
                canvas_points([col]),
                exercise=col.exercise,
            )
        )
    return export


@dataclass
class _Line:
    """A student's row before it is written: who, identity cells, grades, trailing cells."""

    student: Student
    identity: list[str]
    grades: list[Cell | None]
    tail: list[str]


def _moodle_identifiable(
    header: list[str], body: list[_Line], export: Export
) -> tuple[list[str], list[_Line]]:
    """Moodle's import looks each row up by the one column the instructor maps from, and a row
    whose cell there is blank is not looked up at all: its grades go to the row above's user
    (load_data.php keeps the last student id). So the file keeps only the user-field columns
    that every row fills: the one most rows fill first; rows without it are left out."""
    mappable = [i for i, h in enumerate(header) if h in MOODLE_USER_FIELDS]
    if not mappable:
        return header, body
    primary = max(mappable, key=lambda i: sum(bool(ln.identity[i].strip()) for ln in body))
    kept = []
    for line in body:
        if line.identity[primary].strip():
            kept.append(line)
        else:
            export.unidentified.append(line.student)
    drop = {i for i in mappable if any(not ln.identity[i].strip() for ln in kept)}
    export.dropped = [header[i] for i in sorted(drop)]
    keep = [i for i in range(len(header)) if i not in drop]
    for line in kept:
        line.identity = [line.identity[i] for i in keep]
    return [header[i] for i in keep], kept


def _grade(row: StudentRow, exercise: str, missing: str) -> Cell | None:
    value = row.scores[exercise]
    if value is None:
        return 0 if missing == "zero" else None
    return points(value)


def _total(grades: list[Cell | None]) -> Cell:
    return points(sum(g for g in grades if isinstance(g, int | float)))


def write_csv(table: Table, out: TextIO) -> int:
    """Write `table` as CSV: text cells made safe and quoted, grades as bare numbers."""
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def cells(values: Sequence[Cell | None]) -> list[Cell]:
        return [
            "" if v is None else v if isinstance(v, int | float) else spreadsheet_text(v)
            for v in values
        ]

    writer.writerow(cells(table.header))
    if table.points is not None:
        writer.writerow(cells(table.points))
    for row in table.rows:
        writer.writerow(cells(row))
    return table.students


def write_table(
    report: ClassReport,
    out: TextIO,
    fmt: str = "csv",
    names: dict[str, str] | None = None,
    missing: str = "blank",
    total: bool | None = None,
) -> int:
    """Write a one-table export to `out` (the plain csv, or an LMS export whose rows are all
    complete); return the row count. ValueError when the export needs one table per exercise."""
    export = build_export(report, fmt, names, missing, total)
    if len(export.tables) != 1:
        raise ValueError("this export is one table per exercise: use build_export")
    return write_csv(export.tables[0], out)


def table_path(out: Path, table: Table) -> Path:
    """Where a table of a split export goes: `grades.csv` -> `grades-conv.csv`."""
    if table.exercise is None:
        return out
    return out.with_name(f"{out.stem}-{_safe(table.exercise)}{out.suffix or '.csv'}")


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^\w.@+-]+", "_", name).strip("._")
    return cleaned or "_"


def write_results(report: ClassReport, folder: Path, lang: str) -> int:
    """`folder/<student>/<exercise>/results.json` for every stored submission; return the
    number of files written."""
    count = 0
    for row in report.rows:
        for ex in report.data.exercises:
            result = report.result(row.student.id, ex.name)
            if result is None:
                continue
            target = folder / _safe(row.student.id) / _safe(ex.name) / "results.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                json.dumps(
                    results_json(result, lang, max_score=False), ensure_ascii=False, indent=2
                )
                + "\n",
                encoding="utf-8",
            )
            count += 1
    return count
