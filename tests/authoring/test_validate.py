"""`grade validate` on small courses: a complete exercise is valid, every broken promise is
reported. (The course's own exercises: tests/exercises/test_validation.py.)"""

from __future__ import annotations

import json
import re

from authorutil import DOUBLE, grade, write
from gradeutil import validate_table as table


def test_a_complete_small_exercise_is_valid(double_course):
    done = grade("validate", "--json", root=double_course)
    assert done.returncode == 0, done.stdout + done.stderr
    (report,) = json.loads(done.stdout)
    assert report["name"] == "double" and report["status"] == "ok"
    assert report["reference"] == [[3.0, 3.0], [3.0, 3.0]] and report["stub"] == [0.0, 3.0]
    assert [(m["name"], m["named"]) for m in report["hand"]] == [("squared", True)]
    assert len(report["automatic"]) == 7 and report["mutation_score"] == 100


def test_a_new_exercise_is_incomplete_until_filled_in(course):
    made = grade("new", "scale", "--function", "scale", "--function", "shift", root=course)
    assert made.returncode == 0, made.stderr
    for path in (
        "exercises/scale.py",
        "solutions/scale.py",
        "grader/suites/scale/exercise.yaml",
        "grader/suites/scale/test_scale.py",
        "grader/suites/scale/mutants/README.md",
    ):
        assert f"  {path}" in made.stdout and (course / path).is_file()
    stub = (course / "exercises/scale.py").read_text()
    assert "def scale(x):" in stub and 'raise NotImplementedError("shift")' in stub
    assert "grade validate scale" in made.stdout

    done = grade("validate", "scale", root=course)
    assert done.returncode == 1
    assert table(done.stdout)["scale"]["status"] == "incomplete"
    for path in (
        "exercises/scale.py",
        "solutions/scale.py",
        "grader/suites/scale/test_scale.py",
        "grader/suites/scale/exercise.yaml",
    ):
        assert f"  - {path} still contains TODO(grade new)" in done.stdout
    assert (
        "  - no hand-written mutant in grader/suites/scale/mutants (see its README.md)"
        in done.stdout
    )

    listed = grade("list", root=course)
    assert "scale" in listed.stdout


def test_new_refuses_a_taken_or_bad_name(double_course):
    taken = grade("new", "double", root=double_course)
    assert taken.returncode == 2
    assert taken.stderr.strip() == (
        f"grade: {double_course / 'exercises/double.py'}: exercise 'double' already exists"
    )
    bad = grade("new", "Bad-Name", root=double_course)
    assert bad.returncode == 2 and "must be a lowercase Python identifier" in bad.stderr
    assert not (double_course / "exercises/Bad-Name.py").exists()


def test_every_broken_promise_is_reported(double_course):
    write(
        double_course,
        {
            # the stub already works: it scores points
            "exercises/double.py": "import numpy as np\n\n\ndef double(x):\n    return x * 2.0\n",
            # the solution no longer has the text this mutant edits
            "grader/suites/double/mutants/stale.yaml": 'description: triples\nedits:\n  - find: "* 3"\n    replace: "* 4"\n',
        },
    )
    done = grade("validate", "double", root=double_course)
    assert done.returncode == 1
    assert table(done.stdout)["double"]["status"] == "FAIL"
    assert "  - the stub scores 3/3; passing: test_values, test_integers" in done.stdout
    assert (
        "mutants/stale.yaml: edit 1: text to find is not in the reference solution: '* 3'"
        in done.stdout
    )


def test_surviving_and_unnamed_mutants_are_reported(double_course):
    write(
        double_course,
        {
            "grader/suites/double/mutants/same.yaml": 'description: multiplies by 2.0\nedits:\n  - find: "* 2"\n    replace: "* 2.0"\n',
            "grader/suites/double/mutants/triple.yaml": "misconception: squared\ndescription: triples\nedits:\n"
            '  - find: "* 2"\n    replace: "* 3"\n',
        },
    )
    done = grade("validate", "double", "--no-automatic", root=double_course)
    assert done.returncode == 1
    row = table(done.stdout)["double"]
    assert (row["caught"], row["hand"], row["named"], row["declared"]) == ("2", "3", "1", "2")
    assert "  - mutant same keeps full marks (multiplies by 2.0)" in done.stdout
    assert (
        "  - mutant triple loses points, but no feedback names its misconception squared"
        in done.stdout
    )


