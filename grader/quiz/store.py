"""The local record of quiz attempts: one SQLite file with a row per session and per answer."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from grader.quiz.grading import QuestionResult, QuizResult
from grader.quiz.mastery import Attempt

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    kind TEXT NOT NULL,
    student TEXT,
    seed INTEGER,
    lang TEXT,
    banks TEXT NOT NULL,
    planned INTEGER NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    score REAL,
    max_score REAL
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    answered_at TEXT NOT NULL,
    question_id TEXT NOT NULL,
    bank TEXT NOT NULL,
    tags TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    given TEXT
);
CREATE INDEX IF NOT EXISTS attempts_session ON attempts(session_id);
"""


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """$NNLAB_DB, else $XDG_DATA_HOME/nnlab/progress.sqlite (~/.local/share by default)."""
    env = os.environ if environ is None else environ
    if env.get("NNLAB_DB"):
        return Path(env["NNLAB_DB"])
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "nnlab" / "progress.sqlite"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class ProgressStore:
    """Sessions and answers in SQLite; each write is committed at once, so an interrupted
    quiz keeps what was answered."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA foreign_keys = ON")
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def start_session(
        self,
        *,
        banks: Sequence[str],
        planned: int,
        kind: str = "quiz",
        seed: int | None = None,
        lang: str | None = None,
        student: str | None = None,
    ) -> str:
        """Open a session and return its id."""
        session_id = uuid.uuid4().hex
        with self._db:
            self._db.execute(
                "INSERT INTO sessions (id, started_at, kind, student, seed, lang, banks, planned)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, _now(), kind, student, seed, lang, _json(list(banks)), planned),
            )
        return session_id

    def record_answer(self, session_id: str, result: QuestionResult) -> None:
        question = result.question
        data = result.to_dict()
        with self._db:
            self._db.execute(
                "INSERT INTO attempts (session_id, answered_at, question_id, bank, tags, score,"
                " max_score, given) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    _now(),
                    question.id,
                    question.bank,
                    _json(list(question.tags)),
                    result.score,
                    result.max_score,
                    _json(data["given"]),
                ),
            )

    def finish_session(self, session_id: str, result: QuizResult, *, interrupted: bool) -> None:
        """Close a session with its totals; a session without answers is not kept."""
        with self._db:
            if not result.results:
                self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
                return
            self._db.execute(
                "UPDATE sessions SET finished_at = ?, status = ?, answered = ?, score = ?,"
                " max_score = ? WHERE id = ?",
                (
                    _now(),
                    "interrupted" if interrupted else "completed",
                    len(result.results),
                    result.score,
                    result.max_score,
                    session_id,
                ),
            )

    def record_result(
        self,
        result: QuizResult,
        *,
        banks: Sequence[str],
        kind: str = "answers",
        seed: int | None = None,
        lang: str | None = None,
    ) -> str:
        """Store a whole graded quiz at once (e.g. from an answers file); returns its id."""
        session_id = self.start_session(
            banks=banks,
            planned=len(result.results),
            kind=kind,
            seed=seed,
            lang=lang,
            student=result.student,
        )
        for question_result in result.results:
            self.record_answer(session_id, question_result)
        self.finish_session(session_id, result, interrupted=False)
        return session_id

    def attempts(self) -> list[Attempt]:
        """Every stored answer, oldest session first."""
        rows = self._db.execute(
            "SELECT s.rowid, a.answered_at, a.question_id, a.bank, a.tags, a.score, a.max_score"
            " FROM attempts a JOIN sessions s ON s.id = a.session_id ORDER BY s.rowid, a.id"
        )
        return [
            Attempt(session, at, qid, bank, tuple(json.loads(tags)), score, most)
            for session, at, qid, bank, tags, score, most in rows
        ]

    def session_count(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM sessions WHERE id IN (SELECT session_id FROM attempts)"
        ).fetchone()[0]


class SessionRecorder:
    """Records one interactive quiz as it goes. Storage is a convenience, not a reason to
    stop a quiz: the first failure calls `warn` and turns recording off."""

    def __init__(self, path: Path, warn: Callable[[str], None], **session: Any) -> None:
        self._warn = warn
        self._store: ProgressStore | None = None
        self._session_id = ""
        self._guard(self._open, path, session)

    def _open(self, path: Path, session: dict[str, Any]) -> None:
        self._store = ProgressStore(path)
        self._session_id = self._store.start_session(**session)

    def _guard(self, action: Callable[..., None], *args: Any) -> None:
        try:
            action(*args)
        except (OSError, sqlite3.Error) as exc:
            if self._store is not None:
                self._store.close()
            self._store = None
            self._warn(str(exc))

    def record(self, result: QuestionResult) -> None:
        if self._store is not None:
            self._guard(self._store.record_answer, self._session_id, result)

    def finish(self, result: QuizResult, *, interrupted: bool) -> None:
        if self._store is not None:
            store = self._store
            session_id = self._session_id
            self._guard(lambda: store.finish_session(session_id, result, interrupted=interrupted))
            store.close()
            self._store = None
