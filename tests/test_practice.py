"""`grade list` status, `grade hint` progression and `grade watch` in a real terminal."""

from __future__ import annotations

import os
import sys

import pexpect
from cliutil import ROOT, list_rows, run_grade


def test_list_shows_status_from_own_history(tmp_path):
    env = {"NNLAB_DB": str(tmp_path / "me.sqlite")}
    before = run_grade("list", env=env).stdout.splitlines()
    assert before[0].startswith("→  1. sigmoid") and "not started" in before[0]
    assert run_grade("submit", "solutions/sigmoid.py", env=env).returncode == 0
    wrong = tmp_path / "conv.py"
    wrong.write_text(
        (ROOT / "solutions" / "conv.py")
        .read_text()
        .replace("window * kernel)", "window * kernel[::-1, ::-1])")
    )
    assert run_grade("submit", str(wrong), env=env).returncode == 1
    after = list_rows(run_grade("list", env=env).stdout)
    assert "✓ done" in after["sigmoid"] and not after["sigmoid"].startswith("→")
    assert after["conv"].startswith("→") and "best 4/14 (1 try)" in after["conv"]
    assert "not started" in after["net"]


def test_submit_no_record_leaves_history_alone(tmp_path):
    env = {"NNLAB_DB": str(tmp_path / "me.sqlite")}
    run_grade("submit", "solutions/sigmoid.py", "--no-record", env=env)
    assert "not started" in run_grade("list", env=env).stdout.splitlines()[0]


def test_hints_get_more_specific_one_per_call(tmp_path):
    env = {"NNLAB_DB": str(tmp_path / "me.sqlite")}
    shown = [run_grade("hint", "conv", env=env).stdout for _ in range(4)]
    assert shown[0].startswith("Hint 1/3 for conv:")
    assert shown[1].startswith("Hint 2/3 for conv:")
    assert shown[2].startswith("Hint 3/3 for conv:") and "last hint" in shown[2]
    assert shown[3] == shown[2]
    again = run_grade("hint", "conv", "--reset", "--lang", "ru", env=env).stdout
    assert again.startswith("Подсказка 1/3 к conv:")


def test_hint_for_unknown_exercise_is_one_line(tmp_path):
    done = run_grade("hint", "lstm", env={"NNLAB_DB": str(tmp_path / "me.sqlite")})
    assert done.returncode == 2 and "unknown exercise 'lstm'" in done.stderr
    assert "Traceback" not in done.stderr


def test_watch_regrades_on_save_until_ctrl_c(tmp_path):
    work = tmp_path / "sigmoid.py"
    work.write_text((ROOT / "exercises" / "sigmoid.py").read_text())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NNLAB_DB": str(tmp_path / "me.sqlite"),
        "TERM": "dumb",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "grader", "watch", str(work), "--interval", "0.1"],
        env=env,
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
    )
    child.expect("Watching ")
    child.expect(r"Score: 0/12")
    work.write_text((ROOT / "solutions" / "sigmoid.py").read_text())
    child.expect(r"Score: 12/12")
    child.expect("All checks passed")
    child.sendintr()
    child.expect("Stopped watching.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
