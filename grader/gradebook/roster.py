"""An LMS's own grade export used as the roster of a grade import.

`read_lms_roster` reads Moodle's "Export grades" CSV (Grades → Export → Plain text file) or
Canvas's gradebook CSV (Grades → Export → Export Entire Gradebook), tells them apart by their
header, and keeps every row with its identity columns (the ones the LMS's importer reads to find
the user) and its current grades. `match_students` pairs the gradebook's students with roster
rows by, in this order: the LMS's user id (Canvas `ID` = the `canvas_user_id` a Canvas zip gave),
the ID number (Moodle `ID number`, Canvas `SIS User ID`), the email or login (Moodle `Email
address`, Canvas `SIS Login ID`) and the name. Values are compared after Unicode normalisation:
NFKD, accents and other combining marks removed (so `ё` matches `е`), case folded, whitespace
collapsed; names as a set of words, so "Lovelace, Ada" matches "Ada Lovelace". A value two roster
rows share is never used to match.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import InputError
from grader.gradebook.store import Student

MAX_BYTES = 32 * 1024 * 1024

# Identity columns, as each LMS's export writes them (Moodle: the default user profile fields
# of grade exports, $CFG->grade_export_userprofilefields, and the other standard ones a site may
# add; Canvas: GradebookImporter::GRADEBOOK_IMPORTER_RESERVED_NAMES).
MOODLE_IDENTITY = (
    "First name",
    "Last name",
    "ID number",
    "Institution",
    "Department",
    "Email address",
    "Username",
    "Phone",
    "Mobile phone",
    "City/town",
    "Country",
    "Address",
)
MOODLE_EXPORTED = "Last downloaded from this course"
MOODLE_SKIP = ("Course total", "Suspended")
CANVAS_IDENTITY = (
    "Student",
    "LastName",
    "FirstName",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Integration ID",
    "Root Account",
    "Section",
)
# Canvas never imports these (GradebookImporter::NON_ASSIGNMENT_COLUMN_HEADERS, also with
# "Unposted " in front).
CANVAS_TOTALS = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)
CANVAS_POINTS = "Points Possible"
KEYS = ("uid", "idnumber", "email", "name")


def fold(text: str) -> str:
    """`text` for comparison: NFKD without combining marks, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def name_key(name: str) -> str:
    """A name as a sorted set of folded words ("Lovelace, Ada" == "ada lovelace")."""
    return " ".join(sorted(w for w in re.split(r"[\s,]+", fold(name)) if w))


@dataclass
class RosterRow:
    """One student of the roster: the cells as read, and the keys they can be matched by."""

    line: int
    cells: list[str]
    keys: dict[str, str] = field(default_factory=dict)

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Roster:
    """An LMS grade export: which LMS, its header, identity and grade columns, its rows."""

    path: str
    lms: str  # "moodle" or "canvas"
    header: list[str]
    identity: list[int]  # positions of the identity columns, in file order
    grades: dict[str, int]  # grade column header -> position
    rows: list[RosterRow]
    points: list[str] = field(default_factory=list)  # Canvas's "Points Possible" row
    exported: int | None = None  # Moodle's "Last downloaded from this course" column

    def column_for(self, exercise: str, titles: Iterable[str]) -> str | None:
        """The grade column an exercise belongs to: one whose item name (without Moodle's
        "Assignment: " and " (Real)", without Canvas's " (12345)") is the exercise's name or
        one of its titles."""
        wanted = {fold(exercise), *(fold(t) for t in titles if t)}
        for header in self.grades:
            if fold(item_name(header, self.lms)) in wanted:
                return header
        return None


def item_name(header: str, lms: str) -> str:
    """The grade item's own name in a grade column header."""
    if lms == "moodle":
        header = re.sub(r"\s*\([^()]*\)$", "", header)  # " (Real)", " (Percentage)"
        return header.split(": ", 1)[1] if ": " in header else header
    return re.sub(r"\s*\(\d+\)$", "", header)  # Canvas "Lab 2 (12345)"


def _rows(path: str, text: str) -> list[list[str]]:
    for delimiter in (",", ";", "\t", ":"):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if rows and len(rows[0]) > 2 and _kind(rows[0]):
            return rows
    raise InputError(
        'not a Moodle "Export grades" or Canvas gradebook CSV (the header names neither '
        "Moodle's `ID number`/`Email address` nor Canvas's `Student`, `ID`)",
        path,
        1,
    )


def _kind(header: Sequence[str]) -> str | None:
    names = [h.strip() for h in header]
    if names[:2] in (["Student", "ID"], ["LastName", "FirstName"]):
        return "canvas"
    if "Email address" in names or "ID number" in names:
        return "moodle"
    return None


