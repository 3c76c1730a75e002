"""The SQLite attempt record and `grade progress`: per-topic mastery over sessions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.quiz.bank import load_banks, questions_by_id
from grader.quiz.grading import QuizResult, grade_question
from grader.quiz.mastery import Attempt, topic_mastery
from grader.quiz.store import ProgressStore, default_db_path

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
Q = questions_by_id(load_banks([MINI]))


def record_session(store: ProgressStore, answers: dict[str, object]) -> None:
    result = QuizResult([grade_question(Q[qid], answer) for qid, answer in answers.items()])
    store.record_result(result, banks=["mini"], kind="quiz")


@pytest.fixture
def history(db: Path) -> Path:
    with ProgressStore(db) as store:
        record_session(
            store, {"mini-mse-value": 1, "mini-activations": (0,), "mini-bias-tf": False}
        )
        record_session(
            store, {"mini-mse-value": 0, "mini-activations": (0, 2), "mini-sigmoid-zero": 0.5}
        )
        record_session(store, {"mini-activations": (1,)})
    return db


def table(out: str) -> list[list[str]]:
    """The progress table's rows split into cells (the header row first)."""
    lines = out.splitlines()
    start = lines.index("") + 1
    rows = lines[start : lines.index("", start)]
    return [re.split(r"\s{2,}", row.strip()) for row in rows]


def test_no_history_is_a_friendly_message(grade, db: Path) -> None:
    run = grade("progress", "--db", db)
    assert run.code == 0
    # The path is shown relative to the working directory (tmp_path, where db lives).
    assert run.out == f"No quiz history yet ({db.name}). Take a quiz with `grade quiz`.\n"
    assert not db.exists()


def test_weakest_topics_first_with_trends(grade, history: Path) -> None:
    run = grade("progress", "--db", history)
    assert run.code == 0
    assert run.out.splitlines()[0] == "Progress by topic, weakest first (3 sessions, 7 answers)"
    rows = table(run.out)
    assert rows[0] == ["Topic", "Answers", "Last", "Last 3", "Trend", "Last seen"]
    assert [row[:5] for row in rows[1:]] == [
        ["neurons", "1", "0 %", "0 %", "·"],
        ["activations", "4", "0 %", "50 %", "↓"],
        ["loss functions", "2", "0 %", "50 %", "↓"],
        ["mean squared error", "2", "0 %", "50 %", "↓"],
        ["sigmoid", "1", "100 %", "100 %", "·"],
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[5]) for row in rows[1:])


def test_progress_in_russian(grade, history: Path) -> None:
    run = grade("progress", "--db", history, "--lang", "ru")
    assert run.out.splitlines()[0] == (
        "Прогресс по темам, сначала самые слабые (3 сессии, 7 ответов)"
    )
    assert table(run.out)[0] == ["Тема", "Ответов", "Последний", "За 3", "Динамика", "Когда"]
    topics = [row[0] for row in table(run.out)[1:]]
    assert {"функции потерь", "среднеквадратичная ошибка"} <= set(topics)  # not losses, mse


def test_quiz_then_progress_through_the_default_locations(grade, tmp_path: Path) -> None:
    # No --db: the quiz writes to the course folder's .nnlab-progress.sqlite.
    course = tmp_path / "course"
    for folder in ("exercises", "quizzes"):
        (course / folder).mkdir(parents=True)
    run = grade("quiz", MINI, "--tag", "neurons", stdin="t\n", cwd=course)
    assert run.code == 0
    assert (course / ".nnlab-progress.sqlite").is_file()
    assert not (tmp_path / "xdg" / "nnlab" / "progress.sqlite").exists()
    assert [row[:5] for row in table(grade("progress", cwd=course).out)[1:]] == [
        ["neurons", "1", "100 %", "100 %", "·"]
    ]
    # $NNLAB_DB overrides it for both commands.
    env_db = tmp_path / "elsewhere.sqlite"
    grade("quiz", MINI, "--tag", "neurons", stdin="f\n", cwd=course, NNLAB_DB=str(env_db))
    assert [
        row[:5] for row in table(grade("progress", cwd=course, NNLAB_DB=str(env_db)).out)[1:]
    ] == [["neurons", "1", "0 %", "0 %", "·"]]


def test_default_db_path(tmp_path: Path) -> None:
    assert default_db_path({"NNLAB_DB": "/x/p.sqlite", "XDG_DATA_HOME": "/d"}) == Path(
        "/x/p.sqlite"
    )
    assert default_db_path({"NNLAB_ROOT": str(tmp_path), "XDG_DATA_HOME": "/d"}) == (
        tmp_path / ".nnlab-progress.sqlite"
    )


def test_store_keeps_one_row_per_answer(db: Path) -> None:
    with ProgressStore(db) as store:
        session = store.start_session(banks=["mini"], planned=2, seed=7, lang="ru")
        store.record_answer(session, grade_question(Q["mini-activations"], (0, 1)))
        store.finish_session(session, QuizResult([]), interrupted=True)  # no answers: dropped
        assert store.session_count() == 0
        session = store.start_session(banks=["mini"], planned=2, seed=7, lang="ru")
        store.record_answer(session, grade_question(Q["mini-activations"], (0, 1)))
        (attempt,) = store.attempts()
    assert (attempt.question_id, attempt.bank, attempt.tags, attempt.score) == (
        "mini-activations",
        "mini",
        ("activations",),
        0.0,
    )


def attempts(tag: str, shares: list[float]) -> list[Attempt]:
    return [
        Attempt(i, f"2024-01-0{i + 1}", f"q{i}", "b", (tag,), share, 1.0)
        for i, share in enumerate(shares)
    ]


@pytest.mark.parametrize(
    ("shares", "last", "recent", "trend"),
    [
        ([0.5], 0.5, 0.5, "new"),
        ([0.2, 0.6], 0.6, 0.4, "up"),
        ([0.6, 0.2], 0.2, 0.4, "down"),
        ([0.5, 0.52], 0.52, 0.51, "flat"),
        ([0.0, 1.0, 1.0, 1.0], 1.0, 1.0, "flat"),  # only the last 3 sessions count
    ],
)
def test_mastery_per_topic(shares: list[float], last: float, recent: float, trend: str) -> None:
    (topic,) = topic_mastery(attempts("t", shares))
    assert (topic.last, topic.trend, topic.sessions) == (last, trend, len(shares))
    assert topic.recent == pytest.approx(recent)
    assert topic.last_seen == f"2024-01-0{len(shares)}"


def test_mastery_pools_a_session_and_sorts_weakest_first() -> None:
    pooled = [
        Attempt(1, "t", "q1", "b", ("a", "b"), 1.0, 1.0),
        Attempt(1, "t", "q2", "b", ("a",), 0.0, 1.0),
    ]
    assert [(t.tag, t.last, t.attempts) for t in topic_mastery(pooled)] == [
        ("a", 0.5, 2),
        ("b", 1.0, 1),
    ]
