"""A synthetic class of 30+ students graded end to end through the library API."""

from __future__ import annotations

import sqlite3

from synthetic import CORE, EVIL, HANG_LIMIT, MOODLE

from grader.classroom.batch import grade_class
from grader.gradebook.store import Gradebook


def results(sc, student):
    return {ex: sc.report.result(student, ex) for ex in CORE}


def test_class_is_large_and_everyone_is_in_the_gradebook(graded_class):
    sc = graded_class
    assert len(sc.plan) >= 30
    ids = {row.student.id for row in sc.report.rows}
    assert ids == set(sc.plan)
    submissions = sum(len(plan) for plan in sc.plan.values())
    assert sc.outcome.graded == sc.outcome.submissions == submissions
    assert not sc.outcome.failed and not sc.outcome.interrupted


def test_one_attempt_row_per_submission_with_its_checks(graded_class):
    db = sqlite3.connect(graded_class.db)
    rows = db.execute(
        "SELECT a.id, a.student, a.exercise, a.content_hash, a.score, "
        "count(c.name), sum(c.points) FROM attempts a "
        "JOIN check_results c ON c.attempt = a.id GROUP BY a.id"
    ).fetchall()
    assert len(rows) == graded_class.outcome.graded
    for _, student, exercise, digest, score, checks, points in rows:
        assert len(digest) == 64
        assert checks == len(graded_class.report.result(student, exercise).checks) > 0
        assert abs(points - score) < 1e-9


def test_correct_submissions_score_full_marks(graded_class):
    for student in graded_class.students("solution"):
        for exercise, kind in graded_class.plan[student].items():
            if kind == "solution":
                result = graded_class.report.result(student, exercise)
                assert result.full_marks, (student, exercise)


def test_mutants_lose_points_and_their_misconception_is_named(graded_class):
    for (student, exercise), mutant in graded_class.mutants.items():
        result = graded_class.report.result(student, exercise)
        assert result.error is None
        assert result.score < result.max_score, (student, mutant.name)
        if mutant.misconception:
            named = {c.feedback.misconception for c in result.checks if c.feedback}
            assert mutant.misconception in named, (student, mutant.name)


def test_each_student_gets_their_own_seed(graded_class):
    seeds = {
        graded_class.report.result(s, "conv").seed
        for s in graded_class.plan
        if graded_class.report.result(s, "conv")
    }
    assert len(seeds) > 20


def test_syntax_error_costs_that_exercise_only(graded_class):
    got = results(graded_class, "broken-conv")
    assert got["conv"].error.key == "load.syntax" and got["conv"].score == 0
    assert got["sigmoid"].full_marks and got["net"].full_marks


def test_hang_fails_only_the_checks_that_call_the_hanging_function(graded_class):
    got = results(graded_class, "hang-derivative")
    sigmoid = got["sigmoid"]
    timed_out = [c for c in sigmoid.checks if c.feedback and c.feedback.key == "timeout"]
    assert timed_out and all(c.feedback.params["seconds"] == HANG_LIMIT for c in timed_out)
    assert all("derivative" in c.name or "unchanged" in c.name for c in timed_out)
    assert [c for c in sigmoid.checks if c.passed and "derivative" not in c.name]
    assert got["conv"].full_marks and got["net"].full_marks


def test_crash_fails_only_the_checks_that_call_the_crashing_function(graded_class):
    got = results(graded_class, "crash-derivative")
    crashed = [c for c in got["sigmoid"].checks if c.feedback and c.feedback.key == "crashed"]
    assert crashed and all(c.feedback.params["signal"] == "SIGABRT" for c in crashed)
    assert all("derivative" in c.name or "unchanged" in c.name for c in crashed)
    assert [c for c in got["sigmoid"].checks if c.passed and "derivative" not in c.name]
    assert got["conv"].full_marks


def test_hang_at_import_is_a_load_timeout(graded_class):
    result = graded_class.report.result("hang-import", "sigmoid")
    assert result.error.key == "load.timeout" and result.score == 0


def test_moodle_folders_give_the_student_id_and_name(graded_class):
    rows = {row.student.id: row.student for row in graded_class.report.rows}
    for sid, name in MOODLE.items():
        assert rows[sid].name == name and rows[sid].origin == "moodle"
        assert graded_class.report.result(sid, "sigmoid").full_marks
        assert graded_class.report.result(sid, "sigmoid").filename == (
            f"{name}_{sid}_assignsubmission_file_/sigmoid.py"
        )


def test_roster_names_students_and_adds_who_never_submitted(graded_class):
    rows = {row.student.id: row for row in graded_class.report.rows}
    assert rows["correct-01"].student.name == "Correct One"
    assert rows["correct-01"].student.extra == {"idnumber": "ID-0001"}
    assert rows["absent-01"].student.email == "absent@example.org"
    missing = {row.student.id for row in graded_class.report.not_submitted}
    assert missing == {s for s, plan in graded_class.plan.items() if not plan}
    assert {"missing-empty", "missing-misnamed", "absent-01"} <= missing


def test_skipped_files_are_explained(graded_class):
    from grader.i18n import wording

    notes = [wording.describe(n, "en") for n in graded_class.outcome.notes]
    assert any("missing-misnamed" in n and "lab2.py" in n and "conv.py" in n for n in notes)
    skipped = any(
        "notebook-conv/conv.ipynb" in n and "notebooks are not supported yet" in n for n in notes
    )
    assert skipped != graded_class.notebooks, notes


def test_a_notebook_is_graded_when_the_grader_reads_notebooks(graded_class):
    result = graded_class.report.result("notebook-conv", "conv")
    if not graded_class.notebooks:
        assert result is None
        return
    assert result.full_marks and result.filename == "notebook-conv/conv.ipynb"


def test_html_name_is_stored_as_given(graded_class):
    assert graded_class.report.result(EVIL, "sigmoid").full_marks


def test_quiz_answers_in_student_folders_are_recorded(graded_class):
    assert graded_class.outcome.quizzes == 8
    assert graded_class.report.quiz_takers == 8
    correct = {r.student.id: r.quiz for r in graded_class.report.rows if r.quiz}
    assert correct["correct-01"].percent == 100
    assert correct["broken-conv"].percent < correct["partial-00"].percent


def test_statistics_agree_with_the_stored_checks(graded_class):
    """Facility from the report equals the pass rate counted straight from check_results."""
    db = sqlite3.connect(graded_class.db)
    for exercise in CORE:
        for stat in graded_class.report.checks[exercise]:
            passed, total = db.execute(
                "SELECT sum(c.passed), count(*) FROM check_results c JOIN attempts a "
                "ON a.id = c.attempt WHERE a.exercise = ? AND c.name = ? AND a.loaded = 1",
                (exercise, stat.name),
            ).fetchone()
            assert (stat.passed, stat.takers) == (passed, total)
            assert stat.discrimination is None or -1 <= stat.discrimination <= 1


def test_rerun_skips_everything_unchanged(graded_class):
    sc = graded_class
    with Gradebook(sc.db) as book:
        before = book.attempt_count()
        again = grade_class(sc.folder, book, sc.exercises, workers=2)
        assert (again.graded, again.skipped) == (0, sc.outcome.graded)
        assert again.quizzes == 0 and again.quizzes_skipped == 8
        assert book.attempt_count() == before
