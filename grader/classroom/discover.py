"""Finding a class's students and the file each of them submitted for each exercise.

A class is a folder (or a zip of one) with one folder per student, or an LMS download:

- Moodle 4.x "Download all submissions": one folder per student and submission plugin,
  `Full Name_12345_assignsubmission_file` (an `..._assignsubmission_onlinetext` folder may sit
  beside it); older versions wrote `..._assignsubmission_file_` folders, or flat files
  `Full Name_12345_assignsubmission_file_conv.py`. 12345 is Moodle's participant id: it becomes
  the student's id and is kept as `participant_id` (Moodle's `mod/assign` downloader builds the
  prefix from the full name, with `_` replaced by spaces, and `get_uniqueid_for_user`).
- Canvas "Download submissions": flat files `login_userid_attachmentid_filename.py`, with
  `_LATE` after the login for late ones (`login_LATE_userid_...`) and `anon_xxxxx` in place of
  login and user id when grading is anonymous (Canvas's `ContentZipper`). The user id becomes the
  student's id and is kept as `canvas_id`, the gradebook CSV's `ID` column.

Inside a student's folder (at most `tree.MAX_DEPTH` levels), `.py` files and notebooks are
matched to exercises: `NAME.py` (any case; a `.py` before a notebook, the shallowest first) is
exercise NAME; otherwise a file whose name contains the exercise's name as a word
(`lab2_conv.py`, `conv (1).py`, `Conv.PY`), if only one does; otherwise the only file that
defines the exercise's functions (found with `ast`, nothing is run). `quiz*.yaml` files are quiz
answers. Every other source file, and every file that matched ambiguously or could not be read,
is recorded for the student (`StudentFile`) and shown beside them in the report and the CSV.

Everything here is read through `grader.classroom.tree`: no link is followed, only regular
files inside the student's folder are read, each up to its size limit. Whatever one student's
files hold, the result is a note for that student, never an exception that stops the class.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from grader.classroom.tree import MAX_DEPTH, FolderTree, Refused, ZipTree
from grader.course.limits import MAX_NOTEBOOK_BYTES, MAX_SOURCE_BYTES, NOTEBOOK_SUFFIX
from grader.course.load import Exercise
from grader.course.source import decode_source
from grader.errors import InputError
from grader.gradebook.store import Student, StudentFile
from grader.i18n.safe import display_name
from grader.model import ExerciseResult, Feedback

MOODLE_FOLDER = re.compile(r"^(?P<name>[^_]+)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_?$")
MOODLE_FILE = re.compile(r"^(?P<name>[^_]+)_(?P<id>\d+)_assignsubmission_[a-z]+_(?P<file>.+)$")
CANVAS_FILE = re.compile(
    r"^(?:(?P<login>\w+?)_)??(?P<late>LATE_)?(?P<id>\d+|anon_[A-Za-z0-9]+)_(?P<sub>\d+)_(?P<file>.+)$"
)
QUIZ_FILE = re.compile(r"^quiz.*\.ya?ml$", re.IGNORECASE)
IGNORED = {"__MACOSX", "__pycache__", ".ipynb_checkpoints", "node_modules"}
SOURCE_SUFFIXES = (".py", NOTEBOOK_SUFFIX)
MAX_QUIZ_BYTES = 1 << 20
MAX_STUDENT_BYTES = 64 << 20  # read from one student's files in total
MAX_FILES = 500  # files looked at per student


@dataclass(frozen=True)
class Submission:
    """One exercise file of one student, read and ready to grade."""

    student: str
    exercise: str
    filename: str  # as shown in feedback: relative to the class folder
    source: str
    path: Path | None = None
    notices: tuple[Feedback, ...] = ()  # how the file was chosen and read

    def annotate(self, result: ExerciseResult) -> None:
        """Add the reading notices to `result`, and for a notebook the cells its lines are in."""
        notices = list(self.notices)
        if self.filename.lower().endswith(NOTEBOOK_SUFFIX):
            from grader.course.notebook import line_notices

            notices += line_notices(self.filename, self.source, result)
        result.notices[:0] = notices


@dataclass(frozen=True)
class QuizFile:
    """A student's quiz answers file, already read."""

    student: str
    data: bytes
    shown: str


@dataclass
class ClassFolder:
    """What discovery found: the students, their submissions and quiz files, what became of
    each of their other files, and notes for the instructor."""

    students: list[Student] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    quizzes: list[QuizFile] = field(default_factory=list)
    files: dict[str, list[StudentFile]] = field(default_factory=dict)
    notes: list[Feedback] = field(default_factory=list)


