"""A student's own history on this machine: submissions graded and hints seen.

It shares the SQLite file of the quiz progress ($NNLAB_DB, else
$XDG_DATA_HOME/nnlab/progress.sqlite), in tables of its own, so `grade list` can show each
exercise's status and `grade hint` can give the next hint.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grader.model import ExerciseResult
from grader.quiz.store import default_db_path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    graded_at TEXT NOT NULL,
    exercise TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    full_marks INTEGER NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_exercise ON submissions(exercise);
CREATE TABLE IF NOT EXISTS hints_seen (
    exercise TEXT PRIMARY KEY,
    shown INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class Status:
    """An exercise's status for one student: attempts, best score, whether it is done."""

    attempts: int
    best: float
    max_score: float
    done: bool

    @property
    def started(self) -> bool:
        return self.attempts > 0


class History:
    """Open with `History()` (default path) or `History(path)`; every write commits at once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        with self._db:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, result: ExerciseResult, source: str) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO submissions (graded_at, exercise, score, max_score, full_marks,"
                " content_hash) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    result.exercise,
                    result.score,
                    result.max_score,
                    int(result.full_marks),
                    hashlib.sha256(source.encode()).hexdigest(),
                ),
            )

    def status(self, exercise: str) -> Status:
        attempts, best, max_score, done = self._db.execute(
            "SELECT COUNT(*), COALESCE(MAX(score), 0), COALESCE(MAX(max_score), 0),"
            " COALESCE(MAX(full_marks), 0) FROM submissions WHERE exercise = ?",
            (exercise,),
        ).fetchone()
        return Status(attempts, best, max_score, bool(done))

    def next_hint(self, exercise: str, available: int) -> int:
        """The index of the hint to show now (0-based), advancing the counter; the last hint
        repeats once all have been shown."""
        row = self._db.execute(
            "SELECT shown FROM hints_seen WHERE exercise = ?", (exercise,)
        ).fetchone()
        shown = row[0] if row else 0
        with self._db:
            self._db.execute(
                "INSERT INTO hints_seen (exercise, shown) VALUES (?, ?) ON CONFLICT"
                "(exercise) DO UPDATE SET shown = excluded.shown",
                (exercise, min(shown + 1, available)),
            )
        return min(shown, available - 1)

    def reset_hints(self, exercise: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM hints_seen WHERE exercise = ?", (exercise,))
