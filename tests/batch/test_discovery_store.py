"""Finding a class's submissions (folders, zips, Moodle names) and the SQLite gradebook."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import zipfile

import pytest
from synthetic import write

from grader.classroom.discover import discover
from grader.classroom.tree import open_tree
from grader.course.load import all_exercises, load_exercise
from grader.errors import InputError
from grader.gradebook.store import AttemptKey, Gradebook, Student, suite_hash
from grader.model import CheckResult, ExerciseResult, Feedback

NAMES = ["sigmoid", "conv", "net"]


def found_in(path, names=NAMES):
    every = all_exercises()
    tree = open_tree(path)
    try:
        return discover(tree, {name: every[name] for name in names}, every)
    finally:
        tree.close()


def test_moodle_folders_and_flat_moodle_files(tmp_path):
    write(tmp_path / "Ada Lovelace_100001_assignsubmission_file_" / "lab", {"conv.py": "x = 1"})
    write(tmp_path, {"Bob Stone_100002_assignsubmission_file_sigmoid.py": "y = 2"})
    write(tmp_path / "Bob Stone_100002_assignsubmission_file_", {"net.py": "z = 3"})
    found = found_in(tmp_path)
    assert {(s.id, s.name, s.origin) for s in found.students} == {
        ("100001", "Ada Lovelace", "moodle"),
        ("100002", "Bob Stone", "moodle"),
    }
    got = {(s.student, s.exercise): s.filename for s in found.submissions}
    assert got == {
        ("100001", "conv"): "Ada Lovelace_100001_assignsubmission_file_/lab/conv.py",
        ("100002", "sigmoid"): "Bob Stone_100002_assignsubmission_file_sigmoid.py",
        ("100002", "net"): "Bob Stone_100002_assignsubmission_file_/net.py",
    }


def test_shallowest_file_wins_and_names_are_case_insensitive(tmp_path):
    write(tmp_path / "ada", {"Conv.py": "new = 1"})
    write(tmp_path / "ada" / "old", {"conv.py": "old = 1"})
    write(tmp_path / "ada" / "__pycache__", {"sigmoid.py": "ignored = 1"})
    found = found_in(tmp_path)
    assert [(s.exercise, s.source) for s in found.submissions] == [("conv", "new = 1")]


def test_a_zip_with_a_wrapping_folder_and_hostile_members(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("class/ada/conv.py", "a = 1")
        z.writestr("class/ben/sigmoid.py", "b = 1")
        z.writestr("class/ben/report.pdf", "%PDF")
        z.writestr("__MACOSX/class/ada/._conv.py", "junk")
        z.writestr("../evil.py", "escaped = 1")
        z.writestr("/abs/conv.py", "absolute = 1")
    found = found_in(archive)
    assert sorted(s.id for s in found.students) == ["ada", "ben"]
    assert sorted((s.student, s.filename) for s in found.submissions) == [
        ("ada", "ada/conv.py"),
        ("ben", "ben/sigmoid.py"),
    ]
    assert not (tmp_path / "evil.py").exists()


def test_a_lone_student_folder_is_a_student_even_when_empty(tmp_path):
    (tmp_path / "ada").mkdir()
    assert [s.id for s in found_in(tmp_path).students] == ["ada"]


def test_not_a_zip_and_missing_paths_are_input_errors(tmp_path):
    (tmp_path / "class.zip").write_text("not a zip")
    with pytest.raises(InputError, match="not a readable zip file"):
        found_in(tmp_path / "class.zip")
    with pytest.raises(InputError, match="no such folder or zip file"):
        found_in(tmp_path / "nowhere")


def test_a_single_students_folder_is_refused_with_a_hint(tmp_path):
    write(tmp_path, {"conv.py": "x = 1"})
    with pytest.raises(InputError, match="no student folders"):
        found_in(tmp_path)


def test_unreadable_and_unrecognised_files_are_recorded_for_the_student(tmp_path):
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "conv.py").write_bytes(b"\xff\xfe bad")
    write(tmp_path / "ada", {"lab_2.py": "x = 1"})
    found = found_in(tmp_path)
    records = {(f.path, f.status, f.note.key) for f in found.files["ada"]}
    assert records == {
        ("ada/conv.py", "refused", "batch.file.refused"),
        ("ada/lab_2.py", "unmatched", "batch.file.unmatched"),
    }
    assert "not UTF-8" in found.files["ada"][0].note.params["why"]
    assert found.submissions == []


def result(student: str, score: float) -> ExerciseResult:
    checks = [
        CheckResult(
            "test_a",
            {"en": "a"},
            2.0,
            score,
            None if score else Feedback("mismatch", {}, "flipped-kernel"),
        )
    ]
    return ExerciseResult("conv", {"en": "conv"}, "conv.py", 7, checks, student=student)


def test_latest_attempt_counts_and_every_attempt_is_kept(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as book:
        book.add_attempt(result("ada", 0.0), AttemptKey("h1", "s", 7))
        book.add_attempt(result("ada", 2.0), AttemptKey("h2", "s", 7))
        assert book.latest_results()[("ada", "conv")].score == 2.0
        assert book.latest_keys()[("ada", "conv")] == AttemptKey("h2", "s", 7)
    db = sqlite3.connect(tmp_path / "g.sqlite")
    assert db.execute("SELECT count(*) FROM attempts").fetchone() == (2,)
    assert db.execute("SELECT max(version) FROM schema_version").fetchone() == (2,)
    assert db.execute(
        "SELECT passed, misconception FROM check_results ORDER BY attempt"
    ).fetchall() == [(0, "flipped-kernel"), (1, None)]


def test_roster_names_win_and_fields_are_merged(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as book:
        book.add_students([Student("a1", "a1", "folder")])
        book.add_students([Student("a1", "Ann Lee", "roster", "ann@x.org", None, {"k": "v"})])
        book.add_students([Student("a1", "a1", "folder", None, "S2")])
        assert book.students() == [
            Student("a1", "Ann Lee", "folder", "ann@x.org", "S2", {"k": "v"})
        ]


def test_files_that_are_not_gradebooks_are_refused(tmp_path):
    with pytest.raises(InputError, match="no gradebook here"):
        Gradebook(tmp_path / "missing.sqlite", create=False)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not an nnlab gradebook"):
        Gradebook(other)
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 1000)
    with pytest.raises(InputError, match="not a gradebook"):
        Gradebook(tmp_path / "junk.sqlite")
    newer = tmp_path / "newer.sqlite"
    Gradebook(newer).close()
    sqlite3.connect(newer).execute("UPDATE schema_version SET version = 99").connection.commit()
    with pytest.raises(InputError, match="schema version 99"):
        Gradebook(newer)


def test_suite_hash_follows_the_suite_the_solution_and_the_limits(tmp_path):
    conv = all_exercises()["conv"]
    suites = tmp_path / "grader" / "suites"
    shutil.copytree(conv.suite.parent, suites / "conv")
    write(tmp_path / "solutions", {"conv.py": conv.solution.read_text()})
    copy = load_exercise(suites / "conv", tmp_path)
    before = suite_hash(copy)
    assert before == suite_hash(load_exercise(suites / "conv", tmp_path))
    (suites / "conv" / "test_conv.py").write_text(conv.suite.read_text() + "\n# edited\n")
    edited = suite_hash(copy)
    assert edited != before
    (tmp_path / "solutions" / "conv.py").write_text(conv.solution.read_text() + "\n")
    assert suite_hash(copy) != edited
    slower = dataclasses.replace(copy, limits=dataclasses.replace(copy.limits, wall_seconds=99))
    assert suite_hash(slower) != suite_hash(copy)
