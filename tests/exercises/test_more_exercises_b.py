"""The adam, pooling, dropout, l2 and rnn exercises: their metadata, the course notes' Adam, and
`grade submit` through the real CLI. (Their grading by reference, stub and mutants:
tests/exercises/test_validation.py.)"""

from __future__ import annotations

import pytest
from cliutil import run_grade
from gradeutil import grade_jobs

from grader.course.load import all_exercises
from grader.grading.run import Job

NAMES = ("adam", "pooling", "dropout", "l2", "rnn")
EXERCISES = {name: ex for name, ex in all_exercises().items() if name in NAMES}

# The course notes' adam_optimizer (003_26752b1196a7ebf9.txt), verbatim, wrapped in the class the
# exercise asks for: it re-creates m, v and t on every call.
NOTES_ADAM = """import numpy as np

def adam_optimizer(weights, gradients, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    t = 0

    t += 1
    m = beta1 * m + (1 - beta1) * gradients
    v = beta2 * v + (1 - beta2) * gradients**2

    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)

    weights -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)

    return weights


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, weights, grads):
        return adam_optimizer(weights, grads, self.lr, self.beta1, self.beta2, self.eps)
"""

# Adam without eps in __init__: the class's signature is checked at load time like a function's.
ADAM_WITHOUT_EPS = """class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr

    def step(self, weights, grads):
        return weights
"""


@pytest.fixture(scope="module")
def adam_variants():
    """The course notes' Adam and an Adam without `eps`, graded in one grade_many."""
    jobs = [
        Job("adam", NOTES_ADAM, "adam.py", 0, "notes"),
        Job("adam", ADAM_WITHOUT_EPS, "adam.py", 0, "no-eps"),
    ]
    return grade_jobs({"adam": EXERCISES["adam"]}, jobs)


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_bilingual_with_three_hints(name):
    exercise = EXERCISES[name]
    assert exercise.order == 20 + NAMES.index(name)
    assert exercise.title["en"] and exercise.title["ru"]
    assert exercise.summary["en"] and exercise.summary["ru"]
    assert len(exercise.hints) == 3
    for text in [*exercise.misconceptions.values(), *exercise.hints]:
        assert text["en"].strip() and text["ru"].strip() and text["en"] != text["ru"]


def test_notes_adam_is_named_moments_reinitialised(adam_variants):
    result = adam_variants[("adam", "notes")]
    assert result.error is None
    assert 0 < result.score < result.max_score  # the first step of the notes' code is right
    failed = {c.name: c for c in result.checks if not c.passed}
    assert {"test_trajectory", "test_moments_accumulate", "test_minimises_quadratic"} <= set(failed)
    assert failed["test_trajectory"].feedback.misconception == "adam-moments-reinitialised"
    assert "test_first_step" not in failed and "test_in_place" not in failed
    text = failed["test_trajectory"].feedback.misconception_text
    assert "course notes" in text["en"] and "конспекта курса" in text["ru"]


def test_adam_class_signature_is_checked_where_it_is_called(adam_variants):
    """A class without the documented `eps` keyword loads; the checks that pass eps=… fail
    naming it, the others run (and this do-nothing `step` earns nothing there)."""
    result = adam_variants[("adam", "no-eps")]
    assert result.error is None
    keyword = [c for c in result.checks if c.feedback and c.feedback.key == "signature"]
    assert keyword and all(c.feedback.params["keyword"] == "eps" for c in keyword)
    assert len(keyword) < len(result.checks)
    assert result.score == 0


# -- through the CLI, as a student runs it ----------------------------------------------------
def test_cli_names_the_notes_mistake(tmp_path):
    path = tmp_path / "adam.py"
    path.write_text(NOTES_ADAM, encoding="utf-8")
    done = run_grade("submit", str(path), "--seed", "3")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "adam — The Adam optimizer"
    assert "  ✓ The first step moves each weight by about lr, against its gradient  [1/1]" in lines
    assert any(
        line.strip().startswith(
            "Likely misconception: Moments re-initialised on every "
            "call — the mistake in the course notes' adam_optimizer"
        )
        for line in lines
    )
    assert f"grade submit {path} --exercise adam --seed 3" in done.stdout
    russian = run_grade("submit", str(path), "--lang", "ru")
    assert "Моменты создаются заново при каждом вызове" in russian.stdout


def test_cli_stub_of_a_class_exercise_says_not_implemented():
    done = run_grade("submit", "exercises/adam.py")
    assert done.returncode == 1
    assert "Adam: not implemented yet" in done.stdout
    assert "Score: 0/13" in done.stdout