@dataclass
class _File:
    parts: tuple[str, ...]  # where the tree has it
    shown: str  # relative to the class folder, printable and storable
    name: str  # its own name (for a flat LMS file, without the LMS prefix), display-safe
    depth: int
    kind: str = "file"
    notices: tuple[Feedback, ...] = ()

    @property
    def stem(self) -> str:
        return self.name.rpartition(".")[0].lower() if "." in self.name else self.name.lower()

    @property
    def suffix(self) -> str:
        return "." + self.name.rpartition(".")[2].lower() if "." in self.name else ""


def _ignored(name: str) -> bool:
    return name in IGNORED or name.startswith(".")


def _unwrap(tree: FolderTree | ZipTree) -> tuple[str, ...]:
    """Descend through lone wrapping folders (`class/ada/conv.py` zipped as `class/`)."""
    parts: tuple[str, ...] = ()
    for _ in range(MAX_DEPTH):
        entries = [n for n in tree.list(parts) if not _ignored(n.name)]
        if len(entries) != 1 or entries[0].kind != "dir" or MOODLE_FOLDER.match(entries[0].name):
            break
        try:
            inner = [n for n in tree.list((*parts, entries[0].name)) if not _ignored(n.name)]
        except Refused:
            break
        if not inner or any(n.kind != "dir" for n in inner):
            break
        parts = (*parts, entries[0].name)
    return parts


def _walk(tree: FolderTree | ZipTree, parts: tuple[str, ...], shown: str) -> list[_File]:
    """Every entry below a student's folder that is not a folder (bounded in depth and count)."""
    found: list[_File] = []

    def visit(here: tuple[str, ...], depth: int) -> None:
        for node in tree.list(here):
            if len(found) >= MAX_FILES or _ignored(node.name):
                continue
            rel = (*here[len(parts) :], node.name)
            path = (*here, node.name)
            if node.kind == "dir":
                if depth < MAX_DEPTH:
                    try:
                        visit(path, depth + 1)
                    except Refused:  # an inner folder that cannot be listed: nothing in it
                        pass
                continue
            name = display_name(node.name)
            found.append(
                _File(path, "/".join([shown, *map(display_name, rel)]), name, depth, node.kind)
            )

    visit(parts, 0)
    return found


def _students(
    tree: FolderTree | ZipTree, root: tuple[str, ...], notes: list[Feedback]
) -> dict[str, tuple[Student, list[_File], list[StudentFile]]]:
    found: dict[str, tuple[Student, list[_File], list[StudentFile]]] = {}
    loose = []

    def add(student: Student) -> tuple[Student, list[_File], list[StudentFile]]:
        known = found.setdefault(student.id, (student, [], []))
        known[0].extra.update(student.extra)
        return known

    for node in tree.list(root):
        if _ignored(node.name):
            continue
        shown = display_name(node.name)
        path = (*root, node.name)
        if node.kind == "dir":
            moodle = MOODLE_FOLDER.match(shown)
            student = (
                Student(
                    moodle["id"], moodle["name"], "moodle", extra={"participant_id": moodle["id"]}
                )
                if moodle
                else Student(shown, shown, "folder")
            )
            _, files, records = add(student)
            try:
                files.extend(_walk(tree, path, shown))
            except Refused as exc:
                records.append(_refused(shown, str(exc)))
            continue
        if node.kind == "file":
            if moodle := MOODLE_FILE.match(shown):
                student = Student(
                    moodle["id"], moodle["name"], "moodle", extra={"participant_id": moodle["id"]}
                )
                add(student)[1].append(_File(path, shown, moodle["file"], 0))
                continue
            if canvas := CANVAS_FILE.match(shown):
                sid = canvas["id"]
                extra = {} if sid.startswith("anon_") else {"canvas_id": sid}
                student = Student(sid, canvas["login"] or sid, "canvas", extra=extra)
                late = (Feedback("batch.canvas-late", {"file": shown}),) if canvas["late"] else ()
                add(student)[1].append(_File(path, shown, canvas["file"], 0, notices=late))
                continue
            loose.append(shown)
            continue
        # A link or a special file where a student's folder should be: that "student" gets a
        # note, and nothing is read.
        _, _, records = add(Student(shown, shown, "folder"))
        why = "a symbolic link" if node.kind == "link" else "not a folder"
        records.append(_refused(shown, why))
    sources = [name for name in loose if name.lower().endswith(SOURCE_SUFFIXES)]
    if sources and not found:
        raise InputError(
            f"holds {', '.join(sources)} but no student folders: give the folder "
            f"that holds one folder per student",
            getattr(tree, "path", None),
        )
    if sources:
        notes.append(Feedback("batch.note.loose", {"files": ", ".join(sources)}))
    return found


