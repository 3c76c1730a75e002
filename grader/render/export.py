"""Exporting the gradebook: a plain CSV, Moodle's and Canvas's grade-import layouts, and one
Gradescope-style results.json per submission.

Every format reads the rows of `grader.gradebook.report` (the latest attempt per student and exercise);
nothing is re-scored. A student with no submission for an exercise gets an empty cell (LMS
imports leave such grades alone) unless `missing="zero"`. The column layouts, and what each LMS
expects, are described in docs/instructors.md.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from grader.gradebook.report import ClassReport, StudentRow
from grader.render.gradescope import results_json

FORMATS = ("csv", "moodle", "canvas", "results")
CANVAS_POINTS_ROW = "    Points Possible"


def _cell(value: float | None, missing: str) -> str:
    if value is None:
        return "0" if missing == "zero" else ""
    return f"{round(value, 4):g}"


def _grades(
    report: ClassReport, row: StudentRow, columns: Sequence[str], missing: str, total: bool
) -> list[str]:
    cells = [_cell(row.scores[name], missing) for name in columns]
    return cells + ([_cell(row.total, "zero")] if total else [])


def _headers(report: ClassReport, names: dict[str, str] | None) -> list[str]:
    names = names or {}
    return [names.get(ex.name, ex.name) for ex in report.data.exercises]


def write_table(
    report: ClassReport,
    out: TextIO,
    fmt: str = "csv",
    names: dict[str, str] | None = None,
    missing: str = "blank",
    total: bool = True,
) -> int:
    """Write one row per student in `fmt` (csv, moodle or canvas); return the row count.
    `names` renames exercise columns (e.g. to an LMS grade item's name)."""
    exercises = [ex.name for ex in report.data.exercises]
    headers = _headers(report, names)
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "csv":
        writer.writerow(
            ["student_id", "name", "email", "section", *headers, *(["total"] if total else [])]
        )
    elif fmt == "moodle":
        writer.writerow(
            ["ID number", "Email address", "Full name", *headers, *(["Total"] if total else [])]
        )
    elif fmt == "canvas":
        writer.writerow(
            [
                "Student",
                "ID",
                "SIS User ID",
                "SIS Login ID",
                "Section",
                *headers,
                *(["Total"] if total else []),
            ]
        )
        writer.writerow(
            [
                CANVAS_POINTS_ROW,
                "",
                "",
                "",
                "",
                *(_cell(ex.max_points, "zero") for ex in report.data.exercises),
                *([_cell(report.max_total, "zero")] if total else []),
            ]
        )
    else:
        raise ValueError(f"not a table format: {fmt}")
    for row in report.rows:
        s, extra = row.student, row.student.extra
        grades = _grades(report, row, exercises, missing, total)
        if fmt == "csv":
            writer.writerow([s.id, s.name, s.email or "", s.section or "", *grades])
        elif fmt == "moodle":
            writer.writerow([extra.get("idnumber") or s.id, s.email or "", s.name, *grades])
        else:
            writer.writerow(
                [
                    s.name,
                    extra.get("canvas_id", ""),
                    extra.get("sis_user_id") or s.id,
                    extra.get("login") or s.email or "",
                    s.section or "",
                    *grades,
                ]
            )
    return len(report.rows)


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
                json.dumps(results_json(result, lang), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
            count += 1
    return count
