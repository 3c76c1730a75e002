"""The gradebook keeps each attempt's code; a version-1 gradebook is migrated, not refused."""

import sqlite3

from grader.classroom.batch import grade_class
from grader.course.load import all_exercises
from grader.gradebook.store import AttemptKey, Gradebook
from grader.model import ExerciseResult


def _result(student: str) -> ExerciseResult:
    return ExerciseResult("conv", {"en": "conv"}, "conv.py", 7, [], student=student)


def test_a_version_1_gradebook_gains_the_code_table_and_keeps_its_attempts(tmp_path):
    path = tmp_path / "old.sqlite"
    with Gradebook(path) as book:
        book.add_attempt(_result("ada"), AttemptKey("h1", "s", 7))
    db = sqlite3.connect(path)  # make it what nnlab wrote before it kept code
    db.executescript(
        "DROP TABLE attempt_sources; DELETE FROM schema_version; "
        "INSERT INTO schema_version VALUES (1);"
    )
    db.close()
    with Gradebook(path, create=False) as book:
        assert book.latest_results()[("ada", "conv")].student == "ada"
        assert book.latest_sources() == {}
        book.keep_source("ada", "conv", AttemptKey("h1", "s", 7), "x = 1\n")
        book.keep_source("ada", "conv", AttemptKey("other", "s", 7), "not this\n")
        assert book.latest_sources() == {("ada", "conv"): "x = 1\n"}
    versions = sqlite3.connect(path).execute("SELECT version FROM schema_version").fetchall()
    assert versions == [(1,), (2,)]


def test_batch_grading_stores_the_code_it_graded(tmp_path):
    sigmoid = all_exercises()["sigmoid"]
    folder = tmp_path / "class"
    (folder / "amy").mkdir(parents=True)
    (folder / "amy" / "sigmoid.py").write_text(sigmoid.solution.read_text())
    (folder / "ben").mkdir()
    (folder / "ben" / "sigmoid.py").write_text(sigmoid.stub.read_text())
    with Gradebook(tmp_path / "g.sqlite") as book:
        grade_class(folder, book, {"sigmoid": sigmoid}, workers=1)
        assert book.latest_sources(["sigmoid"]) == {
            ("amy", "sigmoid"): sigmoid.solution.read_text(),
            ("ben", "sigmoid"): sigmoid.stub.read_text(),
        }
        assert book.latest_sources(["conv"]) == {}
