"""`grade submit` and `grade list` through the real CLI: scores, exit codes, reports, bad input."""

from __future__ import annotations

import pytest
from cliutil import ROOT, list_rows, run_grade, run_json

from grader.render.gradescope import schema_problems

# One exercise of each shape: one function, several functions, a class. That every reference
# scores full marks and every stub 0 at several seeds, tests/exercises/test_validation.py checks
# for all 12 through the library API; here it is the command's JSON and exit status.
SHAPES = ["sigmoid", "net", "adam"]


@pytest.mark.parametrize("name", SHAPES)
def test_reference_solution_scores_full_marks(name):
    done, result = run_json("submit", f"solutions/{name}.py")
    assert done.returncode == 0, done.stderr
    assert result["score"] == result["max_score"] > 0
    assert all(test["status"] == "passed" for test in result["tests"])


@pytest.mark.parametrize("name", SHAPES)
def test_stub_scores_zero_and_says_not_implemented(name):
    done, result = run_json("submit", f"exercises/{name}.py")
    assert done.returncode == 1
    assert result["score"] == 0 and result["max_score"] > 0
    assert all("not implemented yet" in test["output"] for test in result["tests"])


def test_results_json_follows_gradescope_schema():
    _, result = run_json("submit", "exercises/conv.py")
    assert {"score", "tests", "output", "output_format", "execution_time"} <= set(result)
    assert schema_problems({k: v for k, v in result.items() if k != "max_score"}) == []
    for test in result["tests"]:
        assert {"name", "score", "max_score", "output", "status", "visibility"} <= set(test)
    assert sum(test["max_score"] for test in result["tests"]) == result["max_score"] == 14


def test_terminal_report_names_checks_points_and_seed(tmp_path):
    wrong = tmp_path / "conv.py"
    wrong.write_text(
        (ROOT / "solutions" / "conv.py")
        .read_text()
        .replace("window * kernel)", "window * kernel[::-1, ::-1])")
    )
    done = run_grade("submit", str(wrong), "--seed", "7")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "conv — Convolution of an image with a filter"
    assert "  ✓ The course's example: 5×5 image, 3×3 filter → 3×3 feature map  [2/2]" in lines
    assert "  ✗ An asymmetric kernel is applied without flipping  [0/2]" in lines
    assert any(line.strip().startswith("Likely misconception: Flipped kernel") for line in lines)
    assert any(line.startswith("Score: ") and "/14" in line for line in lines)
    assert f"grade submit {wrong} --exercise conv --seed 7" in done.stdout
    assert "\x1b[" not in done.stdout  # no colour codes when not on a terminal


def test_report_in_russian():
    done = run_grade("submit", "exercises/sigmoid.py", "--lang", "ru")
    assert "ещё не реализовано" in done.stdout
    assert "Баллы: 0/" in done.stdout


def test_list_shows_exercises_in_order_with_points():
    done = run_grade("list")
    assert done.returncode == 0
    rows = list_rows(done.stdout)
    assert list(rows)[:3] == ["sigmoid", "conv", "net"]
    assert " 14 pts " in rows["conv"]


def test_exercise_option_grades_any_file_name(tmp_path):
    copy = tmp_path / "my_work.py"
    copy.write_text((ROOT / "solutions" / "sigmoid.py").read_text())
    done = run_grade("submit", str(copy), "--exercise", "sigmoid")
    assert done.returncode == 0, done.stdout


# -- bad input: one clear line, no traceback ------------------------------------------------
def assert_one_clear_line(done, expected: str, status: int) -> None:
    assert done.returncode == status
    assert "Traceback" not in done.stdout + done.stderr
    assert expected in done.stdout + done.stderr


def test_missing_file():
    done = run_grade("submit", "exercises/nope.py")
    assert_one_clear_line(done, "grade: exercises/nope.py: no such file", 2)
    assert done.stderr.count("\n") == 1


def test_unknown_exercise(tmp_path):
    path = tmp_path / "conv.py"
    path.write_text("")
    done = run_grade("submit", str(path), "--exercise", "lstm")
    assert_one_clear_line(done, "unknown exercise 'lstm' (known: sigmoid, conv, net", 2)


def test_file_name_that_names_no_exercise(tmp_path):
    path = tmp_path / "homework.py"
    path.write_text("")
    done = run_grade("submit", str(path))
    assert_one_clear_line(done, f"{path}: cannot tell which exercise this is", 2)


def test_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "conv.py"
    path.write_text(
        "import numpy as np\n\ndef conv2d(image, kernel, stride=1, padding=0)\n    return image\n"
    )
    done = run_grade("submit", str(path))
    assert_one_clear_line(done, f"{path}:3: syntax error: expected ':'", 1)
    assert "Score: 0/14" in done.stdout


def test_missing_function_fails_only_its_checks(tmp_path):
    path = tmp_path / "sigmoid.py"
    path.write_text("import numpy as np\n\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n")
    done = run_grade("submit", str(path))
    assert_one_clear_line(
        done,
        f"sigmoid_derivative is missing from {path}: expected a function sigmoid_derivative(x)",
        1,
    )
    assert "✓ sigmoid(0) is 0.5" in done.stdout  # the sigmoid checks still ran


def test_wrong_signature_names_keyword_and_line(tmp_path):
    path = tmp_path / "conv.py"
    path.write_text("import numpy as np\n\n\ndef conv2d(image, kernel):\n    return image\n")
    done = run_grade("submit", str(path))
    assert_one_clear_line(
        done,
        "conv2d has no parameter named stride: expected conv2d(image, kernel, stride=…, "
        f"padding=…), found conv2d(image, kernel) ({path}:4)",
        1,
    )


def test_exception_at_import_is_reported(tmp_path):
    path = tmp_path / "conv.py"
    path.write_text("import numpy as np\nraise RuntimeError('oops')\n")
    done = run_grade("submit", str(path))
    assert_one_clear_line(done, f"{path}:2: loading the file raised RuntimeError: oops", 1)
