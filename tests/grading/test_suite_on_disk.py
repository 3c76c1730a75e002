"""A process that grades again (a library caller, a notebook, a long-lived worker) checks with the
hidden suite as it is on disk now, not as it was when that process first graded."""

from __future__ import annotations

from pathlib import Path

import pytest
from cliutil import ROOT, copy_course

from grader import api

EXTRA_CHECK = """

@check(1, en="An added check", ru="Добавленная проверка")
def test_added_check(student):
    assert False, "added to the suite after the first grading"
"""


def test_an_edited_suite_is_graded_as_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    course = copy_course(tmp_path / "course", ("sigmoid",))
    monkeypatch.setenv("NNLAB_ROOT", str(course))
    solution = ROOT / "solutions" / "sigmoid.py"
    before = api.submit(solution)
    assert (before.score, before.max_score) == (12, 12)

    suite = course / "grader" / "suites" / "sigmoid" / "test_sigmoid.py"
    suite.write_text(suite.read_text() + EXTRA_CHECK)
    after = api.submit(solution)
    assert (after.score, after.max_score) == (12, 13)
    assert [c.name for c in after.checks if not c.passed] == ["test_added_check"]
