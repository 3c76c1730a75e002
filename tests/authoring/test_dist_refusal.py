"""`grade dist` refuses, one line per problem and before writing anything, a bundle that would
hand students the answer (a stub that scores) or grade with a broken reference solution."""

from __future__ import annotations

from conftest import DOUBLE, grade, write

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
