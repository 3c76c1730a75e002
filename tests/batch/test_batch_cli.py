"""`grade batch`, `grade report`, `grade export` and `grade quiz-record` through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import yaml
from cliutil import interrupt_batch, run_grade, stored_attempts
from synthetic import write

from grader.classroom.batch import course_banks
from grader.classroom.demo import quiz_answers
from grader.course.load import all_exercises


def batch(folder, db, *args, **kwargs):
    return run_grade("batch", str(folder), "--db", str(db), *args, **kwargs)


attempts = stored_attempts


def test_rerun_skips_unchanged_submissions_and_regrade_forces(small_class, tmp_path):
    db = tmp_path / "g.sqlite"
    first = batch(small_class, db, "-j", "2")
    assert first.returncode == 0, first.stderr
    assert "Grading 3 submissions of 3 students with 2 worker(s)" in first.stdout
    assert "Graded 3 submissions" in first.stdout
    assert "Class report: students 3, submitted 3, did not submit 0" in first.stdout
    assert "graded 3/3" in first.stderr  # plain progress lines: stderr is not a terminal
    again = batch(small_class, db)
    assert "3 submissions unchanged since they were last graded: skipped" in again.stdout
    assert "Graded 0 submissions" in again.stdout
    (small_class / "ben" / "sigmoid.py").write_text(all_exercises()["sigmoid"].solution.read_text())
    changed = batch(small_class, db)
    assert "2 submissions unchanged" in changed.stdout and "Graded 1 submissions" in changed.stdout
    forced = batch(small_class, db, "--regrade")
    assert "submissions unchanged" not in forced.stdout
    assert "Graded 3 submissions" in forced.stdout
    assert attempts(db) == 3 + 1 + 3


def test_gradebook_path_defaults_to_the_current_folder_or_the_environment(small_class, tmp_path):
    done = run_grade("batch", str(small_class), "-e", "sigmoid", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert attempts(tmp_path / "gradebook.sqlite") == 3
    elsewhere = tmp_path / "env" / "book.sqlite"
    run_grade("batch", str(small_class), cwd=tmp_path, env={"NNLAB_GRADEBOOK": str(elsewhere)})
    assert attempts(elsewhere) == 3


def test_ctrl_c_leaves_a_consistent_gradebook_and_a_rerun_resumes(tmp_path):
    solution = all_exercises()["sigmoid"].solution.read_text()
    folder, db = tmp_path / "class", tmp_path / "g.sqlite"
    for i in range(60):
        write(folder / f"s{i:02}", {"sigmoid.py": f"{solution}\n# student {i}\n"})
    stored = interrupt_batch(folder, db, "-j", "1", total=60)
    resumed = batch(folder, db, "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{stored} submissions unchanged since they were last graded" in resumed.stdout
    assert f"Graded {60 - stored} submissions" in resumed.stdout
    assert attempts(db) == 60


def moodle_zip(path, students: dict[str, tuple[str, str]]):
    with zipfile.ZipFile(path, "w") as archive:
        for sid, (name, source) in students.items():
            archive.writestr(f"{name}_{sid}_assignsubmission_file_/sigmoid.py", source)
    return path


def test_moodle_zip_is_graded_and_exported_by_id_number(tmp_path):
    sigmoid = all_exercises()["sigmoid"]
    archive = moodle_zip(
        tmp_path / "submissions.zip",
        {
            "4711": ("Grace Hopper", sigmoid.solution.read_text()),
            "4712": ("Edsger Dijkstra", sigmoid.stub.read_text()),
        },
    )
    db = tmp_path / "g.sqlite"
    done = batch(archive, db, "-e", "sigmoid")
    assert done.returncode == 0, done.stderr
    exported = run_grade("export", "--format", "moodle", "--db", str(db))
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    assert rows[0] == ["ID number", "Email address", "Full name", "sigmoid", "Total"]
    max_points = next(r for r in rows if r[0] == "4711")[3]
    assert ["4711", "", "Grace Hopper", max_points, max_points] in rows
    assert ["4712", "", "Edsger Dijkstra", "0", "0"] in rows


def test_csv_export_one_row_per_student(graded_class, tmp_path):
    out = tmp_path / "grades.csv"
    done = run_grade("export", "--db", str(graded_class.db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"Wrote {len(graded_class.plan)} students to {out}" in done.stderr
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == [
        "student_id",
        "name",
        "email",
        "section",
        "sigmoid",
        "conv",
        "net",
        "total",
    ]
    by_id = {row["student_id"]: row for row in rows}
    assert len(by_id) == len(graded_class.plan)
    for sid, row in by_id.items():
        expected = [graded_class.report.result(sid, ex) for ex in ("sigmoid", "conv", "net")]
        assert [row[ex] for ex in ("sigmoid", "conv", "net")] == [
            "" if r is None else f"{r.score:g}" for r in expected
        ]
        assert float(row["total"]) == sum(r.score for r in expected if r)
    assert by_id["absent-01"]["email"] == "absent@example.org"
    zero = run_grade("export", "--db", str(graded_class.db), "--missing", "zero", "--no-total")
    absent = next(
        r for r in csv.DictReader(io.StringIO(zero.stdout)) if r["student_id"] == "absent-01"
    )
    assert absent["conv"] == "0" and "total" not in absent


def test_moodle_export_uses_the_roster_id_number_and_email(graded_class):
    done = run_grade(
        "export",
        "--format",
        "moodle",
        "--db",
        str(graded_class.db),
        "--column",
        "conv=Lab 2: convolution",
    )
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == [
        "ID number",
        "Email address",
        "Full name",
        "sigmoid",
        "Lab 2: convolution",
        "net",
        "Total",
    ]
    assert any(r[:3] == ["ID-0001", "one@example.org", "Correct One"] for r in rows)
    assert any(r[:3] == ["100001", "ada@example.org", "Ada Lovelace"] for r in rows)


def test_canvas_export_has_its_header_and_points_possible_row(graded_class):
    done = run_grade("export", "--format", "canvas", "--db", str(graded_class.db))
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "sigmoid",
        "conv",
        "net",
        "Total",
    ]
    maxima = [f"{graded_class.report.data.exercises[i].max_points:g}" for i in range(3)]
    assert rows[1][:5] == ["    Points Possible", "", "", "", ""] and rows[1][5:8] == maxima
    one = next(r for r in rows if r[2] == "correct-01")
    assert one[0] == "Correct One" and one[3] == "one@example.org" and one[4] == "A"
    assert one[5:8] == maxima
    assert len(rows) == 2 + len(graded_class.plan)


def test_results_json_per_submission(graded_class, tmp_path):
    out = tmp_path / "results"
    done = run_grade(
        "export", "--format", "results", "--db", str(graded_class.db), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    files = sorted(out.glob("*/*/results.json"))
    assert len(files) == graded_class.outcome.graded
    data = json.loads((out / "broken-conv" / "conv" / "results.json").read_text())
    assert data["score"] == 0 and data["max_score"] > 0
    assert "syntax error" in data["output"]
    assert {"name", "score", "max_score", "output", "visibility"} <= set(data["tests"][0])


def test_report_prints_the_class_summary_and_writes_html(graded_class, tmp_path):
    out = tmp_path / "r" / "report.html"
    done = run_grade("report", "--db", str(graded_class.db), "--out", str(out), "--lang", "ru")
    assert done.returncode == 0, done.stderr
    assert f"Отчёт по группе: студенты {len(graded_class.plan)}" in done.stdout
    assert "Проверки, которые группа проваливает чаще всего" in done.stdout
    assert f"Отчёт записан в {out}" in done.stdout
    html = out.read_text()
    assert '<html lang="ru">' in html and "Анализ вопросов теста" in html
    english = run_grade("report", "--db", str(graded_class.db))
    lines = english.stdout.splitlines()
    hardest = lines[lines.index("Checks the class fails most") + 1]
    assert re.match(r"\s+\d+ %  \w+: .+ — .+ \(\d+\)", hardest), hardest  # names a mistake
    missing = next(line for line in lines if line.startswith("Did not submit: "))
    assert "Absent Student" in missing and "missing-empty" in missing


def test_an_instructors_template_overrides_the_packaged_one(graded_class, tmp_path):
    (tmp_path / "summary.txt.j2").write_text(
        "{{ report.rows | length }} students, mean {{ fmt.pct(report.mean_percent) }}\n"
    )
    done = run_grade("report", "--db", str(graded_class.db), env={"NNLAB_TEMPLATES": str(tmp_path)})
    assert re.fullmatch(rf"{len(graded_class.plan)} students, mean \d+ %\n", done.stdout)


def test_quiz_record_stores_a_quiz_for_a_student(small_class, tmp_path):
    db = tmp_path / "g.sqlite"
    batch(small_class, db)
    banks, _ = course_banks()
    questions = list(banks[0].questions)[:4]
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"answers": quiz_answers(questions, lambda i: i != 1)}))
    done = run_grade("quiz-record", "amy", str(answers), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Recorded a quiz for amy: 3/4"
    again = run_grade("quiz-record", "amy", str(answers), "--db", str(db))
    assert "already recorded for amy" in again.stdout
    report = run_grade("report", "--db", str(db))
    assert "Quiz item analysis (quiz takers: 1)" in report.stdout
    answers.write_text("answers:\n  no-such-question: 1\n")
    bad = run_grade("quiz-record", "amy", str(answers), "--db", str(db))
    assert bad.returncode == 2 and bad.stderr.startswith(f"grade: {answers}:2: ")


def test_bad_input_is_one_clear_line(tmp_path):
    cases = [
        (
            ("batch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "g.sqlite")),
            "no such folder or zip file",
        ),
        (
            ("batch", str(tmp_path), "-e", "nosuch", "--db", str(tmp_path / "g.sqlite")),
            "unknown exercise 'nosuch'",
        ),
        (("report", "--db", str(tmp_path / "none.sqlite")), "no gradebook here"),
        (
            ("export", "--format", "results", "--db", str(tmp_path / "none.sqlite")),
            "no gradebook here",
        ),
        (
            ("export", "--column", "conv", "--db", str(tmp_path / "none.sqlite")),
            "--column expects EXERCISE=HEADER",
        ),
    ]
    for args, message in cases:
        done = run_grade(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("grade: ") and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
