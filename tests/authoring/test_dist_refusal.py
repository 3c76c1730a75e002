"""`grade dist` refuses, one line per problem and before writing anything, a bundle that would
hand students the answer (a stub that scores, a stray copy of a solution) or grade with a broken
reference solution or with recorded values that differ from grading with the reference."""

from __future__ import annotations

import re
from pathlib import Path

from authorutil import DOUBLE, grade, write
from cliutil import ROOT, copy_course

SOLUTION = DOUBLE["solutions/double.py"]


def refused(course, out) -> list[str]:
    done = grade("dist", str(out), root=course, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() and not out.with_name(f"{out.name}.zip").exists()
    return done.stderr.splitlines()


def test_a_stub_that_scores_is_refused(double_course, tmp_path):
    write(double_course, {"exercises/double.py": SOLUTION})  # the solution shipped as the stub
    assert refused(double_course, tmp_path / "bundle") == [
        "grade: double: the stub scores 3/3 with seed 0, so students would get the answer (is a "
        "solution in exercises/?); a stub must score 0; run grade validate double"
    ]


def test_a_failing_reference_and_a_broken_stub_are_each_one_line(double_course, tmp_path):
    write(
        double_course,
        {
            "solutions/double.py": SOLUTION.replace("return", "raise ValueError('broken')  #"),
            "exercises/double.py": "def double(x):\n    return (\n",
        },
    )
    lines = refused(double_course, tmp_path / "bundle")
    assert len(lines) == 2, lines
    assert lines[0].startswith("grade: double: the reference solution scores 0/3 with seed 0"), (
        lines
    )
    assert lines[1].startswith("grade: double: the stub does not load (syntax error")


def test_a_stray_copy_of_a_solution_stops_the_build(tmp_path):
    course = copy_course(tmp_path / "course", ("sigmoid",))
    write(course, {"grader/suites/sigmoid/notes.py": (ROOT / "solutions/sigmoid.py").read_text()})
    out = tmp_path / "out"
    done = grade("dist", str(out), "--sample", "0", root=course)
    assert done.returncode == 1
    assert (
        "grade: grader/suites/sigmoid/notes.py contains a line of the reference solution "
        "solutions/sigmoid.py: "
    ) in done.stderr
    assert not out.exists() and not Path(f"{out}.zip").exists()


# A check that asks the reference about what the submission returned: right for correct work,
# but the bundle cannot have recorded the reference's answer for every wrong submission.
ASKS_ABOUT_THE_SUBMISSION = """

@check(1, en="sigmoid of sigmoid", ru="sigmoid от sigmoid")
def test_composed(student, reference):
    y = student.sigmoid(np.linspace(-3.0, 3.0, 7))
    expect_array(student.sigmoid(y), reference.sigmoid(y), what="sigmoid(sigmoid(x))")
"""


def test_a_suite_asking_the_reference_about_the_submission_stops_the_build(tmp_path):
    course = copy_course(tmp_path / "course", ("sigmoid",))
    suite = course / "grader/suites/sigmoid/test_sigmoid.py"
    suite.write_text(suite.read_text() + ASKS_ABOUT_THE_SUBMISSION)
    done = grade("dist", str(tmp_path / "out"), root=course)
    assert done.returncode == 1
    assert re.search(
        r"^grade: sigmoid: grading .+ from the recorded values differs from grading it "
        r"with the reference solution in check test_composed",
        done.stderr,
        re.M,
    )
    assert not (tmp_path / "out").exists()
