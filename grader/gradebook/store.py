"""The gradebook: one SQLite file holding every graded attempt of a class.

One row per attempt (student, exercise, submission content hash, suite hash, score, the whole
`ExerciseResult` as JSON, time), its checks in `check_results` (so an instructor can query pass
rates with the sqlite3 shell), quiz attempts, the students seen or listed in a roster, and one row
per batch run. Each attempt is committed in its own transaction, so an interrupted batch leaves
whole rows only and a re-run resumes where it stopped.

The latest attempt per (student, exercise) is the one that counts. A submission is regraded only
when its content, its exercise's suite (folder + reference solution + limits) or its seed changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from grader.course.load import Exercise
from grader.errors import InputError
from grader.model import ExerciseResult

SCHEMA_VERSION = 1
DEFAULT_NAME = "gradebook.sqlite"

_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE students (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    section TEXT,
    origin TEXT NOT NULL,          -- folder | moodle | roster | quiz
    extra TEXT NOT NULL DEFAULT '{}',
    added_at TEXT NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    exercises TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    graded INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'running'   -- running | finished | interrupted
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    exercise TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    suite_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    filename TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    loaded INTEGER NOT NULL,       -- 0 when the file could not be loaded (syntax error, ...)
    result TEXT NOT NULL,          -- ExerciseResult.to_dict() as JSON
    graded_at TEXT NOT NULL,
    duration REAL NOT NULL,
    run INTEGER REFERENCES runs(id)
);
CREATE INDEX attempts_latest ON attempts(student, exercise, id);
CREATE TABLE check_results (
    attempt INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    passed INTEGER NOT NULL,
    feedback TEXT,                 -- the feedback's message key
    misconception TEXT
);
CREATE INDEX check_results_attempt ON check_results(attempt);
CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    bank_hash TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    result TEXT NOT NULL,          -- QuizResult.to_dict() as JSON
    taken_at TEXT NOT NULL,
    run INTEGER REFERENCES runs(id)
);
CREATE INDEX quiz_attempts_student ON quiz_attempts(student, id);
"""


