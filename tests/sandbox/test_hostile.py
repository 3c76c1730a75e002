"""Hostile submissions graded through the public API, in both isolation modes.

Each submission in hostile/ gets exactly the verdict hostile/verdicts.yaml gives it (score, failed
checks, feedback keys, the words the student reads), and never more than an honest wrong answer
would. The grader stays up, and nothing outside the sandbox changes: no process survives, no file
changes, nothing reaches the network, no secret leaks. The whole corpus is graded in one
grade_many session per mode (a module-scoped fixture).
"""

from __future__ import annotations

import builtins
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from corpus import (
    COURSE_FILES,
    REFERENCE,
    ROOT,
    SHARED_PLACES,
    Listeners,
    Session,
    Watch,
    check_summary,
    grade_corpus,
    manifest,
)

from grader.errors import InputError
from grader.render.environment import points
from grader.sandbox import detect

ENTRIES = manifest()
MODES = ("bwrap", "rlimit")
# What a submission printed or raised may reach a terminal: no control character may.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ORIGINALS = {
    "numpy.allclose": np.allclose,
    "numpy.isclose": np.isclose,
    "numpy.array_equal": np.array_equal,
    "builtins.isinstance": builtins.isinstance,
    "builtins.abs": builtins.abs,
    "builtins.print": builtins.print,
}


@pytest.fixture(scope="module")
def watch():
    watching = Watch()
    yield watching
    watching.close()


@pytest.fixture(scope="module", params=MODES)
def graded(request, watch) -> Session:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NNLAB_SANDBOX", request.param)
        env.setenv("NNLAB_CANARY_SECRET", watch.secret)  # the grader's own environment
        try:
            detect()
        except InputError as exc:
            pytest.skip(f"the bwrap mode cannot run on this machine: {exc}")
        return grade_corpus(ENTRIES, watch)


def outcome_of(graded: Session, name: str):
    if name in graded.skipped:
        pytest.skip(graded.skipped[name])
    return graded.outcomes[name]


@pytest.mark.parametrize("name", list(ENTRIES))
def test_verdict_is_exact(graded, name):
    entry, outcome = ENTRIES[name], outcome_of(graded, name)
    result = outcome.result
    checks = [check.name for check in result.checks]
    failed = [check.name for check in result.checks if not check.passed]
    if entry.like:
        twin = graded.outcomes[entry.like].result
        assert [check_summary(c) for c in result.checks] == [check_summary(c) for c in twin.checks]
        assert result.error == twin.error
    if entry.error:
        assert result.error is not None and result.error.key == entry.error, result.error
        assert failed == checks and result.score == 0
    elif entry.like is None:
        assert result.error is None, result.error
    if entry.score is not None:
        assert result.score == (result.max_score if entry.score == "full" else entry.score)
    if entry.failed is not None:
        assert failed == (checks if entry.failed == "all" else entry.failed)
    if entry.key:
        for check in result.checks:
            if not check.passed:
                assert check.feedback.key == entry.expected_key(check.name), check
    for line in entry.says:
        assert line in outcome.report, outcome.report


@pytest.mark.parametrize("name", list(ENTRIES))
def test_nothing_escapes_the_sandbox(graded, name, watch):
    outcome = outcome_of(graded, name)
    assert outcome.leftovers == [], "processes outlived the grading"
    assert outcome.changed == [], "files outside the sandbox changed"
    assert outcome.hits == [], "the submission reached the network"
    assert not CONTROL_CHARACTERS.search(outcome.report), repr(outcome.report)
    assert watch.secret not in outcome.report and watch.secret not in outcome.result.output
    result = outcome.result
    score_lines = [line for line in outcome.report.splitlines() if line.startswith("Score")]
    assert score_lines == [
        f"Score: {points(result.score)}/{points(result.max_score)} "
        f"({100 * result.score / result.max_score:.0f} %)"
    ]


def test_the_grader_stays_up_and_grades_everything(graded):
    expected = {name for name in ENTRIES if name not in graded.skipped} | {REFERENCE}
    assert set(graded.outcomes) == expected
    assert graded.outcomes[REFERENCE].result.full_marks
    assert all(outcome.result.isolation == graded.mode for outcome in graded.outcomes.values())


def test_monkeypatching_in_the_child_cannot_reach_the_grader(graded):
    current = {
        "numpy.allclose": np.allclose,
        "numpy.isclose": np.isclose,
        "numpy.array_equal": np.array_equal,
        "builtins.isinstance": builtins.isinstance,
        "builtins.abs": builtins.abs,
        "builtins.print": builtins.print,
    }
    assert current == ORIGINALS
    assert sys.modules["pytest"] is pytest
    assert "submission" not in sys.modules


def test_as_root_both_modes_confine_fully(graded):
    """CI runs as root: there each mode must achieve every feature (bwrap by itself, rlimit by
    building its own namespaces), so no entry of the corpus is skipped."""
    if os.getuid() != 0:
        pytest.skip("not running as root: the rlimit mode cannot build namespaces")
    assert set(graded.features) == {"own-uid", "no-network", "private-files", "hidden-processes"}
    assert graded.skipped == {}


ATTACKS = [name for name, entry in ENTRIES.items() if entry.attack]


@pytest.mark.parametrize("name", ATTACKS)
def test_the_attack_works_when_not_confined(name, watch, tmp_path):
    """Run unconfined, in a plain interpreter, each attack does get the right answers: so its
    honest-wrong verdict in the sandbox is the sandbox's doing, not a dud attack."""
    course = tmp_path / "course"
    for relative in COURSE_FILES:
        source, target = ROOT / relative, course / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "notes.txt").write_text("notes\n")
    work = tmp_path / "work"
    work.mkdir()
    listeners = Listeners()
    mark = f"nnc{watch.mark[3:]}"
    tokens = {
        **watch.tokens,
        "@course@": str(course),
        "@canary@": str(canary),
        "@mark@": mark,
        "@port@": str(listeners.port),
        "@abstract@": listeners.abstract,
    }
    script = work / "attack.py"
    script.write_text(ENTRIES[name].source(tokens) + "\nprint('sigmoid(0.0) =', sigmoid(0.0))\n")
    try:
        done = subprocess.run(
            [sys.executable, str(script)],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "HOME": str(work), "NNLAB_CANARY_SECRET": watch.secret},
        )
    finally:
        listeners.close()
        for place in SHARED_PLACES:
            Path(place, f"{mark}-written").unlink(missing_ok=True)
    assert "sigmoid(0.0) = 0.5" in done.stdout, done.stdout + done.stderr