def _record(path: str, status: str, note: Feedback, exercise: str | None = None) -> StudentFile:
    return StudentFile(path, status, exercise, note)


def _refused(path: str, why: str) -> StudentFile:
    return _record(path, "refused", Feedback("batch.file.refused", {"file": path, "why": why}))


# -- matching files to exercises -----------------------------------------------------------------
def _name_matches(stem: str, names: Iterable[str]) -> set[str]:
    """The exercises whose name is a word of `stem` (`lab2_conv` -> conv; `convnet` -> none)."""
    text = re.sub(r"[^0-9a-zа-яё]+", "_", stem)
    found = set()
    for name in names:
        for form in {name, name.replace("_", "")}:
            if re.search(rf"(?<![a-zа-яё]){re.escape(form)}(?![a-zа-яё])", text):
                found.add(name)
    return found


def defined_names(source: str) -> set[str]:
    """Top-level functions, classes and assigned names of `source`, found by parsing only;
    empty when it does not parse (the sandbox reports that when grading)."""
    try:
        tree = ast.parse(source.lstrip("\ufeff"))
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def distinctive_functions(exercises: dict[str, Exercise]) -> dict[str, set[str]]:
    """Per exercise, the functions it declares that no other exercise declares."""
    declared = {name: {f.name for f in ex.functions} for name, ex in exercises.items()}
    result = {}
    for name, functions in declared.items():
        others = set().union(*(f for other, f in declared.items() if other != name))
        result[name] = functions - others
    return result


def _defines(names: set[str], wanted: set[str]) -> bool:
    """At least half (and at least one) of an exercise's distinctive functions are defined."""
    return bool(wanted) and 2 * len(names & wanted) >= len(wanted)


class _Reader:
    """Reads a student's source files once each, turning failures into records."""

    def __init__(self, tree: FolderTree | ZipTree) -> None:
        self.tree = tree
        self.done: dict[str, tuple[str, list[Feedback]] | str] = {}
        self.left = MAX_STUDENT_BYTES

    def bytes(self, file: _File, limit: int) -> bytes:
        """A file's bytes, counted against what one student may make the grader read."""
        if self.left <= 0:
            raise Refused(f"the student's files hold more than {MAX_STUDENT_BYTES >> 20} MiB")
        data = self.tree.read(file.parts, limit)
        self.left -= len(data)
        return data

    def source(self, file: _File) -> tuple[str, list[Feedback]] | str:
        """(code, notices), or why it cannot be used."""
        if file.shown not in self.done:
            self.done[file.shown] = self._read(file)
        return self.done[file.shown]

    def _read(self, file: _File) -> tuple[str, list[Feedback]] | str:
        limit = MAX_NOTEBOOK_BYTES if file.suffix == NOTEBOOK_SUFFIX else MAX_SOURCE_BYTES
        try:
            data = self.bytes(file, limit)
            text, notices = decode_source(data, file.name)
        except Refused as exc:
            return str(exc)
        except InputError as exc:
            return str(exc).split(": ", 1)[-1]
        except Exception as exc:  # noqa: BLE001 -- whatever a file holds is its own problem
            return f"cannot be read ({type(exc).__name__})"
        return text, notices


