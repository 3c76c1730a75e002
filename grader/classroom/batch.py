"""Grading a whole class: find every student's submissions, grade them in parallel, store them.

Discovery (which folders and zips are accepted, how files are matched to exercises, and how
they are read without trusting them) is in `grader.classroom.discover` and
`grader.classroom.tree`. `grade_class` grades what changed since the last run (content, suite or
seed) and records every result in the gradebook as it arrives; see `grader.classroom.pool` for
the workers and Ctrl-C.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from grader.classroom.discover import ClassFolder, QuizFile, Submission, discover
from grader.classroom.tree import open_tree
from grader.course.load import Exercise, all_exercises
from grader.course.source import imported_names
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
    """Grade and store the quiz files discovery read; a file that cannot be graded, whatever
    the reason, is a note for its student."""
    if not quizzes:
        return 0, 0
    from grader.quiz.i18n import MessageError, ProblemsError

    try:
        banks, paths = course_banks()
    except (MessageError, ProblemsError) as exc:
        notes.append(Feedback("batch.note.no-banks", {"why": str(exc)}))
        return 0, 0
    recorded = skipped = 0
    # The quiz library reads a path: each file's bytes (already read safely, size-capped) are
    # written to a private file of our own, removed afterwards.
    with tempfile.TemporaryDirectory(prefix="nnlab-quiz-") as scratch:
        for number, quiz in enumerate(quizzes):
            path = Path(scratch) / f"{number}.yaml"
            path.write_bytes(quiz.data)
            try:
                data = record_quiz(
                    book, quiz.student, path, banks, paths, quiz.shown, run=run, regrade=regrade
                )
            except ProblemsError as exc:
                why = str(exc).replace(str(path), quiz.shown)
                notes.append(Feedback("batch.note.quiz", {"file": quiz.shown, "why": why}))
                continue
            except Exception as exc:  # noqa: BLE001 -- one student's file, never the class
                why = f"{type(exc).__name__}: {str(exc).replace(str(path), quiz.shown)[:200]}"
                notes.append(Feedback("batch.note.quiz", {"file": quiz.shown, "why": why}))
                continue
            finally:
                path.unlink()
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


def file_notes(found: ClassFolder, exercises: Sequence[str]) -> list[Feedback]:
    """The notes worth printing about students' files: all but files that matched nothing
    when the student's graded exercises were all found (helpers, old versions)."""
    graded: dict[str, set[str]] = {}
    for sub in found.submissions:
        graded.setdefault(sub.student, set()).add(sub.exercise)
    notes = []
    for student in found.students:
        complete = set(exercises) <= graded.get(student.id, set())
        for record in found.files.get(student.id, []):
            if not (record.status == "unmatched" and complete):
                notes.append(record.note)
    return notes


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
    every = all_exercises()
    tree = open_tree(Path(path))
    try:
        found = discover(tree, exercises, known={**every, **exercises})
    finally:
        tree.close()
    book.add_students([*found.students, *roster])
    run = book.start_run(str(path), exercises)
    book.set_files(run, found.files, [s.id for s in found.students])
    outcome = BatchOutcome(run, len(found.students), len(found.submissions), notes=found.notes)
    outcome.notes.extend(file_notes(found, list(exercises)))
    outcome.quizzes, outcome.quizzes_skipped = _record_quizzes(
        book, found.quizzes, run, regrade, outcome.notes
    )
    suites = {name: suite_hash(exercise) for name, exercise in exercises.items()}
    latest = {} if regrade else book.latest_keys()
    jobs: list[Job] = []
    todo: list[tuple[Submission, AttemptKey]] = []
    all_names = list(all_exercises())
    handed_in: dict[str, dict[str, str]] = {}
    for sub in found.submissions:
        handed_in.setdefault(sub.student, {})[sub.exercise] = sub.source
    for sub in found.submissions:
        # the files it imports (`from sigmoid import sigmoid`) are part of what is graded
        own = handed_in[sub.student]
        imported = imported_names(sub.source, [e for e in all_names if e != sub.exercise])
        siblings = {name: own.get(name) for name in imported}
        graded = sub.source + (json.dumps(siblings, sort_keys=True) if siblings else "")
        key = AttemptKey(content_hash(graded), suites[sub.exercise], student_seed(sub.student))
        if latest.get((sub.student, sub.exercise)) == key:
            book.keep_source(sub.student, sub.exercise, key, sub.source)
            outcome.skipped += 1
            continue
        jobs.append(Job(sub.exercise, sub.source, sub.filename, key.seed, sub.student, siblings))
        todo.append((sub, key))
    reporter.started(len(jobs), outcome.skipped, outcome.students)

    def store(index: int, result: ExerciseResult) -> None:
        sub, key = todo[index]
        sub.annotate(result)
        book.add_attempt(result, key, run, source=sub.source)
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
