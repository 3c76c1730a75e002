"""`grade similarity` as an instructor runs it, over a gradebook holding the class's code."""

import csv
import io

from cliutil import run_grade
from disguise import DISGUISES
from simcorpus import gradebook, honest

from grader.gradebook.store import Gradebook


def _class(tmp_path):
    code = {(s, "conv"): src for s, src in honest("conv").items()}
    code |= {(s, "pooling"): src for s, src in honest("pooling").items()}
    code[("=cmd|' /C calc'!A0", "conv")] = DISGUISES["combined"](honest("conv")["im2col"])
    code[("copier", "pooling")] = DISGUISES["renamed"](honest("pooling")["window_view"])
    code[("broken", "pooling")] = honest("pooling")["shared_helper"] + "\ndef oops(:\n"
    code[("alone", "rnn")] = "def rnn_step(x):\n    return x\n"
    return gradebook(tmp_path / "g.sqlite", code)


def test_the_table_lists_the_copied_pairs_most_similar_first(tmp_path):
    db = _class(tmp_path)
    done = run_grade("similarity", "--db", str(db))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    conv = lines.index(next(line for line in lines if line.startswith("conv:")))
    assert "1 pair at" in lines[conv] and "im2col" in lines[conv + 1]
    assert "=cmd" in lines[conv + 1]
    pooling = next(line for line in lines if line.startswith("pooling:"))
    assert "window_view" in done.stdout and "copier" in done.stdout
    assert "2 pairs at" in pooling  # the copier, and broken (shared_helper plus a broken line)
    assert "not proof" in done.stdout
    assert "rnn: 1 submission with code, fewer than two" in done.stderr
    assert "broken's code does not parse; compared by its tokens" in done.stderr


def test_csv_lists_flagged_pairs_and_defuses_formulas(tmp_path):
    db = _class(tmp_path)
    done = run_grade("similarity", "--db", str(db), "--csv", "-e", "conv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["exercise"], {r["student_a"], r["student_b"]}) for r in rows] == [
        ("conv", {"'=cmd|' /C calc'!A0", "im2col"})
    ]
    assert 0.5 <= float(rows[0]["similarity"]) <= 1


def test_russian_wording_and_a_higher_threshold(tmp_path):
    db = _class(tmp_path)
    done = run_grade("similarity", "--db", str(db), "--lang", "ru", "-t", "0.99", "-e", "conv")
    assert done.returncode == 0, done.stderr
    assert "пар со сходством не ниже 0.99: 0" in done.stdout
    assert "не доказательство" in done.stdout


def test_bad_input_is_one_line_each(tmp_path):
    missing = run_grade("similarity", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 2 and len(missing.stderr.splitlines()) == 1
    Gradebook(tmp_path / "empty.sqlite").close()
    empty = run_grade("similarity", "--db", str(tmp_path / "empty.sqlite"))
    assert empty.returncode == 2
    assert empty.stderr.splitlines() == [
        f"grade: {tmp_path / 'empty.sqlite'}: the gradebook holds no graded submissions; "
        "grade a class first with `grade batch DIR`"
    ]
    db = _class(tmp_path)
    few = run_grade("similarity", "--db", str(db), "-e", "rnn")
    assert few.returncode == 2
    assert few.stderr.splitlines() == [
        "rnn: 1 submission with code, fewer than two: nothing to compare"
    ]
    assert "Traceback" not in missing.stderr + empty.stderr + few.stderr
