"""Any integer is a seed: negative and huge ones give valid, reproducible checks; a value that is
not an integer is a usage error."""

from __future__ import annotations

import pytest
from cliutil import run_grade, run_json

from grader.grading.seeds import check_entropy


@pytest.mark.parametrize("seed", ["-5", str(2**70), str(-(2**70))])
def test_the_reference_scores_full_marks_with_any_integer_seed(seed):
    done, result = run_json("submit", "solutions/conv.py", "--no-record", f"--seed={seed}")
    assert done.returncode == 0, done.stderr
    assert result["score"] == result["max_score"] > 0


def test_negative_seeds_are_their_own_variants():
    assert check_entropy(5, "conv", "test_shapes") == [
        5,
        *check_entropy(0, "conv", "test_shapes")[1:],
    ]
    assert check_entropy(-5, "conv", "test_shapes") != check_entropy(5, "conv", "test_shapes")


def test_a_failing_report_reproduces_with_a_negative_seed(tmp_path):
    from grader.course.load import find_exercise
    from grader.grading.mutants import load_mutants

    wrong = tmp_path / "conv.py"
    wrong.write_text(load_mutants(find_exercise("conv"))[0].source)
    first = run_grade("submit", str(wrong), "--no-record", "--seed=-5")
    assert first.returncode == 1, first.stderr
    command = next(line.strip() for line in first.stdout.splitlines() if "--seed -5" in line)
    args = command[command.index("grade submit") :].split()[2:]
    again = run_grade("submit", *args, "--no-record")
    assert again.returncode == 1 and again.stdout == first.stdout


def test_a_seed_that_is_not_an_integer_is_a_usage_error():
    done = run_grade("submit", "solutions/conv.py", "--seed", "abc")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (
        done.stderr.splitlines()[-1]
        == "Error: Invalid value for '--seed': 'abc' is not a valid integer."
    )