def default_path() -> Path:
    """$NNLAB_GRADEBOOK, else ./gradebook.sqlite."""
    return Path(os.environ.get("NNLAB_GRADEBOOK") or DEFAULT_NAME)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(text: str | bytes) -> str:
    """sha256 of a submission (its UTF-8 text) or any file's bytes."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _hash_files(digest: hashlib._Hash, files: Iterable[tuple[str, Path]]) -> None:
    for name, path in files:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")


def suite_hash(exercise: Exercise) -> str:
    """What a grade depends on besides the submission: the exercise's suite folder (suite,
    metadata, mutants), its reference solution and its limits. Editing any of them regrades."""
    folder = exercise.suite.parent
    files = sorted(
        (str(p.relative_to(folder)), p)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    digest = hashlib.sha256()
    _hash_files(digest, [*files, ("<solution>", exercise.solution)])
    digest.update(repr(exercise.limits).encode())
    return digest.hexdigest()


def files_hash(paths: Iterable[Path]) -> str:
    """sha256 over some files (e.g. the question banks a quiz was graded against)."""
    digest = hashlib.sha256()
    _hash_files(digest, sorted((str(p), Path(p)) for p in paths))
    return digest.hexdigest()


@dataclass
class Student:
    """A student as the gradebook knows them: `id` is what submissions are filed under."""

    id: str
    name: str
    origin: str = "folder"
    email: str | None = None
    section: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AttemptKey:
    """What decides whether a submission must be graded again."""

    content_hash: str
    suite_hash: str
    seed: int


@dataclass
class QuizAttempt:
    """A recorded quiz: the student, where the answers came from, the graded result."""

    student: str
    source: str
    result: dict
    taken_at: str


class Gradebook:
    """The SQLite gradebook. Use as a context manager; the grading process is its only writer."""

    def __init__(self, path: str | os.PathLike, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputError(
                "no gradebook here; grade a class first with `grade batch DIR` "
                "(or name one with --db)",
                self.path,
            )
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"not a gradebook ({exc})", self.path) from None

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        tables = {
            row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "schema_version" not in tables:
            if tables:
                raise InputError("this SQLite file is not an nnlab gradebook", self.path)
            self.db.execute("PRAGMA journal_mode = WAL")
            with self.db:
                self.db.executescript(_SCHEMA)
                self.db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
        version = self.db.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise InputError(
                f"gradebook schema version {version} is not the one this nnlab "
                f"reads ({SCHEMA_VERSION})",
                self.path,
            )
        self.db.execute("PRAGMA synchronous = NORMAL")

    # -- students -----------------------------------------------------------------------------
    def add_students(self, students: Iterable[Student]) -> None:
        """Insert new students; a known one keeps its record, filling fields it lacks."""
        with self.db:
            for s in students:
                self.db.execute(
                    "INSERT INTO students (id, name, email, section, origin, extra, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "name = CASE WHEN excluded.origin = 'roster' OR students.name = students.id "
                    "THEN excluded.name ELSE students.name END, "
                    "email = coalesce(excluded.email, students.email), "
                    "section = coalesce(excluded.section, students.section), "
                    "extra = json_patch(students.extra, excluded.extra)",
                    (
                        s.id,
                        s.name,
                        s.email,
                        s.section,
                        s.origin,
                        json.dumps(s.extra, ensure_ascii=False),
                        now(),
                    ),
                )

    def students(self) -> list[Student]:
        rows = self.db.execute(
            "SELECT id, name, origin, email, section, extra FROM students "
            "ORDER BY name COLLATE NOCASE, id"
        )
        return [Student(i, n, o, e, s, json.loads(x)) for i, n, o, e, s, x in rows]

    # -- runs -----------------------------------------------------------------------------------
    def start_run(self, source: str, exercises: Iterable[str]) -> int:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO runs (source, exercises, started_at) VALUES (?, ?, ?)",
                (source, ",".join(exercises), now()),
            )
        assert cursor.lastrowid is not None  # an INSERT sets it
        return int(cursor.lastrowid)

    def finish_run(self, run: int, graded: int, skipped: int, interrupted: bool) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished_at = ?, graded = ?, skipped = ?, status = ? WHERE id = ?",
                (now(), graded, skipped, "interrupted" if interrupted else "finished", run),
            )

    def last_run(self) -> dict | None:
        row = self.db.execute(
            "SELECT id, source, started_at, finished_at, graded, skipped, "
            "status FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        keys = ("id", "source", "started_at", "finished_at", "graded", "skipped", "status")
        return dict(zip(keys, row, strict=True)) if row else None

    # -- attempts ---------------------------------------------------------------------------------
    def add_attempt(self, result: ExerciseResult, key: AttemptKey, run: int | None = None) -> int:
        """Store one graded submission and its checks in a single transaction."""
        if not result.student:
            raise ValueError("an attempt needs a student")
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO attempts (student, exercise, content_hash, suite_hash, seed, "
                "filename, score, max_score, loaded, result, graded_at, duration, run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.student,
                    result.exercise,
                    key.content_hash,
                    key.suite_hash,
                    key.seed,
                    result.filename,
                    result.score,
                    result.max_score,
                    int(result.error is None),
                    json.dumps(result.to_dict(), ensure_ascii=False),
                    now(),
                    round(result.duration, 6),
                    run,
                ),
            )
            assert cursor.lastrowid is not None  # an INSERT sets it
            attempt = int(cursor.lastrowid)
            self.db.executemany(
                "INSERT INTO check_results VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        attempt,
                        c.name,
                        c.points,
                        c.max_points,
                        int(c.passed),
                        c.feedback.key if c.feedback else None,
                        c.feedback.misconception if c.feedback else None,
                    )
                    for c in result.checks
                ],
            )
        return attempt

    def _latest(
        self, table: str, columns: str, where: str = "", params: tuple = ()
    ) -> sqlite3.Cursor:
        group = "student, exercise" if table == "attempts" else "student"
        return self.db.execute(
            f"SELECT {columns} FROM {table} WHERE id IN "
            f"(SELECT max(id) FROM {table} {where} GROUP BY {group}) ORDER BY id",
            params,
        )

    def latest_keys(self) -> dict[tuple[str, str], AttemptKey]:
        """(student, exercise) -> what the latest attempt was graded from."""
        rows = self._latest("attempts", "student, exercise, content_hash, suite_hash, seed")
        return {(s, e): AttemptKey(c, h, seed) for s, e, c, h, seed in rows}

    def latest_results(
        self, exercises: Iterable[str] | None = None
    ) -> dict[tuple[str, str], ExerciseResult]:
        """(student, exercise) -> the latest graded result."""
        where = ""
        params: tuple[str, ...] = ()
        if exercises is not None:
            names = tuple(exercises)
            where = f"WHERE exercise IN ({', '.join('?' * len(names))})" if names else "WHERE 0"
            params = names
        rows = self._latest("attempts", "student, exercise, result", where, params)
        return {(s, e): ExerciseResult.from_dict(json.loads(r)) for s, e, r in rows}

    def attempt_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM attempts").fetchone()[0]

    # -- quizzes ----------------------------------------------------------------------------------
    def add_quiz(
        self,
        student: str,
        source: str,
        result: dict,
        content: str,
        banks: str,
        run: int | None = None,
    ) -> int:
        """Store one graded quiz (QuizResult.to_dict()) for `student`."""
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO quiz_attempts (student, source, content_hash, bank_hash, score, "
                "max_score, result, taken_at, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    student,
                    source,
                    content,
                    banks,
                    float(result.get("score", 0)),
                    float(result.get("max_score", 0)),
                    json.dumps(result, ensure_ascii=False),
                    now(),
                    run,
                ),
            )
        assert cursor.lastrowid is not None  # an INSERT sets it
        return int(cursor.lastrowid)

    def quiz_keys(self) -> set[tuple[str, str, str, str]]:
        """(student, source, content hash, bank hash) of every recorded quiz."""
        return {
            tuple(row)
            for row in self.db.execute(
                "SELECT student, source, content_hash, bank_hash FROM quiz_attempts"
            )
        }

    def quizzes(self) -> Iterator[QuizAttempt]:
        """Every recorded quiz, oldest first."""
        for student, source, result, taken in self.db.execute(
            "SELECT student, source, result, taken_at FROM quiz_attempts ORDER BY id"
        ):
            yield QuizAttempt(student, source, json.loads(result), taken)
