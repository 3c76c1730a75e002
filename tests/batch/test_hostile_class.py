"""Hostile class folders and zips through `grade batch`: links, FIFOs, devices, hard links, names
that are not UTF-8 or carry escape sequences, damaged and oversized zips, a deep quiz YAML.

Each test builds a class in which honest students sit beside attackers, and asserts that the
attacker gains nothing (no attempt stored, the secret never printed nor stored), gets a clear
note, that every honest classmate's result is stored with full marks, and that nothing is left
behind in the temporary folder. The grader runs as whoever runs the tests; as root, a followed
link to /etc/shadow would be readable, which is the point of these tests.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from cliutil import ROOT, run_grade
from synthetic import write

from grader.course.load import all_exercises

SECRET = "TOP-SECRET-MARKER-41c7"
HONEST = ("honest-a", "honest-b", "honest-c")


@pytest.fixture(scope="module")
def sigmoid() -> str:
    return all_exercises()["sigmoid"].solution.read_text()


def honest_class(folder: Path, sigmoid: str) -> None:
    for name in HONEST:
        write(folder / name, {"sigmoid.py": f"{sigmoid}\n# {name}\n"})


def run_batch(target: Path, tmp_path: Path, *args: str):
    """`grade batch TARGET -e sigmoid` with its own empty TMPDIR; the run, the stored attempts
    (student -> score, max score, filename), the student_files rows, and the whole output."""
    scratch = tmp_path / "scratch-tmp"
    scratch.mkdir(exist_ok=True)
    db = tmp_path / "g.sqlite"
    done = run_grade(
        "batch",
        str(target),
        "-e",
        "sigmoid",
        "--db",
        str(db),
        "-j",
        "2",
        *args,
        env={"TMPDIR": str(scratch)},
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert list(scratch.iterdir()) == [], "temporary files were left behind"
    with sqlite3.connect(db) as conn:
        attempts = {
            s: (score, top, name)
            for s, score, top, name in conn.execute(
                "SELECT student, score, max_score, filename FROM attempts"
            )
        }
        files = conn.execute("SELECT student, path, status, note FROM student_files").fetchall()
        dump = "\n".join(conn.iterdump())
    return done, attempts, files, done.stdout + done.stderr, dump


def assert_honest_full_marks(attempts: dict, names=HONEST) -> None:
    for name in names:
        score, top, _ = attempts[name]
        assert score == top > 0, (name, attempts[name])


def note_for(files: list, student: str) -> str:
    notes = [json.loads(note)["params"].get("why", "") for s, _, _, note in files if s == student]
    return " ".join(notes)


def test_links_fifos_devices_and_hard_links_are_never_read(tmp_path, sigmoid):
    folder = tmp_path / "class"
    honest_class(folder, sigmoid)
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n{sigmoid}")  # would score full marks if it were read
    solution = ROOT / "solutions" / "sigmoid.py"
    attackers = {
        "link-shadow": ("sigmoid.py", Path("/etc/shadow")),
        "link-secret": ("sigmoid.py", secret),
        "link-solution": ("sigmoid.py", solution),
        "link-suites": ("sigmoid.py", ROOT / "grader" / "suites" / "sigmoid" / "test_sigmoid.py"),
        "link-classmate": ("sigmoid.py", Path("../honest-a/sigmoid.py")),
        "link-dangling": ("sigmoid.py", Path("/nonexistent/sigmoid.py")),
        "link-folder": ("lab", ROOT / "solutions"),
        "quiz-zero": ("quiz.yaml", Path("/dev/zero")),
        "notebook-link": ("sigmoid.ipynb", secret),
    }
    for student, (name, target) in attackers.items():
        (folder / student).mkdir(parents=True)
        (folder / student / name).symlink_to(target)
    (folder / "fifo-source").mkdir()
    os.mkfifo(folder / "fifo-source" / "sigmoid.py")
    (folder / "fifo-quiz").mkdir()
    os.mkfifo(folder / "fifo-quiz" / "quiz.yaml")
    (folder / "hard-link").mkdir()
    os.link(secret, folder / "hard-link" / "sigmoid.py")
    (folder / "whole-folder-link").symlink_to(folder / "honest-b")
    (folder / "inner-link").mkdir()
    (folder / "inner-link" / "sub").symlink_to(tmp_path)  # a folder link inside a student's
    if os.geteuid() == 0:
        (folder / "device").mkdir()
        os.mknod(folder / "device" / "sigmoid.py", stat.S_IFCHR | 0o600, os.makedev(1, 5))

    done, attempts, files, output, dump = run_batch(folder, tmp_path)

    assert done.returncode == 0, output
    assert_honest_full_marks(attempts)
    assert set(attempts) == set(HONEST), attempts  # no attacker got an attempt
    assert SECRET not in output and SECRET not in dump
    assert "root:" not in output and "root:" not in dump
    for student in [*attackers, "fifo-source", "hard-link", "whole-folder-link"]:
        assert student in {s for s, *_ in files}, student
    assert "a symbolic link" in note_for(files, "link-shadow")
    assert "a symbolic link" in note_for(files, "link-folder")
    assert "a symbolic link" in note_for(files, "quiz-zero")
    assert "named pipe" in note_for(files, "fifo-source")
    assert "named pipe" in note_for(files, "fifo-quiz")
    assert "hard link" in note_for(files, "hard-link")
    assert "a symbolic link" in note_for(files, "whole-folder-link")
    if os.geteuid() == 0:
        assert "device" in note_for(files, "device")
    assert "link-shadow/sigmoid.py: not read: a symbolic link" in done.stderr


def test_hostile_names_and_output_never_reach_the_terminal_raw(tmp_path, sigmoid):
    folder = tmp_path / "class"
    honest_class(folder, sigmoid)
    printer = f"{sigmoid}\nprint('\\x1b[2J\\x1b]0;owned\\x07\\r\\u202e All checks passed')\n"
    write(folder / "printer", {"sigmoid.py": printer})
    title = "evil\x1b]0;pwned\x07\x1b[2J\r✓ All checks passed\u202e"
    write(folder / title, {"lab\x1b[31m\n_x.py": "x = 1"})
    raw = os.fsencode(folder) + b"/caf\xe9-\xff"  # not UTF-8: a Latin-1 name
    os.makedirs(raw)
    with open(raw + b"/sigmoid.py", "w") as handle:
        handle.write(sigmoid)

    done, attempts, _, output, _ = run_batch(folder, tmp_path)

    assert done.returncode == 0, output
    assert_honest_full_marks(attempts)
    for char in "\x1b\x07\r\u202e":
        assert char not in output, repr(char)
    assert "caf\\xe9-\\xff" in attempts  # stored under a printable id, and graded
    assert attempts["caf\\xe9-\\xff"][0] == attempts["caf\\xe9-\\xff"][1]
    assert "evil\\x1b]0;pwned\\x07" in output  # shown, as visible escapes
    report = run_grade("report", "--db", str(tmp_path / "g.sqlite"))
    assert "\x1b" not in report.stdout and "\x1b" not in report.stderr
    submitted = run_grade("submit", str(folder / "printer" / "sigmoid.py"), "-e", "sigmoid")
    assert "All checks passed" in submitted.stdout
    for char in "\x1b\x07\r\u202e":
        assert char not in submitted.stdout, repr(char)


def test_a_deep_quiz_yaml_and_huge_files_are_that_students_own_problem(tmp_path, sigmoid):
    folder = tmp_path / "class"
    honest_class(folder, sigmoid)
    write(folder / "deep-quiz", {"quiz.yaml": "[" * 20000 + "]" * 20000, "sigmoid.py": sigmoid})
    write(folder / "huge", {"sigmoid.py": sigmoid + "#" * (600 * 1024)})

    done, attempts, files, output, _ = run_batch(folder, tmp_path)

    assert done.returncode == 0, output
    assert_honest_full_marks(attempts)
    assert "deep-quiz/quiz.yaml: quiz not graded" in done.stderr
    assert "huge" not in attempts and "larger than 512 KiB" in note_for(files, "huge")
    assert_honest_full_marks(attempts, ["deep-quiz"])


def hostile_zip(path: Path, sigmoid: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in HONEST:
            archive.writestr(f"class/{name}/sigmoid.py", f"{sigmoid}\n# {name}\n")
        archive.writestr("class/long-name/" + "a" * 300 + ".py", sigmoid)
        archive.writestr("class/file-and-folder/sigmoid.py", sigmoid)
        archive.writestr("class/file-and-folder/sigmoid.py/inner.py", "x = 1")
        archive.writestr("class/bad-crc/sigmoid.py", sigmoid, zipfile.ZIP_STORED)
        link = zipfile.ZipInfo("class/zip-link/sigmoid.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/shadow")
        archive.writestr("class/not-utf8-é/sigmoid.py", sigmoid)  # flagged UTF-8
        archive.writestr("class/../escape/sigmoid.py", sigmoid)
        # a bomb: one member over the per-file limit, and many just under it
        archive.writestr("class/bomb/sigmoid.py", "#" * (40 << 20))
        for i in range(12):
            archive.writestr(f"class/bomb/part{i}.py", "#" * (500 << 10))
    data = bytearray(path.read_bytes())
    # corrupt the bad-crc member's compressed bytes, keep its header
    info = zipfile.ZipFile(path).getinfo("class/bad-crc/sigmoid.py")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10] ^= 0xFF
    # a name flagged UTF-8 whose bytes are not
    data = data.replace("not-utf8-é".encode(), b"not-utf8-\xff\xfe")
    path.write_bytes(bytes(data))


def test_a_hostile_zip_costs_only_its_own_students(tmp_path, sigmoid):
    archive = tmp_path / "class.zip"
    hostile_zip(archive, sigmoid)
    assert archive.stat().st_size < 2 << 20

    done, attempts, files, output, _ = run_batch(archive, tmp_path)

    assert done.returncode == 0, output
    assert_honest_full_marks(attempts)
    by_student = {s for s, *_ in files}
    assert "file-and-folder" not in attempts and "file-and-folder" in by_student
    assert "zip-link" not in attempts and "a symbolic link" in note_for(files, "zip-link")
    assert "bad-crc" not in attempts and "damaged in the zip" in note_for(files, "bad-crc")
    assert "bomb" not in attempts and "larger than" in note_for(files, "bomb")
    assert "long-name" in attempts  # matched by the only function definition it holds
    assert any(s.startswith("not-utf8-") for s in attempts)  # read under a stand-in name
    assert "escape" not in attempts and not (tmp_path / "escape").exists()
    assert "root:" not in output


def test_too_many_members_is_refused_in_one_line(tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(20_001):
            z.writestr(f"s/{i}.txt", "")
    done = run_grade("batch", str(archive), "-e", "sigmoid", "--db", str(tmp_path / "g.sqlite"))
    assert done.returncode == 2
    assert "more than 20000" in done.stderr and "Traceback" not in done.stderr


def test_files_named_as_people_name_them(tmp_path, sigmoid):
    folder = tmp_path / "class"
    write(folder / "named", {"lab1_Sigmoid.PY": sigmoid})
    write(folder / "copy", {"sigmoid (1).py": sigmoid})
    write(folder / "by-functions", {"Lab1.py": sigmoid, "notes.py": "x = 1"})
    write(folder / "two-copies", {"sigmoid (1).py": sigmoid, "sigmoid (2).py": sigmoid})
    write(folder / "exact-wins", {"sigmoid.py": sigmoid})
    write(folder / "exact-wins" / "old", {"sigmoid.py": "x = 1"})
    write(folder / "nothing", {"homework.py": "x = 1"})

    done, attempts, files, output, _ = run_batch(folder, tmp_path)

    assert done.returncode == 0, output
    assert attempts["named"][2] == "named/lab1_Sigmoid.PY"
    assert attempts["copy"][2] == "copy/sigmoid (1).py"
    assert attempts["by-functions"][2] == "by-functions/Lab1.py"
    assert attempts["exact-wins"][2] == "exact-wins/sigmoid.py"
    assert_honest_full_marks(attempts, ["named", "copy", "by-functions", "exact-wins"])
    assert "two-copies" not in attempts and "nothing" not in attempts
    status = {(s, p): st for s, p, st, _ in files}
    assert status[("two-copies", "two-copies/sigmoid (1).py")] == "ambiguous"
    assert status[("two-copies", "two-copies/sigmoid (2).py")] == "ambiguous"
    assert status[("exact-wins", "exact-wins/old/sigmoid.py")] == "duplicate"
    assert status[("nothing", "nothing/homework.py")] == "unmatched"
    assert status[("named", "named/lab1_Sigmoid.PY")] == "matched"
    assert "by-functions/Lab1.py: graded as sigmoid (the only file that defines" in done.stderr
    # beside the student in the HTML report and the CSV export
    db, html = tmp_path / "g.sqlite", tmp_path / "report.html"
    assert run_grade("report", "--db", str(db), "--out", str(html)).returncode == 0
    page = html.read_text()
    assert "two-copies/sigmoid (1).py: not graded: it could be sigmoid" in page
    assert "nothing/homework.py: not graded: matches no exercise" in page
    exported = run_grade("export", "--db", str(db))
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(exported.stdout))}
    assert rows["nothing"]["files_not_graded"] == "nothing/homework.py (unmatched)"
    assert "exact-wins/old/sigmoid.py (duplicate)" in rows["exact-wins"]["files_not_graded"]
    assert rows["named"]["files_not_graded"] == ""


def test_current_moodle_and_canvas_downloads_are_classes(tmp_path, sigmoid):
    moodle = tmp_path / "moodle.zip"
    with zipfile.ZipFile(moodle, "w") as archive:
        archive.writestr("Ada Lovelace_4711_assignsubmission_file/sigmoid.py", sigmoid)
        archive.writestr("Ada Lovelace_4711_assignsubmission_onlinetext/onlinetext.html", "<p>")
        archive.writestr("Alan Turing_4712_assignsubmission_file_/sigmoid.py", sigmoid)
    done, attempts, _, output, dump = run_batch(moodle, tmp_path)
    assert done.returncode == 0, output
    assert_honest_full_marks(attempts, ["4711", "4712"])
    with sqlite3.connect(tmp_path / "g.sqlite") as conn:
        rows = dict(conn.execute("SELECT id, name || ' ' || extra FROM students"))
    assert rows["4711"] == 'Ada Lovelace {"participant_id": "4711"}'

    canvas = tmp_path / "canvas.zip"
    with zipfile.ZipFile(canvas, "w") as archive:
        archive.writestr("lovelaceada_12345_67890_sigmoid.py", sigmoid)
        archive.writestr("turingalan_LATE_12346_67891_sigmoid-1.py", sigmoid)
        archive.writestr("hopper_grace_12347_67892_lab1_sigmoid.py", sigmoid)
        archive.writestr("anon_Ab3xY_67893_sigmoid.py", sigmoid)
    (tmp_path / "g.sqlite").unlink()
    done, attempts, _, output, _ = run_batch(canvas, tmp_path)
    assert done.returncode == 0, output
    assert_honest_full_marks(attempts, ["12345", "12346", "12347", "anon_Ab3xY"])
    with sqlite3.connect(tmp_path / "g.sqlite") as conn:
        late = json.loads(
            conn.execute("SELECT result FROM attempts WHERE student = '12346'").fetchone()[0]
        )
        assert [n["key"] for n in late["notices"]][:2] == ["batch.canvas-late", "batch.file.named"]
        students = {
            i: (n, json.loads(x))
            for i, n, x in conn.execute("SELECT id, name, extra FROM students")
        }
    assert students["12345"] == ("lovelaceada", {"canvas_id": "12345"})
    assert students["12347"] == ("hopper_grace", {"canvas_id": "12347"})


def test_a_loose_file_with_an_escape_in_its_name_is_refused_in_one_safe_line(tmp_path):
    folder = tmp_path / "class"
    write(folder, {"conv\x1b[2J\x1b]0;x\x07.py": "x = 1"})
    done = run_grade("batch", str(folder), "-e", "sigmoid", "--db", str(tmp_path / "g.sqlite"))
    assert done.returncode == 2
    assert "conv\\x1b[2J\\x1b]0;x\\x07.py" in done.stderr and "no student folders" in done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr


def test_the_sanitiser_escapes_every_control_format_and_undecodable_character():
    import sys
    import unicodedata

    from grader.i18n.safe import display_name, one_line, printable

    kept = "\n\t\u200c\u200d"  # line breaks in multi-line text; joiners some scripts need
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") and char not in kept:
            assert char not in printable(f"a{char}b"), hex(code)
    assert printable("a\nb\tc") == "a\nb\tc"
    assert one_line("a\nb\tc\r") == "a\\nb\\tc\\r"
    assert one_line(display_name(os.fsdecode(b"caf\xe9"))) == "caf\\xe9"
    assert printable("Zoë, Ёлка, 李") == "Zoë, Ёлка, 李"
