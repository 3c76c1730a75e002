"""The activations, losses, perceptron and gradient_descent exercises: their metadata and mutants,
and what a student sees from `grade submit` through the real CLI. (Their grading by reference,
stub and mutants: tests/exercises/test_validation.py.)"""

from __future__ import annotations

import re

import pytest
from cliutil import ROOT, run_grade, run_json

from grader.course.load import all_exercises

NAMES = ("activations", "losses", "perceptron", "gradient_descent")
EXERCISES = {name: ex for name, ex in all_exercises().items() if name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_bilingual_ordered_after_the_core_and_hinted(name):
    exercise = EXERCISES[name]
    assert exercise.order == 10 + NAMES.index(name)
    assert list(all_exercises())[:3] == ["sigmoid", "conv", "net"]
    for text in (
        exercise.title,
        exercise.summary,
        *exercise.misconceptions.values(),
        *exercise.hints,
    ):
        assert text["en"].strip() and text["ru"].strip()
        assert re.search("[а-яА-Я]", text["ru"]) and not re.search("[а-яА-Я]", text["en"])
    assert len(exercise.hints) == 3
    assert 8 <= exercise.suite.read_text(encoding="utf-8").count("\n@check(") <= 12
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
    wrong.write_text(
        (ROOT / "solutions" / "activations.py")
        .read_text()
        .replace("    shifted = z - np.max(z, axis=axis, keepdims=True)\n", "    shifted = z\n")
    )
    done = run_grade("submit", str(wrong))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "  ✗ softmax is stable: scores of ±1000 give no inf, nan or overflow  [0/2]" in lines
    assert any(
        line.strip().startswith("Likely misconception: Softmax without the max shift")
        for line in lines
    )
    assert f"grade submit {wrong} --exercise activations --seed 0" in done.stdout
    russian = run_grade("submit", str(wrong), "--lang", "ru").stdout
    assert "Softmax без сдвига на максимум" in russian


def test_cli_json_for_the_perceptron_on_xor(tmp_path):
    wrong = tmp_path / "perceptron.py"
    wrong.write_text(
        (ROOT / "solutions" / "perceptron.py")
        .read_text()
        .replace(
            "return weights, float(bias), False, epochs",
            "return weights, float(bias), True, epochs",
        )
    )
    done, result = run_json("submit", str(wrong))
    assert done.returncode == 1
    by_name = {test["name"]: test for test in result["tests"]}
    xor = by_name["XOR is not learned: converged is False after all the epochs"]
    assert xor["score"] == 0 and xor["max_score"] == 2
    assert "XOR is not linearly separable" in xor["output"]
    assert result["score"] < result["max_score"] == 16
