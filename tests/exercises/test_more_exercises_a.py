"""The activations, losses, perceptron and gradient_descent exercises, graded through the library
API in one session (reference over several seeds, stub, every mutant), their metadata, and what
a student sees from `grade submit` through the real CLI."""

from __future__ import annotations

import re

import pytest
from cliutil import ROOT, run_grade, run_json
from gradeutil import course_jobs, grade_jobs, named

from grader.course.load import all_exercises
from grader.grading.mutants import load_mutants
from grader.grading.seeds import student_seed

NAMES = ("activations", "losses", "perceptron", "gradient_descent")
# Batch grading gives every student a seed of their own: the reference must pass for any.
SEEDS = (0, 5, 977, student_seed("s2024-017"))
EXERCISES = {name: ex for name, ex in all_exercises().items() if name in NAMES}
MUTANTS = [m for name in NAMES for m in load_mutants(EXERCISES[name])]


@pytest.fixture(scope="module")
def graded():
    """Reference (each seed), stub and every mutant of the four exercises: one grade_many."""
    return grade_jobs(EXERCISES, course_jobs(EXERCISES, SEEDS))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", NAMES)
def test_reference_gets_full_marks_for_any_seed(graded, name, seed):
    result = graded[(name, f"reference@{seed}")]
    assert result.error is None
    assert [c.name for c in result.checks if not c.passed] == []
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("name", NAMES)
def test_stub_gets_zero_and_every_check_says_not_implemented(graded, name):
    result = graded[(name, "stub")]
    assert result.error is None
    assert result.score == 0
    assert {c.feedback.key for c in result.checks} == {"not-implemented"}


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: f"{m.exercise}-{m.name}")
def test_mutant_loses_points_and_its_misconception_is_named(graded, mutant):
    result = graded[(mutant.exercise, f"mutant:{mutant.name}")]
    assert result.error is None
    assert result.score < result.max_score
    assert mutant.misconception in named(result)
    # the wording the student reads is the exercise's own, in both languages
    texts = [c.feedback.misconception_text for c in result.checks
             if c.feedback and c.feedback.misconception == mutant.misconception]
    assert texts[0] == EXERCISES[mutant.exercise].misconceptions[mutant.misconception]


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_misconception_is_embodied_by_a_named_mutant(name):
    mutants = [m for m in MUTANTS if m.exercise == name]
    assert len(mutants) >= 5
    assert {m.misconception for m in mutants} == set(EXERCISES[name].misconceptions)


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_bilingual_ordered_after_the_core_and_hinted(graded, name):
    exercise = EXERCISES[name]
    assert exercise.order == 10 + NAMES.index(name)
    assert list(all_exercises())[:3] == ["sigmoid", "conv", "net"]
    for text in (exercise.title, exercise.summary, *exercise.misconceptions.values(),
                 *exercise.hints):
        assert text["en"].strip() and text["ru"].strip()
        assert re.search("[а-яА-Я]", text["ru"]) and not re.search("[а-яА-Я]", text["en"])
    assert len(exercise.hints) == 3
    assert 8 <= len(graded[(name, "stub")].checks) <= 12
    stub = exercise.stub.read_text(encoding="utf-8")
    for signature in exercise.functions:
        assert f"def {signature.name}(" in stub
        assert f'raise NotImplementedError("{signature.name}")' in stub


def test_cli_submit_reference_solution_exits_0():
    done = run_grade("submit", "solutions/gradient_descent.py", "--seed", "31")
    assert done.returncode == 0, done.stdout
    assert "Score: 16/16 (100 %)" in done.stdout
    assert "All checks passed" in done.stdout


def test_cli_names_the_misconception_in_both_languages(tmp_path):
    wrong = tmp_path / "activations.py"
    wrong.write_text((ROOT / "solutions" / "activations.py").read_text().replace(
        "    shifted = z - np.max(z, axis=axis, keepdims=True)\n", "    shifted = z\n"))
    done = run_grade("submit", str(wrong))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "  ✗ softmax is stable: scores of ±1000 give no inf, nan or overflow  [0/2]" in lines
    assert any(line.strip().startswith("Likely misconception: Softmax without the max shift")
               for line in lines)
    assert f"grade submit {wrong} --exercise activations --seed 0" in done.stdout
    russian = run_grade("submit", str(wrong), "--lang", "ru").stdout
    assert "Softmax без сдвига на максимум" in russian


def test_cli_json_for_the_perceptron_on_xor(tmp_path):
    wrong = tmp_path / "perceptron.py"
    wrong.write_text((ROOT / "solutions" / "perceptron.py").read_text().replace(
        "return weights, float(bias), False, epochs", "return weights, float(bias), True, epochs"))
    done, result = run_json("submit", str(wrong))
    assert done.returncode == 1
    by_name = {test["name"]: test for test in result["tests"]}
    xor = by_name["XOR is not learned: converged is False after all the epochs"]
    assert xor["score"] == 0 and xor["max_score"] == 2
    assert "XOR is not linearly separable" in xor["output"]
    assert result["score"] < result["max_score"] == 16
