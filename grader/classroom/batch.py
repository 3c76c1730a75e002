"""Grading a whole class: find every student's submissions, grade them in parallel, store them.

A class is a folder with one folder per student (`DIR/<student>/conv.py`, ...), a zip of such
folders, or a Moodle "download all submissions" zip, whose folders are named
`Full Name_12345_assignsubmission_file_` (the number becomes the student's id; older Moodle
versions put files at the top level as `Full Name_12345_assignsubmission_file_conv.py`).
Inside a student's folder, `NAME.py` (at any depth, the shallowest wins) is the submission for
exercise NAME, and `quiz*.yaml` files are quiz answers. Notebooks (`NAME.ipynb`) are used only
when `grader.course.load.read_submission` can turn them into Python; otherwise they are skipped with a
message.

`grade_class` grades what changed since the last run (content, suite or seed) and records every
result in the gradebook as it arrives; see `grader.classroom.pool` for the workers and Ctrl-C.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from grader.course.load import Exercise, all_exercises
from grader.course.source import read_submission
from grader.errors import InputError
from grader.gradebook.store import (
    AttemptKey,
    Gradebook,
    Student,
    content_hash,
    files_hash,
    suite_hash,
)
from grader.grading.run import Job
from grader.grading.seeds import student_seed
from grader.model import ExerciseResult, Feedback

MOODLE_FOLDER = re.compile(r"^(?P<name>[^_]+)_(?P<id>\d+)_assignsubmission_[a-z]+_$")
MOODLE_FILE = re.compile(r"^(?P<name>[^_]+)_(?P<id>\d+)_assignsubmission_[a-z]+_(?P<file>.+)$")
QUIZ_FILE = re.compile(r"^quiz.*\.ya?ml$", re.IGNORECASE)
IGNORED = {"__MACOSX", "__pycache__", ".ipynb_checkpoints", "node_modules"}
SOURCE_SUFFIXES = (".py", ".ipynb")
MAX_ZIP_MEMBER = 32 << 20


@dataclass(frozen=True)
class Submission:
    """One exercise file of one student, read and ready to grade."""

    student: str
    exercise: str
    filename: str  # as shown in feedback: relative to the class folder
    source: str
    path: Path | None = None
    notices: tuple[Feedback, ...] = ()  # how the source was obtained (e.g. from a notebook)

    def annotate(self, result: ExerciseResult) -> None:
        """Add the reading notices to `result`, and for a notebook the cells its lines are in."""
        notices = list(self.notices)
        if self.path is not None and self.path.suffix.lower() == ".ipynb":
            from grader.course.notebook import line_notices

            notices += line_notices(self.filename, self.source, result)
        result.notices[:0] = notices


@dataclass(frozen=True)
class QuizFile:
    """A student's quiz answers file."""

    student: str
    path: Path
    shown: str


@dataclass
class ClassFolder:
    """What discovery found: the students, their submissions and quiz files, and notes about
    files that were skipped (unsupported, unreadable, unrecognised)."""

    students: list[Student] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    quizzes: list[QuizFile] = field(default_factory=list)
    notes: list[Feedback] = field(default_factory=list)


@dataclass(frozen=True)
class _File:
    path: Path
    shown: str
    name: str  # the file's own name (for a flat Moodle file, without the Moodle prefix)
    depth: int


def _ignored(name: str) -> bool:
    return name in IGNORED or name.startswith(".")


def _wanted_member(name: str) -> bool:
    return name.lower().endswith(SOURCE_SUFFIXES) or bool(QUIZ_FILE.match(name))