def test_a_flaky_check_is_caught(double_course):
    write(
        double_course,
        {
            "grader/suites/double/test_double.py": DOUBLE["grader/suites/double/test_double.py"]
            + """

RUNS = []


@check(1, en="Depends on what ran before", ru="Зависит от предыдущих запусков")
def test_leaky(student):
    RUNS.append(1)
    expect_array(student.double(1.0), 2.0 if len(RUNS) != 2 else 3.0, what="double(1.0)")
"""
        },
    )
    done = grade("validate", "double", "--no-automatic", root=double_course)
    assert done.returncode == 1
    assert (
        "  - two runs of the reference solution with seed 0 differ (flaky checks): test_leaky"
        in done.stdout
    )


def test_the_mutation_target_and_explained_survivors(double_course):
    suite = DOUBLE["grader/suites/double/test_double.py"]
    write(
        double_course,
        {  # without the check on integer input
            "grader/suites/double/test_double.py": suite[: suite.index("\n\n@check(1")] + "\n",
            "grader/suites/double/mutation.yaml": "target: 100\n",
        },
    )
    done = grade("validate", "double", root=double_course)
    assert done.returncode == 1
    survivor = "double: np.asarray(x, dtype=float) → np.asarray(x)"
    assert re.search(rf"^  line 7 +drop +UNEXPLAINED +{re.escape(survivor)}$", done.stdout, re.M)
    assert re.search(
        r"^  - the mutation score [\d.]+ % is below the target 100 %$", done.stdout, re.M
    )

    write(
        double_course,
        {
            "grader/suites/double/mutation.yaml": (
                f'target: 100\nequivalent:\n  "{survivor}": x is a float array in every check\n'
                'accepted:\n  "double: np.asarray(x, dtype=float) → x": lists are not graded\n'
            )
        },
    )
    done = grade("validate", "double", "--why", root=double_course)
    assert done.returncode == 1  # an accepted survivor still counts against the score
    assert re.search(rf"^  line 7 +drop +equivalent +{re.escape(survivor)}$", done.stdout, re.M)
    assert "x is a float array in every check" in done.stdout
    row = table(done.stdout)["double"]
    assert (row["killed"], row["automatic"], row["equivalent"]) == ("5", "7", "1")
    assert row["score"] == "83.3"

    write(
        double_course,
        {
            "grader/suites/double/mutation.yaml": (
                'target: 70\naccepted:\n  "double: gone → away": an old mutant\n'
                '  "double: np.asarray(x, dtype=float) * 2 → 2": caught by now\n'
            )
        },
    )
    done = grade("validate", "double", root=double_course)
    assert done.returncode == 0  # notes do not fail
    assert (
        "  - note: mutation.yaml lists “double: gone → away” as accepted, but there is no "
        "such mutant any more"
    ) in done.stdout
    assert (
        "  - note: mutation.yaml lists “double: np.asarray(x, dtype=float) * 2 → 2” as "
        "accepted, but the suite catches it now"
    ) in done.stdout


def test_a_suite_that_does_not_load_is_reported_and_the_others_still_validated(double_course):
    write(
        double_course,
        {
            "exercises/broken.py": "def broken(x):\n    raise NotImplementedError\n",
            "solutions/broken.py": "def broken(x):\n    return x\n",
            "grader/suites/broken/exercise.yaml": "title: {en: Broken, ru: Сломано}\norder: 2\n",
            "grader/suites/broken/test_broken.py": "import no_such_module\n",
            "grader/suites/broken/mutants/negated.yaml": 'description: negates\nedits:\n  - find: "return x"\n    replace: "return -x"\n',
        },
    )
    done = grade("validate", "--no-automatic", root=double_course)
    assert done.returncode == 1
    rows = table(done.stdout)
    assert rows["double"]["status"] == "ok" and rows["broken"]["status"] == "FAIL"
    assert "  - the hidden suite does not load: hidden suite" in done.stdout


def test_validate_in_russian(double_course):
    done = grade("validate", "--no-automatic", "--lang", "ru", root=double_course)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split()[:3] == ["упражнение", "эталон", "×2"]
    assert "Исправны 1 из 1 упражнений." in done.stdout


def test_unknown_exercise_is_a_usage_error(double_course):
    done = grade("validate", "nope", root=double_course)
    assert done.returncode == 2
    assert done.stderr.startswith("grade: unknown exercise 'nope'")
