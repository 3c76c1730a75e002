"""Grading a file of answers: `grade quiz --answers`, its JSON, and the library function."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.quiz import AnswerError, grade_answers, load_banks
from grader.quiz.i18n import Message

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"

ALL_RIGHT = {
    "mini-mse-value": 1,
    "mini-activations": [0, 2],
    "mini-bias-tf": True,
    "mini-sigmoid-zero": 0.5,
    "mini-optimizer-name": "gradient descent",
    "mini-match-derivatives": [0, 1, 2],
}


def test_library_grades_plain_data() -> None:
    banks = load_banks([MINI])
    result = grade_answers(banks, {**ALL_RIGHT, "mini-activations": [0], "mini-bias-tf": False})
    data = result.to_dict()
    assert (data["score"], data["max_score"]) == (4.5, 6)
    assert [q["id"] for q in data["questions"]] == list(ALL_RIGHT)
    assert data["questions"][1] == {
        "id": "mini-activations",
        "score": 0.5,
        "max_score": 1,
        "correct": False,
        "given": [0],
        "expected": [0, 2],
        "tags": ["activations"],
    }
    assert data["topics_to_revise"] == ["neurons", "activations"]  # most points lost first
    json.dumps(data)  # plain data throughout


def test_library_include_unanswered_counts_the_whole_bank() -> None:
    result = grade_answers(load_banks([MINI]), {"mini-bias-tf": True}, include_unanswered=True)
    assert (result.score, result.max_score) == (1, 6)
    unanswered = [r for r in result.results if r.given is None]
    assert len(unanswered) == 5 and all(r.score == 0 for r in unanswered)


def test_library_reports_every_bad_answer() -> None:
    with pytest.raises(AnswerError) as caught:
        grade_answers(load_banks([MINI]), {"nope": 1, "mini-mse-value": 9})
    assert [(qid, m.key) for qid, m in caught.value.problems] == [
        ("nope", "unknown_question"),
        ("mini-mse-value", "bad_answer_for"),
    ]
    assert isinstance(caught.value.problems[1][1].params["reason"], Message)


def test_flat_answers_file_human_report(grade, write_bank) -> None:
    write_bank(
        "answers.yaml",
        """
        mini-mse-value: two          # option text works too
        mini-activations: [0, 1]
        mini-match-derivatives: [0, 2, 1]
        """,
    )
    run = grade("quiz", "--answers", "answers.yaml", str(MINI))
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "✓ mini-mse-value          1/1",
        "✗ mini-activations        0/1",
        "✗ mini-bias-tf            0/1  (no answer)",
        "✗ mini-sigmoid-zero       0/1  (no answer)",
        "✗ mini-optimizer-name     0/1  (no answer)",
        "◐ mini-match-derivatives  0.33/1",
        "Score: 1.33/6 (22 %)",
        "Topics to revise: activations, neurons, optimization, sigmoid, derivatives",
    ]


def test_wrapped_answers_file_as_json(grade, write_bank, tmp_path: Path) -> None:
    (tmp_path / "course" / "quizzes").mkdir(parents=True)
    (tmp_path / "course" / "quizzes" / "mini.yaml").write_text(MINI.read_text("utf-8"), "utf-8")
    write_bank(
        "answers.yaml",
        """
        student: Анна Иванова
        answers:
          mini-bias-tf: да
          mini-sigmoid-zero: "0,49"
          mini-optimizer-name: "ГРАДИЕНТНЫЙ   спуск"
        """,
    )
    # Without BANK arguments only the answered questions count.
    run = grade("quiz", "--answers", "answers.yaml", "--json", NNLAB_ROOT=str(tmp_path / "course"))
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["student"] == "Анна Иванова"
    assert (data["score"], data["max_score"], data["topics_to_revise"]) == (3, 3, [])
    assert [(q["id"], q["given"], q["correct"]) for q in data["questions"]] == [
        ("mini-bias-tf", True, True),
        ("mini-sigmoid-zero", 0.49, True),
        ("mini-optimizer-name", "ГРАДИЕНТНЫЙ   спуск", True),
    ]


def test_unknown_question_id_names_its_line(grade, write_bank) -> None:
    write_bank(
        "answers.yaml",
        """
        student: Bob
        answers:
          mini-mse-value: 1
          mini-no-such-question: 3
          mini-activations: 7
        """,
    )
    run = grade("quiz", "--answers", "answers.yaml", "--json", str(MINI))
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines() == [
        "answers.yaml:4: unknown question id 'mini-no-such-question'",
        "answers.yaml:5: question 'mini-activations': expected a list of option indexes (0 to 3)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a list\n", "answers.yaml:1: an answers file must map question ids to answers"),
        (
            "mini-bias-tf: true\nmini-bias-tf: false\n",
            "answers.yaml:2: question 'mini-bias-tf' is answered twice",
        ),
        ("mini-bias-tf: [true\n", "answers.yaml:1: invalid YAML: "),
        (
            "student: [x]\nanswers: {mini-bias-tf: true}\n",
            "answers.yaml:1: 'student' must be a name",
        ),
    ],
)
def test_malformed_answers_file(grade, write_bank, text: str, message: str) -> None:
    write_bank("answers.yaml", text)
    run = grade("quiz", "--answers", "answers.yaml", str(MINI))
    assert run.code == 2
    assert run.err.startswith(message)
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    "args",
    [
        ["--json"],
        ["--answers", "answers.yaml", "--seed", "3"],
        ["--answers", "answers.yaml", "--count", "3"],
        ["--answers", "answers.yaml", "--tag", "mse"],
        ["--answers", "missing.yaml"],
    ],
)
def test_option_misuse_is_a_usage_error(grade, write_bank, args: list[str]) -> None:
    write_bank("answers.yaml", "mini-bias-tf: true\n")
    run = grade("quiz", *args, str(MINI))
    assert run.code == 2
    assert "Error:" in run.err
