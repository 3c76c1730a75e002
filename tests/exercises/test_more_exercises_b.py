"""The adam, pooling, dropout, l2 and rnn exercises: reference, stub, mutants and the course notes'
Adam, graded through the library API in one session, plus `grade submit` through the real CLI."""

from __future__ import annotations

import pytest
from cliutil import run_grade
from gradeutil import course_jobs, grade_jobs, named

from grader.course.load import all_exercises
from grader.grading.mutants import load_mutants
from grader.grading.run import Job

NAMES = ("adam", "pooling", "dropout", "l2", "rnn")
SEEDS = (0, 1, 7, 2024)
EXERCISES = {name: ex for name, ex in all_exercises().items() if name in NAMES}
MUTANTS = [m for name in NAMES for m in load_mutants(EXERCISES[name])]

# The course notes' adam_optimizer (003_26752b1196a7ebf9.txt), verbatim, wrapped in the class the
# exercise asks for: it re-creates m, v and t on every call.
NOTES_ADAM = '''import numpy as np

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
'''

# Adam without eps in __init__: the class's signature is checked at load time like a function's.
ADAM_WITHOUT_EPS = '''class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr

    def step(self, weights, grads):
        return weights
'''


@pytest.fixture(scope="module")
def graded():
    """Every submission of this module, graded in one grade_many session."""
    jobs = course_jobs(EXERCISES, SEEDS)
    jobs.append(Job("adam", NOTES_ADAM, "adam.py", 0, "notes"))
    jobs.append(Job("adam", ADAM_WITHOUT_EPS, "adam.py", 0, "no-eps"))
    return grade_jobs(EXERCISES, jobs)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", NAMES)
def test_reference_scores_full_marks_for_every_seed(graded, name, seed):
    result = graded[(name, f"reference@{seed}")]
    assert result.error is None
    failed = [(c.name, c.feedback) for c in result.checks if not c.passed]
    assert not failed
    assert result.score == result.max_score > 0
    assert 8 <= len(result.checks) <= 12


@pytest.mark.parametrize("name", NAMES)
def test_stub_scores_zero_and_every_check_says_not_implemented(graded, name):
    result = graded[(name, "stub")]
    assert result.error is None
    assert result.score == 0
    assert all(c.feedback.key == "not-implemented" for c in result.checks)


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: f"{m.exercise}-{m.name}")
def test_mutant_loses_points_and_its_misconception_is_named(graded, mutant):
    result = graded[(mutant.exercise, f"mutant:{mutant.name}")]
    assert result.error is None
    assert result.score < result.max_score
    if mutant.misconception:
        assert mutant.misconception in named(result)


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_misconception_has_a_mutant_that_is_named(graded, name):
    exercise = EXERCISES[name]
    mutants = [m for m in MUTANTS if m.exercise == name]
    assert len(mutants) >= 5
    covered = {m.misconception for m in mutants if m.misconception
               and m.misconception in named(graded[(name, f"mutant:{m.name}")])}
    assert covered == set(exercise.misconceptions)


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_bilingual_with_three_hints(name):
    exercise = EXERCISES[name]
    assert exercise.order == 20 + NAMES.index(name)
    assert exercise.title["en"] and exercise.title["ru"]
    assert exercise.summary["en"] and exercise.summary["ru"]
    assert len(exercise.hints) == 3
    for text in [*exercise.misconceptions.values(), *exercise.hints]:
        assert text["en"].strip() and text["ru"].strip() and text["en"] != text["ru"]


def test_notes_adam_is_named_moments_reinitialised(graded):
    result = graded[("adam", "notes")]
    assert result.error is None
    assert 0 < result.score < result.max_score  # the first step of the notes' code is right
    failed = {c.name: c for c in result.checks if not c.passed}
    assert {"test_trajectory", "test_moments_accumulate", "test_minimises_quadratic"} <= set(
        failed)
    assert failed["test_trajectory"].feedback.misconception == "adam-moments-reinitialised"
    assert "test_first_step" not in failed and "test_in_place" not in failed
    text = failed["test_trajectory"].feedback.misconception_text
    assert "course notes" in text["en"] and "конспекта курса" in text["ru"]


def test_adam_class_signature_is_checked_at_load(graded):
    result = graded[("adam", "no-eps")]
    assert result.error is not None and result.error.key == "load.signature"
    assert result.error.params["why"] == "missing parameter eps"
    assert result.score == 0


# -- through the CLI, as a student runs it ----------------------------------------------------
def test_cli_reference_adam_passes():
    done = run_grade("submit", "solutions/adam.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Score: 13/13 (100 %)" in done.stdout
    assert "All checks passed" in done.stdout


def test_cli_names_the_notes_mistake(tmp_path):
    path = tmp_path / "adam.py"
    path.write_text(NOTES_ADAM, encoding="utf-8")
    done = run_grade("submit", str(path), "--seed", "3")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "adam — The Adam optimizer"
    assert "  ✓ The first step moves each weight by about lr, against its gradient  [1/1]" in lines
    assert any(line.strip().startswith("Likely misconception: Moments re-initialised on every "
                                       "call — the mistake in the course notes' adam_optimizer")
               for line in lines)
    assert f"grade submit {path} --exercise adam --seed 3" in done.stdout
    russian = run_grade("submit", str(path), "--lang", "ru")
    assert "Моменты создаются заново при каждом вызове" in russian.stdout


def test_cli_stub_of_a_class_exercise_says_not_implemented():
    done = run_grade("submit", "exercises/adam.py")
    assert done.returncode == 1
    assert "Adam: not implemented yet" in done.stdout
    assert "Score: 0/13" in done.stdout

