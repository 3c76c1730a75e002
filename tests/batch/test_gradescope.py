"""The Gradescope recipe (gradescope/setup.sh, gradescope/run_autograder) run against a fake
/autograder tree, and results.json checked against Gradescope's documented schema."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from cliutil import ROOT, SCRATCH

from grader.course.load import all_exercises
from grader.render.gradescope import schema_problems

# Gradescope's documented results.json fields (Autograder Specifications, "Output format").
TOP = {
    "score",
    "execution_time",
    "output",
    "output_format",
    "test_output_format",
    "test_name_format",
    "visibility",
    "stdout_visibility",
    "extra_data",
    "tests",
    "leaderboard",
}
TEST = {
    "score",
    "max_score",
    "status",
    "name",
    "name_format",
    "number",
    "output",
    "output_format",
    "tags",
    "visibility",
    "extra_data",
}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}

VISIBILITY = """
gradescope:
  visibility: after_due_date
  checks:
    test_sigmoid_zero: visible
    test_sigmoid_values: hidden
"""


def fake_autograder(tmp_path):
    """/autograder with the course in source/ (sigmoid's exercise.yaml sets visibilities) and a
    submission: sigmoid solved, conv a stub in a subfolder, net missing."""
    root = tmp_path / "autograder"
    source = root / "source"
    (source / "grader").mkdir(parents=True)
    shutil.copytree(ROOT / "grader" / "suites", source / "grader" / "suites")
    for name in ("exercises", "solutions"):
        (source / name).symlink_to(ROOT / name)
    for name in ("setup.sh", "run_autograder"):
        shutil.copy(ROOT / "gradescope" / name, root / name if name != "setup.sh" else source)
    meta = source / "grader" / "suites" / "sigmoid" / "exercise.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + VISIBILITY, encoding="utf-8")
    exercises = all_exercises()
    submission = root / "submission"
    (submission / "lab").mkdir(parents=True)
    shutil.copy(exercises["sigmoid"].solution, submission / "sigmoid.py")
    shutil.copy(exercises["conv"].stub, submission / "lab" / "conv.py")
    return root


def test_recipe_grades_the_submission_into_a_results_json_gradescope_reads(tmp_path):
    root = fake_autograder(tmp_path)
    done = subprocess.run(
        ["bash", str(root / "run_autograder")],
        cwd=root,
        env={
            **os.environ,
            "NNLAB_AUTOGRADER_ROOT": str(root),
            "NNLAB_PYTHON": sys.executable,
            "NNLAB_EXERCISES": "sigmoid conv net",
            "PYTHONPATH": str(ROOT),
            "NNLAB_DB": str(SCRATCH / "progress.sqlite"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Sandbox mode" in done.stdout  # grade doctor, for the instructor's eyes
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert schema_problems(data) == []
    assert set(data) <= TOP and set(data) >= {"score", "tests", "output_format"}
    assert data["output_format"] in FORMATS and data["test_output_format"] == "text"
    for test in data["tests"]:
        assert set(test) <= TEST
        assert isinstance(test["score"], int | float) and isinstance(test["max_score"], int | float)
        assert test["status"] in ("passed", "failed") and isinstance(test["number"], str)
        assert test["output_format"] == "text" and test["name_format"] == "text"
    by_exercise: dict[str, list[dict]] = {}
    for test in data["tests"]:
        by_exercise.setdefault(test["number"].split(".")[0], []).append(test)
    sigmoid, conv, net = by_exercise["sigmoid"], by_exercise["conv"], by_exercise["net"]
    assert all(t["status"] == "passed" for t in sigmoid)
    assert all(t["score"] == 0 and "not implemented" in t["output"] for t in conv)
    assert net == [
        {
            "name": "net: file not submitted",
            "name_format": "text",
            "number": "net",
            "score": 0,
            "max_score": net[0]["max_score"],
            "status": "failed",
            "output": "No net.py (or net.ipynb) was found in the submission: upload it under "
            "that name.",
            "output_format": "text",
            "visibility": "visible",
        }
    ]
    assert net[0]["max_score"] > 0
    assert data["score"] == sum(t["max_score"] for t in sigmoid)
    visibility = {t["number"]: t["visibility"] for t in sigmoid}
    assert visibility.pop("sigmoid.test_sigmoid_zero") == "visible"
    assert visibility.pop("sigmoid.test_sigmoid_values") == "hidden"
    assert set(visibility.values()) == {"after_due_date"}  # the exercise's default
    assert {t["visibility"] for t in conv} == {"visible"}  # conv declares nothing


def test_setup_script_is_valid_bash_and_installs_from_the_source_folder():
    setup = (ROOT / "gradescope" / "setup.sh").read_text()
    assert subprocess.run(["bash", "-n", str(ROOT / "gradescope" / "setup.sh")]).returncode == 0
    assert 'pip" install -q -e "$ROOT/source"' in setup
    for name in ("setup.sh", "run_autograder"):
        assert os.access(ROOT / "gradescope" / name, os.X_OK)


def test_a_bad_visibility_in_exercise_yaml_is_one_clear_line(tmp_path):
    root = fake_autograder(tmp_path)
    meta = root / "source" / "grader" / "suites" / "sigmoid" / "exercise.yaml"
    meta.write_text(meta.read_text().replace("hidden", "secret"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "gradescope",
            str(root / "submission"),
            "-e",
            "sigmoid",
            "--out",
            str(root / "results" / "results.json"),
        ],
        env={**os.environ, "NNLAB_ROOT": str(root / "source"), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"grade: {meta}")
    assert "'secret' is not one of hidden, after_due_date, after_published, visible" in done.stderr


def test_an_unreadable_file_is_a_failed_test_that_says_why(tmp_path):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "conv.ipynb").write_text("{not json", encoding="utf-8")
    (submission / "sigmoid.py").symlink_to(ROOT / "solutions" / "sigmoid.py")  # not followed
    out = tmp_path / "results" / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "gradescope",
            str(submission),
            "-e",
            "conv",
            "-e",
            "sigmoid",
            "--out",
            str(out),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT), "NNLAB_DB": str(SCRATCH / "progress.sqlite")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"Score 0: wrote {out}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert schema_problems(data) == [] and data["score"] == 0
    conv, sigmoid = data["tests"]
    assert conv["status"] == "failed" and conv["max_score"] == 14
    assert "not a valid notebook" in conv["output"] and str(submission) in conv["output"]
    assert sigmoid["name"] == "sigmoid: file not submitted" and sigmoid["max_score"] > 0
