"""Every exercise of the course, graded once per test run by `grade validate`'s library call and
checked from that one validation: the table row `grade validate` prints, the reference at full
marks (also at other seeds, as batch grading gives every student a seed of their own), the stub
at 0 with every check saying "not implemented", every hand-written mutant losing points with its
misconception named in the exercise's own words.

The automatic mutants (about 1,100 of them, four fifths of a full validation's grading) are left
to `make mutation`, which runs `grade validate` and fails on a mutation score below target or a
survivor nobody explained; CI runs it after `make test`. tests/authoring/test_validate.py tests
that command's judgement on small courses.

One test class per exercise (made at the bottom from `ExerciseChecks`): pytest-xdist's
`--dist loadscope`, which `make test` uses, gives a class's tests to one worker, so each exercise
is graded once per run however the work is spread.
"""

from __future__ import annotations

import pytest
from gradeutil import grade_jobs, named, reference_jobs, validate_table

from grader.authoring.render import render_validation
from grader.authoring.validate import validate
from grader.course.load import all_exercises
from grader.grading.mutants import load_mutants
from grader.grading.seeds import student_seed

EXERCISES = all_exercises()
# Besides the validation's own seed 0.
OTHER_SEEDS = (5, 977, student_seed("s2024-017"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`mutant`: each hand-written mutant of the class's exercise."""
    if "mutant" in metafunc.fixturenames and metafunc.cls is not None:
        mutants = load_mutants(EXERCISES[metafunc.cls.exercise])
        metafunc.parametrize("mutant", mutants, ids=[m.name for m in mutants])


class ExerciseChecks:
    """The tests of one exercise's validation; subclasses name the exercise."""

    exercise: str

    @pytest.fixture(scope="class")
    @classmethod
    def graded(cls) -> dict:
        """The report, `grade validate`'s table for it, and every result graded for it by label
        (reference@SEED, stub, mutant:NAME)."""
        name = cls.exercise
        results: dict = {}
        (report,) = validate(
            {name: EXERCISES[name]},
            0,
            automatic=False,
            on_result=lambda label, result: results.__setitem__(label, result),
        )
        exercise = {name: EXERCISES[name]}
        for (_, label), result in grade_jobs(exercise, reference_jobs(exercise, OTHER_SEEDS)).items():
            results[label] = result
        table = render_validation([report], "en", color=False, jobs=len(results), seconds=1.0)
        return {"report": report, "table": table, "results": results}

    def test_the_table_row_says_valid(self, graded):
        rows = validate_table(graded["table"])
        assert list(rows) == [self.exercise]
        row = rows[self.exercise]
        first, second = row["reference"].split(", ")
        score, top = first.split("/")
        assert first == second and score == top and float(top) > 0
        assert row["stub"] == f"0/{top}"
        assert row["caught"] == row["hand"] and int(row["hand"]) >= 3
        assert row["named"] == row["declared"]
        assert row["status"] == "ok", graded["table"]
        assert "1 of 1 exercises valid." in graded["table"]

    @pytest.mark.parametrize("seed", (0, *OTHER_SEEDS))
    def test_the_reference_scores_full_marks(self, graded, seed):
        result = graded["results"][f"reference@{seed}"]
        assert result.error is None
        assert [(c.name, c.feedback) for c in result.checks if not c.passed] == []
        assert result.score == result.max_score > 0

    def test_the_stub_scores_zero_and_every_check_says_not_implemented(self, graded):
        result = graded["results"]["stub"]
        assert result.error is None
        assert result.score == 0
        assert {c.feedback.key for c in result.checks} == {"not-implemented"}

    def test_mutant_loses_points_and_its_misconception_is_named(self, graded, mutant):
        result = graded["results"][f"mutant:{mutant.name}"]
        assert result.error is None
        assert result.score < result.max_score
        if mutant.misconception:
            assert mutant.misconception in named(result)
            # the wording the student reads is the exercise's own, in both languages
            texts = [
                c.feedback.misconception_text
                for c in result.checks
                if c.feedback and c.feedback.misconception == mutant.misconception
            ]
            assert texts[0] == EXERCISES[self.exercise].misconceptions[mutant.misconception]

    def test_every_declared_misconception_has_a_mutant_that_is_named(self, graded):
        mutants = load_mutants(EXERCISES[self.exercise])
        assert len(mutants) >= 5
        covered = {
            m.misconception
            for m in mutants
            if m.misconception and m.misconception in named(graded["results"][f"mutant:{m.name}"])
        }
        assert covered == set(EXERCISES[self.exercise].misconceptions)


def test_the_core_exercises_are_in_the_course():
    assert {"sigmoid", "conv", "net"} <= set(EXERCISES)


for _name in EXERCISES:
    globals()[f"TestExercise_{_name}"] = type(
        f"TestExercise_{_name}", (ExerciseChecks,), {"exercise": _name}
    )