def _extract(archive_path: Path, dest: Path, notes: list[Feedback]) -> None:
    """Extract the files discovery can use (sources, notebooks, quiz answers), nothing that
    would land outside `dest`, nothing huge."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable zip file ({exc})", archive_path) from None
    with archive:
        for info in archive.infolist():
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if (
                info.is_dir()
                or not parts
                or parts[0] == "/"
                or ":" in parts[0]
                or ".." in parts
                or any(_ignored(p) for p in parts)
                or not _wanted_member(parts[-1])
            ):
                continue
            if info.file_size > MAX_ZIP_MEMBER:
                notes.append(
                    Feedback(
                        "batch.note.too-large",
                        {"file": info.filename, "limit": MAX_ZIP_MEMBER >> 20},
                    )
                )
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


@contextlib.contextmanager
def open_class(path: str | os.PathLike, notes: list[Feedback]) -> Iterator[Path]:
    """The class folder: `path` itself, or a zip extracted into a temporary folder."""
    path = Path(path)
    if path.is_dir():
        yield path
    elif path.is_file():
        with tempfile.TemporaryDirectory(prefix="nnlab-class-") as tmp:
            _extract(path, Path(tmp), notes)
            yield Path(tmp)
    else:
        raise InputError("no such folder or zip file", path)


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not _ignored(p.name))


def _unwrap(root: Path) -> Path:
    """Descend through a lone wrapping folder (`class/ada/conv.py` zipped as `class/`)."""
    while True:
        entries = _entries(root)
        inner = _entries(entries[0]) if len(entries) == 1 and entries[0].is_dir() else []
        if inner and all(p.is_dir() for p in inner) and not MOODLE_FOLDER.match(entries[0].name):
            root = entries[0]
        else:
            return root


def _walk(folder: Path) -> Iterator[tuple[Path, int]]:
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _ignored(d))
        depth = len(Path(here).relative_to(folder).parts)
        for name in sorted(files):
            if not _ignored(name):
                yield Path(here) / name, depth


def _student_files(root: Path, notes: list[Feedback]) -> dict[str, tuple[Student, list[_File]]]:
    found: dict[str, tuple[Student, list[_File]]] = {}
    loose = []
    for entry in _entries(root):
        moodle = (
            MOODLE_FOLDER.match(entry.name) if entry.is_dir() else MOODLE_FILE.match(entry.name)
        )
        if entry.is_dir():
            student = (
                Student(moodle["id"], moodle["name"], "moodle")
                if moodle
                else Student(entry.name, entry.name, "folder")
            )
            files = [
                _File(p, f"{entry.name}/{p.relative_to(entry)}", p.name, depth)
                for p, depth in _walk(entry)
            ]
        elif moodle:
            student = Student(moodle["id"], moodle["name"], "moodle")
            files = [_File(entry, entry.name, moodle["file"], 0)]
        else:
            loose.append(entry.name)
            continue
        known = found.setdefault(student.id, (student, []))
        known[1].extend(files)
    sources = [name for name in loose if name.lower().endswith(SOURCE_SUFFIXES)]
    if sources and not found:
        raise InputError(
            f"holds {', '.join(sources)} but no student folders: give the folder "
            f"that holds one folder per student",
            root,
        )
    if sources:
        notes.append(Feedback("batch.note.loose", {"files": ", ".join(sources)}))
    return found


def _is_raw_notebook(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and "cells" in data


def _read_source(path: Path) -> tuple[str, list[Feedback]]:
    """The code to grade and notices on how it was obtained (e.g. from a notebook's cells)."""
    try:
        from grader.course.source import read_source
    except ImportError:  # a grader without notebook support: plain text only
        return read_submission(path), []
    return read_source(path)


def _read(file: _File, notes: list[Feedback]) -> tuple[str, list[Feedback]] | None:
    try:
        text, notices = _read_source(file.path)
    except InputError as exc:
        notes.append(
            Feedback(
                "batch.note.unreadable", {"file": file.shown, "why": str(exc).split(": ", 1)[-1]}
            )
        )
        return None
    if file.name.lower().endswith(".ipynb") and _is_raw_notebook(text):
        notes.append(
            Feedback(
                "batch.note.notebook", {"file": file.shown, "stem": file.name.rsplit(".", 1)[0]}
            )
        )
        return None
    return text, notices


def discover(
    path: str | os.PathLike,
    exercises: Sequence[str],
    root: Path | None = None,
    known: Sequence[str] | None = None,
) -> ClassFolder:
    """Find the students and their submissions in the class folder `root` (already opened with
    `open_class(path)`; `path` names it in messages). `exercises` are the ones to grade,
    `known` every exercise of the course (files of the others are not "unrecognised")."""
    found = ClassFolder()
    root = _unwrap(Path(root or path))
    wanted = {name.lower(): name for name in exercises}
    known_names = {name.lower() for name in (known or exercises)} | set(wanted)
    for student, files in _student_files(root, found.notes).values():
        found.students.append(student)
        candidates: dict[str, list[_File]] = {}
        strays = []
        for file in files:
            stem, _, suffix = file.name.rpartition(".")
            if QUIZ_FILE.match(file.name):
                found.quizzes.append(QuizFile(student.id, file.path, file.shown))
            elif stem.lower() in wanted and f".{suffix.lower()}" in SOURCE_SUFFIXES:
                candidates.setdefault(wanted[stem.lower()], []).append(file)
            elif suffix.lower() == "py" and stem.lower() not in known_names:
                strays.append(file.shown)
        for exercise in exercises:
            options = sorted(
                candidates.get(exercise, []),
                key=lambda f: (f.name.lower().endswith(".ipynb"), f.depth, f.shown),
            )
            chosen = next(
                ((read, f) for f in options if (read := _read(f, found.notes)) is not None), None
            )
            if chosen:
                (text, notices), file = chosen
                found.submissions.append(
                    Submission(student.id, exercise, file.shown, text, file.path, tuple(notices))
                )
        if strays and len(candidates) < len(exercises):
            found.notes.append(
                Feedback(
                    "batch.note.unrecognised",
                    {
                        "student": student.name,
                        "files": ", ".join(strays),
                        "expected": ", ".join(f"{name}.py" for name in exercises),
                    },
                )
            )
    return found


def read_roster(path: str | os.PathLike) -> list[Student]:
    """A class list as CSV with a header: `id` (required; the folder name or Moodle number),
    `name`, `email`, `section`; other columns (e.g. `idnumber`, `login`, `canvas_id`) are kept
    for the exports."""
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read the roster: {exc}", path) from None
    if not rows or "id" not in rows[0]:
        raise InputError("a roster needs a header row with an `id` column", path, 1)
    students = []
    for line, row in enumerate(rows, 2):
        sid = (row.pop("id") or "").strip()
        if not sid:
            raise InputError("empty id", path, line)
        extra = {k: v for k, v in row.items() if k and v and k not in ("name", "email", "section")}
        students.append(
            Student(
                sid,
                (row.get("name") or sid).strip(),
                "roster",
                row.get("email") or None,
                row.get("section") or None,
                extra,
            )
        )
    return students


# -- quizzes -----------------------------------------------------------------------------------
def record_quiz(
    book: Gradebook,
    student: str,
    path: Path,
    banks: Sequence,
    bank_paths: Sequence[Path],
    shown: str | None = None,
    include_unanswered: bool = False,
    run: int | None = None,
    regrade: bool = True,
) -> dict | None:
    """Grade a quiz answers file for `student` and store it; None when this exact file was
    already recorded against the same banks (and not `regrade`). Raises the quiz library's
    AnswerFileError for a malformed file."""
    from grader.quiz.answerfile import grade_answer_file

    shown = shown or str(path)
    key = (student, shown, content_hash(Path(path).read_bytes()), files_hash(bank_paths))
    if not regrade and key in book.quiz_keys():
        return None
    result = grade_answer_file(banks, Path(path), include_unanswered=include_unanswered)
    data = result.to_dict()
    data.pop("student", None)
    book.add_quiz(student, shown, data, key[2], key[3], run)
    return data


def course_banks() -> tuple[list, list[Path]]:
    """The course's question banks (quizzes/*.yaml) and their files."""
    from grader.quiz.bank import load_banks
    from grader.quiz.paths import resolve_banks

    paths = resolve_banks([])
    return load_banks(paths), paths


def _record_quizzes(
    book: Gradebook, quizzes: Sequence[QuizFile], run: int, regrade: bool, notes: list[Feedback]
) -> tuple[int, int]:
    if not quizzes:
        return 0, 0
    from grader.quiz.i18n import MessageError, ProblemsError

    try:
        banks, paths = course_banks()
    except (MessageError, ProblemsError) as exc:
        notes.append(Feedback("batch.note.no-banks", {"why": str(exc)}))
        return 0, 0
    recorded = skipped = 0
    for quiz in quizzes:
        try:
            data = record_quiz(
                book, quiz.student, quiz.path, banks, paths, quiz.shown, run=run, regrade=regrade
            )
        except ProblemsError as exc:
            notes.append(
                Feedback(
                    "batch.note.quiz",
                    {"file": quiz.shown, "why": str(exc).replace(str(quiz.path), quiz.shown)},
                )
            )
            continue
        recorded, skipped = recorded + (data is not None), skipped + (data is None)
    return recorded, skipped


# -- grading -----------------------------------------------------------------------------------
class Reports(Protocol):
    """The methods `grade_class` calls on its `reporter` (see `Reporter`)."""

    def started(self, to_grade: int, skipped: int, students: int) -> None: ...

    def graded(self, result: ExerciseResult, done: int, total: int) -> None: ...

    def stopping(self) -> None: ...


class Reporter:
    """What `grade_class` tells its caller as it goes (any object with these methods will do);
    the CLI prints it, tests may ignore it."""

    def started(self, to_grade: int, skipped: int, students: int) -> None:
        """Grading is about to start."""

    def graded(self, result: ExerciseResult, done: int, total: int) -> None:
        """One result has been stored."""

    def stopping(self) -> None:
        """Ctrl-C: no new submission is started; those in progress finish."""


@dataclass
class BatchOutcome:
    """A finished (or interrupted) batch run."""

    run: int
    students: int
    submissions: int
    graded: int = 0
    skipped: int = 0
    quizzes: int = 0
    quizzes_skipped: int = 0
    failed: list[Feedback] = field(default_factory=list)
    notes: list[Feedback] = field(default_factory=list)
    interrupted: bool = False

    @property
    def not_graded(self) -> int:
        """Submissions left for a re-run (interrupted, or their worker failed)."""
        return self.submissions - self.skipped - self.graded


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def grade_class(
    path: str | os.PathLike,
    book: Gradebook,
    exercises: dict[str, Exercise],
    *,
    workers: int | None = None,
    regrade: bool = False,
    roster: Sequence[Student] = (),
    reporter: Reports | None = None,
    executor: Callable | None = None,
) -> BatchOutcome:
    """Grade every submission of the class at `path` that changed since the gradebook last saw
    it (all of them with `regrade`), recording each result as it arrives. `executor` grades the
    jobs, called like `grader.classroom.pool.grade_parallel` (the default), e.g. a
    `grader.classroom.dask_executor.DaskExecutor`."""
    from grader.classroom.pool import grade_parallel

    reporter = reporter or Reporter()
    notes: list[Feedback] = []
    with open_class(path, notes) as root:
        found = discover(path, list(exercises), root, known=[*all_exercises(), *exercises])
        found.notes[:0] = notes
        book.add_students([*found.students, *roster])
        run = book.start_run(str(path), exercises)
        outcome = BatchOutcome(run, len(found.students), len(found.submissions), notes=found.notes)
        outcome.quizzes, outcome.quizzes_skipped = _record_quizzes(
            book, found.quizzes, run, regrade, outcome.notes
        )
    suites = {name: suite_hash(exercise) for name, exercise in exercises.items()}
    latest = {} if regrade else book.latest_keys()
    jobs: list[Job] = []
    todo: list[tuple[Submission, AttemptKey]] = []
    for sub in found.submissions:
        key = AttemptKey(content_hash(sub.source), suites[sub.exercise], student_seed(sub.student))
        if latest.get((sub.student, sub.exercise)) == key:
            outcome.skipped += 1
            continue
        jobs.append(Job(sub.exercise, sub.source, sub.filename, key.seed, sub.student))
        todo.append((sub, key))
    reporter.started(len(jobs), outcome.skipped, outcome.students)

    def store(index: int, result: ExerciseResult) -> None:
        sub, key = todo[index]
        sub.annotate(result)
        book.add_attempt(result, key, run)
        outcome.graded += 1
        reporter.graded(result, outcome.graded, len(jobs))

    try:
        pool = (executor or grade_parallel)(
            exercises, jobs, store, workers or default_workers(), on_interrupt=reporter.stopping
        )
        outcome.interrupted = pool.interrupted
        outcome.failed = [
            Feedback("batch.note.failed", {"file": jobs[i].filename, "why": why})
            for i, why in pool.failed
        ]
    finally:
        book.finish_run(
            run,
            outcome.graded,
            outcome.skipped,
            interrupted=outcome.interrupted or outcome.not_graded > 0,
        )
    return outcome