def read_lms_roster(path: str | Path) -> Roster:
    """Read a Moodle or Canvas grade export; bad input is one InputError naming the file."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the roster: {exc.strerror}", name) from None
    if len(data) > MAX_BYTES:
        raise InputError("the roster is larger than 32 MiB", name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the roster is not UTF-8 text (byte {exc.start})", name) from None
    try:
        rows = _rows(name, text)
    except csv.Error as exc:
        raise InputError(f"not a CSV file: {exc}", name) from None
    header = [h.strip() for h in rows[0]]
    lms = _kind(header)
    assert lms is not None
    roster = Roster(name, lms, header, [], {}, [])
    names = CANVAS_IDENTITY if lms == "canvas" else MOODLE_IDENTITY
    for i, head in enumerate(header):
        if head in names:
            roster.identity.append(i)
        elif lms == "moodle" and head == MOODLE_EXPORTED:
            roster.exported = i
        elif head and not _skipped(head, lms):
            roster.grades.setdefault(head, i)
    for line, cells in enumerate(rows[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        first = cells[0].strip() if cells else ""
        if lms == "canvas" and CANVAS_POINTS in first:
            roster.points = cells
            continue
        if lms == "canvas" and all(
            re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", c, re.I) for c in cells
        ):
            continue
        roster.rows.append(RosterRow(line, cells, _keys(roster, cells)))
    return roster


def _skipped(head: str, lms: str) -> bool:
    if lms == "canvas":
        return any(total in head for total in CANVAS_TOTALS)
    return head.startswith(MOODLE_SKIP) or head.endswith("(Feedback)")


def _keys(roster: Roster, cells: list[str]) -> dict[str, str]:
    def get(column: str) -> str:
        if column not in roster.header:
            return ""
        index = roster.header.index(column)
        return cells[index].strip() if index < len(cells) else ""

    if roster.lms == "moodle":
        values = {
            "idnumber": get("ID number"),
            "email": get("Email address"),
            "name": f"{get('First name')} {get('Last name')}",
        }
    else:
        student = get("Student") or f"{get('FirstName')} {get('LastName')}"
        values = {
            "uid": get("ID"),
            "idnumber": get("SIS User ID"),
            "email": get("SIS Login ID"),
            "name": student,
        }
    keys = {kind: (name_key(v) if kind == "name" else fold(v)) for kind, v in values.items()}
    return {kind: value for kind, value in keys.items() if value}


def student_keys(student: Student) -> dict[str, list[str]]:
    """What a gradebook student can be matched by, per key kind (folded)."""
    extra = student.extra or {}
    uids = [extra.get("canvas_user_id"), extra.get("canvas_id")]
    idnumbers = [extra.get("idnumber"), extra.get("sis_user_id")]
    if student.origin in ("folder", "roster"):
        # A folder name or a roster id may be the ID number; a Moodle participant id never is.
        idnumbers.append(student.id)
    emails = [student.email, extra.get("login"), extra.get("email")]
    keys = {
        "uid": [fold(str(v)) for v in uids if v],
        "idnumber": [fold(str(v)) for v in idnumbers if v],
        "email": [fold(str(v)) for v in emails if v],
        "name": [name_key(student.name)] if student.name else [],
    }
    return {kind: [v for v in values if v] for kind, values in keys.items()}


@dataclass
class Match:
    """The outcome of matching: student id -> roster row, and who matched nobody."""

    rows: dict[str, RosterRow]
    unmatched: list[tuple[Student, str]]  # the student and why


def match_students(students: Sequence[Student], roster: Roster) -> Match:
    """Pair students with roster rows (see the module docstring); each row is used once."""
    index: dict[str, dict[str, list[RosterRow]]] = {kind: {} for kind in KEYS}
    for row in roster.rows:
        for kind, value in row.keys.items():
            index[kind].setdefault(value, []).append(row)
    taken: dict[int, Student] = {}
    matched: dict[str, RosterRow] = {}
    unmatched: list[tuple[Student, str]] = []
    for student in students:
        found, why = None, "no roster row has their id, ID number, email or name"
        for kind, values in student_keys(student).items():
            hits = {id(r): r for v in values for r in index[kind].get(v, [])}
            if len(hits) == 1:
                found = next(iter(hits.values()))
                break
            if len(hits) > 1:
                why = f"several roster rows share their {kind}"
        if found is None:
            unmatched.append((student, why))
        elif id(found) in taken:
            other = taken[id(found)]
            unmatched.append((student, f"roster line {found.line} is already {other.id}'s"))
        else:
            taken[id(found)] = student
            matched[student.id] = found
    return Match(matched, unmatched)