def _match(
    files: list[_File],
    graded: Sequence[str],
    known: Sequence[str],
    distinctive: dict[str, set[str]],
    reader: _Reader,
) -> tuple[dict[str, tuple[_File, Feedback | None]], dict[str, StudentFile]]:
    """The file chosen for each exercise (and why, None for an exact name) and a record for
    every source file that was not an exact, used match."""
    sources = [f for f in files if f.suffix in SOURCE_SUFFIXES]
    order = sorted(sources, key=lambda f: (f.suffix == NOTEBOOK_SUFFIX, f.depth, f.shown))
    named = {f.shown: _name_matches(f.stem, known) for f in order}
    chosen: dict[str, tuple[_File, Feedback | None]] = {}
    records: dict[str, StudentFile] = {}
    rivals: dict[str, list[str]] = {}  # file -> exercises it competed for and lost
    ambiguous: dict[str, set[str]] = {}

    def usable(file: _File) -> bool:
        read = reader.source(file)
        if isinstance(read, str):
            records[file.shown] = _refused(file.shown, read)
            return False
        return True

    def defines(file: _File, exercise: str) -> bool:
        read = reader.source(file)
        return not isinstance(read, str) and _defines(defined_names(read[0]), distinctive[exercise])

    for exercise in known:
        exact = [f for f in order if f.stem == exercise]
        by_name = [f for f in order if f.stem != exercise and exercise in named[f.shown]]
        pick: tuple[_File, Feedback | None] | None = None
        if exact:
            first = next((f for f in exact if exercise not in graded or usable(f)), None)
            if first is not None:
                pick = (first, None)
        if pick is None and by_name:
            clear = [
                f
                for f in by_name
                if len(named[f.shown]) == 1 or (exercise in graded and defines(f, exercise))
            ]
            if len(clear) > 1 and exercise in graded:
                clear = [f for f in clear if defines(f, exercise)] or clear
            if len(clear) == 1 and (exercise not in graded or usable(clear[0])):
                reason = Feedback(
                    "batch.file.named", {"file": clear[0].shown, "exercise": exercise}
                )
                pick = (clear[0], reason)
            elif len(clear) > 1:
                for f in clear:
                    ambiguous.setdefault(f.shown, set()).add(exercise)
        if pick is None and exercise in graded and distinctive.get(exercise):
            candidates = [f for f in order if defines(f, exercise)]
            if len(candidates) == 1:
                functions = ", ".join(sorted(distinctive[exercise]))
                reason = Feedback(
                    "batch.file.defines",
                    {"file": candidates[0].shown, "exercise": exercise, "functions": functions},
                )
                pick = (candidates[0], reason)
            else:
                for f in candidates:
                    ambiguous.setdefault(f.shown, set()).add(exercise)
        if pick is None:
            continue
        chosen[exercise] = pick
        for f in exact + by_name:
            if f is not pick[0]:
                rivals.setdefault(f.shown, []).append(exercise)

    used = {file.shown: exercise for exercise, (file, _) in chosen.items()}
    for exercise, (file, why) in chosen.items():
        if why is not None:
            records[file.shown] = _record(file.shown, "matched", why, exercise)
    for file in order:
        if file.shown in used or file.shown in records:
            continue
        if file.shown in ambiguous:
            names = ", ".join(sorted(ambiguous[file.shown]))
            note = Feedback("batch.file.ambiguous", {"file": file.shown, "exercises": names})
            records[file.shown] = _record(file.shown, "ambiguous", note, names)
        elif file.shown in rivals:
            exercise = rivals[file.shown][0]
            note = Feedback(
                "batch.file.duplicate",
                {"file": file.shown, "exercise": exercise, "used": chosen[exercise][0].shown},
            )
            records[file.shown] = _record(file.shown, "duplicate", note, exercise)
        else:
            expected = ", ".join(f"{name}.py" for name in graded)
            note = Feedback("batch.file.unmatched", {"file": file.shown, "expected": expected})
            records[file.shown] = _record(file.shown, "unmatched", note)
    return chosen, records


def discover(
    tree: FolderTree | ZipTree,
    exercises: dict[str, Exercise],
    known: dict[str, Exercise] | None = None,
) -> ClassFolder:
    """Find the students of the class in `tree`, the file each submitted for each of
    `exercises`, and what became of their other files. `known` is every exercise of the course
    (a file named after one that is not graded now is not "unmatched")."""
    known = {**(known or {}), **exercises}
    distinctive = distinctive_functions(known)
    found = ClassFolder()
    root = _unwrap(tree)
    for student, files, records in _students(tree, root, found.notes).values():
        found.students.append(student)
        reader = _Reader(tree)
        for file in files:
            if QUIZ_FILE.match(file.name):
                try:
                    data = reader.bytes(file, MAX_QUIZ_BYTES)
                except Refused as exc:
                    records.append(_refused(file.shown, str(exc)))
                    continue
                found.quizzes.append(QuizFile(student.id, data, file.shown))
            elif file.kind != "file" and file.suffix not in SOURCE_SUFFIXES:
                why = "a symbolic link" if file.kind == "link" else "not a regular file"
                records.append(_refused(file.shown, why))
        chosen, matched = _match(files, list(exercises), list(known), distinctive, reader)
        records.extend(matched.values())
        for exercise in exercises:
            if exercise not in chosen:
                continue
            file, reason = chosen[exercise]
            read = reader.source(file)
            if isinstance(read, str):
                continue
            text, notices = read
            extra = [reason] if reason else []
            found.submissions.append(
                Submission(
                    student.id,
                    exercise,
                    file.shown,
                    text,
                    None,
                    (*file.notices, *extra, *notices),
                )
            )
        if records:
            found.files[student.id] = sorted(records, key=lambda r: r.path)
    return found
