"""The interactive quiz, driven through the real CLI: piped stdin, and a pseudo-terminal."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
RIGHTS = ["2x", "e^x itself", "1/x"]  # right-hand sides of the matching question, bank order


def db_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def answers(option_number, right_letter):
    """answers(block, **overrides): the right answer for the question shown in `block`,
    unless an override (keyed by a word of the question) says what to type instead."""

    right = {
        "MSE": lambda block: option_number(block, "two"),
        "bounded": lambda block: ",".join(option_number(block, t) for t in ("sigmoid", "tanh")),
        "bias": lambda block: "yes",
        "sigmoid(0)": lambda block: "0,5",
        "gradient": lambda block: "  Gradient   DESCENT",
        "derivative": lambda block: " ".join(
            f"{i}{right_letter(block, t)}" for i, t in enumerate(RIGHTS, 1)
        ),
    }

    def choose(block: str, **typed) -> str:
        question = block.splitlines()[1]
        for word, answer in right.items():
            if word in question:
                return typed.get(word, answer)(block)
        raise AssertionError(f"unexpected question: {question}")

    return choose


def test_all_right(play, answers, db: Path) -> None:
    run, typed = play([str(MINI), "--seed", "77", "--db", str(db)], answers)
    lines = run.out.splitlines()
    assert lines[0] == "Seed 77 — run again with --seed 77"
    assert lines[1] == "Quiz: Mini bank — 6 questions"
    numbers = re.findall(r"^Question (\d)/6 · (?:easy|medium|hard)$", run.out, re.MULTILINE)
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    assert run.out.count("✓ Correct") == 6 and "✗" not in run.out
    assert lines[-2:] == ["Score: 6/6 (100 %)", "Topics to revise: none — well done!"]
    assert "\x1b[" not in run.out  # no colour codes when stdout is not a terminal
    assert len(typed) == 6


def test_mistakes_show_the_right_answer_and_topics_to_revise(
    play, answers, right_letter, db: Path
) -> None:
    def swap_two_and_three(block: str) -> str:
        letters = [right_letter(block, t) for t in RIGHTS]
        return f"1{letters[0]} 2{letters[2]} 3{letters[1]}"

    def only_sigmoid(block: str) -> str:
        return re.search(r"^  (\d)\) sigmoid$", block, re.MULTILINE).group(1)

    run, _ = play(
        [str(MINI), "--seed", "5", "--db", str(db)],
        lambda block: answers(
            block, bias=lambda b: "n", bounded=only_sigmoid, derivative=swap_two_and_three
        ),
    )
    out = run.out
    assert "✗ Wrong: the statement is true.\n  z = w·x + b." in out
    partial = re.search(
        r"◐ Partly right \(0\.5/1\)\. Correct answer: (\d)\) (\w+); (\d)\) (\w+)", out
    )
    assert partial and {partial.group(2), partial.group(4)} == {"sigmoid", "tanh"}
    assert "◐ Partly right (0.33/1). Correct answer:\n" in out
    assert re.search(r"^    2\. e\^x → [a-c]\) e\^x itself$", out, re.MULTILINE)
    assert "  Standard derivatives." in out
    assert out.splitlines()[-2:] == [
        "Score: 3.83/6 (64 %)",
        "Topics to revise: activations, neurons, derivatives",
    ]
    # `play` replayed the quiz once per question; the last session is the complete one.
    last = "(SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1)"
    scores = db_rows(db, f"SELECT question_id, score FROM attempts WHERE session_id = {last}")
    assert sorted(scores) == sorted(
        [
            ("mini-mse-value", 1.0),
            ("mini-activations", 0.5),
            ("mini-bias-tf", 0.0),
            ("mini-sigmoid-zero", 1.0),
            ("mini-optimizer-name", 1.0),
            ("mini-match-derivatives", pytest.approx(1 / 3)),
        ]
    )
    session = f"SELECT status, answered, planned, seed FROM sessions WHERE id = {last}"
    assert db_rows(db, session) == [("completed", 6, 6, 5)]


def test_unreadable_input_is_asked_again_and_not_counted(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--tag", "neurons", "--db", db, stdin="maybe\n\nyes\n")
    assert run.code == 0
    assert run.out.count("True or false? (t/f): ") == 3
    assert "True or false? (t/f): maybe\nAnswer true or false (t/f, yes/no, 1/0).\n" in run.out
    assert "Please type an answer (Ctrl-D or Ctrl-C ends the quiz)." in run.out
    assert "✓ Correct" in run.out
    assert run.out.splitlines()[-2] == "Score: 1/1 (100 %)"
    assert db_rows(db, "SELECT question_id, given FROM attempts") == [("mini-bias-tf", "true")]


def test_end_of_input_mid_quiz_prints_the_partial_summary(grade, answers, db: Path) -> None:
    args = ["quiz", MINI, "--tag", "activations", "--seed", "11", "--db", db]
    first = grade(*args).out
    block = first[first.index("Question 1/3") :]
    run = grade(*args, stdin=answers(block) + "\n")
    assert run.code == 0 and "Traceback" not in run.err
    assert "Question 2/3" in run.out and "Question 3/3" not in run.out
    assert run.out.splitlines()[-3:] == [
        "Quiz stopped: 1 of 3 questions answered.",
        "Score: 1/1 (100 %)",
        "Topics to revise: none — well done!",
    ]
    assert db_rows(db, "SELECT status, answered, planned FROM sessions") == [("interrupted", 1, 3)]


def test_end_of_input_before_any_answer(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--db", db)
    assert run.code == 0
    assert run.out.splitlines()[-2:] == [
        "Quiz stopped: 0 of 6 questions answered.",
        "No questions answered.",
    ]
    assert db_rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)]


def test_printed_seed_reproduces_the_quiz(grade, db: Path) -> None:
    first = grade("quiz", MINI, "--db", db)
    seed = re.match(r"Seed (\d+) — run again with --seed \1\n", first.out).group(1)
    again = grade("quiz", MINI, "--seed", seed, "--db", db)
    assert again.out == first.out


def test_russian_from_the_environment(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--tag", "neurons", "--db", db, stdin="в\n", NNLAB_LANG="ru")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].startswith("Сид ") and lines[1] == "Тест: Мини-банк — 1 вопрос"
    assert "Вопрос 1/1 · лёгкий\nСмещение нейрона сдвигает порог активации.\n" in run.out
    assert (
        "Утверждение истинно или ложно? (и/л): в\n✓ Ответ верный: это утверждение истинно.\n"
        in run.out
    )
    assert lines[-2:] == ["Результат: 1/1 (100 %)", "Темы для повторения: нет — отлично!"]


def test_lang_option_beats_the_environment(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--tag", "neurons", "--lang", "en", "--db", db, NNLAB_LANG="ru")
    assert "Question 1/1" in run.out


def test_unknown_tag_lists_the_known_ones(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--tag", "cnn", "--db", db)
    assert run.code == 2
    assert (
        "No questions with tag(s) cnn. Tags in these banks: activations, derivatives, "
        "losses (loss functions), mse (mean squared error), neurons, optimization, sigmoid"
    ) in run.err


def test_a_tag_can_be_given_by_its_topic_name(grade, db: Path) -> None:
    run = grade("quiz", MINI, "--tag", "Функции потерь", "--lang", "ru", "--db", db, stdin="1\n")
    assert run.code == 0
    assert "— 1 вопрос" in run.out.splitlines()[1]


def test_a_broken_bank_stops_the_quiz(grade, write_bank, db: Path) -> None:
    write_bank("bad.yaml", "bank: bad\ntitle: {en: B, ru: Б}\nquestions: []\n")
    run = grade("quiz", "bad.yaml", "--db", db)
    assert run.code == 1
    assert run.err.splitlines() == [
        "bad.yaml:3: 'questions' must be a non-empty list",
        "The question banks have problems; see above or run `grade quiz validate`.",
    ]


def test_bank_by_name_from_the_course(grade, tmp_path: Path, db: Path) -> None:
    (tmp_path / "course" / "quizzes").mkdir(parents=True)
    (tmp_path / "course" / "quizzes" / "mini.yaml").write_text(MINI.read_text("utf-8"), "utf-8")
    run = grade("quiz", "mini", "--count", "2", "--db", db, NNLAB_ROOT=str(tmp_path / "course"))
    assert run.code == 0 and "Question 1/2" in run.out


def test_an_unwritable_db_only_warns(grade, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    run = grade("quiz", MINI, "--tag", "neurons", "--db", tmp_path / "file" / "db", stdin="t\n")
    assert run.code == 0
    assert run.err.startswith("Warning: progress will not be saved (")
    assert "Score: 1/1 (100 %)" in run.out


def test_ctrl_c_in_a_terminal_ends_cleanly(quiz_env, tmp_path: Path, db: Path, write_bank) -> None:
    write_bank(
        "tf.yaml",
        "bank: tf\ntitle: {en: TF, ru: ВН}\nquestions:\n"
        + "".join(
            f"  - id: tf-{i}\n    type: truefalse\n    difficulty: easy\n    tags: [topic-{i}]\n"
            f"    text: {{en: 'Statement {i}', ru: 'Утверждение {i}'}}\n    answer: true\n"
            f"    explanation: {{en: 'Because {i}', ru: 'Потому что {i}'}}\n"
            for i in range(3)
        ),
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "grader", "quiz", "tf.yaml", "--seed", "1", "--db", str(db)],
        cwd=str(tmp_path),
        env=quiz_env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"Question 1/3")
    child.expect(r"True or false\? \(t/f\): ")
    child.sendline("y")
    child.expect("✓")
    child.expect(r"Question 2/3")
    child.expect(r"True or false\? \(t/f\): ")
    child.sendintr()
    child.expect(r"Quiz stopped: 1 of 3 questions answered\.")
    child.expect(r"Score: 1/1 \(100 %\)")
    child.expect("Topics to revise: none — well done!")
    child.expect(pexpect.EOF)
    transcript = child.before
    child.close()
    assert (child.exitstatus, child.signalstatus) == (0, None)
    assert "Traceback" not in transcript and "KeyboardInterrupt" not in transcript
    assert db_rows(db, "SELECT status, answered FROM sessions") == [("interrupted", 1)]


def test_colour_only_in_a_terminal(quiz_env, tmp_path: Path, db: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "grader", "quiz", str(MINI), "--tag", "neurons", "--db", str(db)],
        env=quiz_env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"\(t/f\): ")
    child.sendline("t")
    child.expect(pexpect.EOF)
    child.close()
    assert "\x1b[32m" in child.before  # green ✓
    assert child.exitstatus == 0


def test_each_student_gets_an_own_stable_variant(grade, db: Path) -> None:
    from grader.grading.seeds import student_seed

    answers = "1\n" * 8  # the sessions are recorded from the first answer on
    first = grade("quiz", "--student", "s2024-001", "--count", "8", "--db", db, stdin=answers)
    again = grade("quiz", "--student", "s2024-001", "--count", "8", "--db", db, stdin=answers)
    other = grade("quiz", "--student", "s2024-002", "--count", "8", "--db", db, stdin=answers)
    assert first.out.startswith(f"Seed {student_seed('s2024-001')} — ")
    assert again.out == first.out
    assert other.out != first.out
    students = sqlite3.connect(db).execute("SELECT DISTINCT student FROM sessions").fetchall()
    assert sorted(students) == [("s2024-001",), ("s2024-002",)]
