"""Hostile submissions of the second security round, graded in one session per isolation mode
among honest classmates: what one child leaves in memory or IPC, what the child may import,
deep work folders, forged load reports, AST bombs, telling one check's call from another.

Each asserts that the attacker learns or gains nothing, that the honest classmates graded before
and after it get exactly the same result, and that nothing is left on the machine (IPC objects,
POSIX shared memory, processes, work folders).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest
from cliutil import run_grade
from corpus import ROOT, Watch, check_summary, exercises_for_tests

from grader.course.limits import Limits
from grader.errors import InputError
from grader.gradebook.store import Gradebook
from grader.grading.run import Job, grade_many
from grader.model import ExerciseResult
from grader.render.terminal import render_submit
from grader.sandbox import Sandbox, detect
from grader.sandbox.cgroup import FALLBACK_PROCESSES, TreeLimit
from grader.sandbox.host import tree_bytes
from grader.sandbox.isolation import package_dirs

HERE = Path(__file__).resolve().parent / "round2"
SOLUTION = (ROOT / "solutions" / "sigmoid.py").read_text(encoding="utf-8")
MODES = ("bwrap", "rlimit")
BUDGET = 4.0  # sleeper and reloader need about 16 s for all checks; honest ones about 1 s
CALL_SECONDS = 2  # sigmoid's per-call limit here: the sleepers sleep just under it
IPC_TABLES = ("/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg")
FORGED = {
    "list": {"ok": True, "functions": ["sigmoid"]},
    "params": {"ok": True, "functions": {"sigmoid": {"params": "x", "line": "1"}}},
    "huge": {"ok": True, "functions": {f"f{i}": {"params": [], "line": 1} for i in range(5000)}},
    "kind": {"ok": True, "functions": {"sigmoid": {"params": [["x", "MAGIC", 0]]}}},
    "stand-ins": {"ok": True, "functions": {}, "stand_ins": ["x" * 5000]},
}
BOMBS = {
    "plus": "x = 1\ny = " + "+".join(["x"] * 200_000) + "\n",
    "minus": "y = " + "-" * 100_000 + "1\n",
}


@dataclass
class Session:
    results: dict[str, ExerciseResult]
    template_pids: tuple[int, int]
    marker: str
    before: dict[str, object]
    after: dict[str, object]
    leftovers: list[str]


def _machine_state() -> dict[str, object]:
    """What a child could leave behind on the machine."""
    state: dict[str, object] = {t: Path(t).read_text().splitlines()[1:] for t in IPC_TABLES}
    # (other programs on the machine may come and go there: only what these tests could make)
    state["/dev/shm"] = sorted(name for name in os.listdir("/dev/shm") if "nnlab" in name)
    state["work folders"] = sorted(
        p.name for p in Path("/tmp").glob(f"nnlab-sandbox-{os.getpid()}-*")
    )
    return state


def _with_budget(exercises: dict) -> dict:
    """sigmoid (CALL_SECONDS per call) with a budget of BUDGET seconds per submission."""
    sigmoid = exercises["sigmoid"]
    limits = dataclasses.replace(sigmoid.limits, budget_seconds=BUDGET)
    return {**exercises, "sigmoid": dataclasses.replace(sigmoid, limits=limits)}


def _hostile(name: str, tokens: dict[str, str], honest: bool = True) -> str:
    text = (HERE / f"{name}.py").read_text(encoding="utf-8")
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text + ("\n\n" + SOLUTION if honest else "")


@pytest.fixture(scope="module", params=MODES)
def session(request) -> Session:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NNLAB_SANDBOX", request.param)
        try:
            detect()
        except InputError as exc:
            pytest.skip(f"the bwrap mode cannot run on this machine: {exc}")
        marker = secrets.token_hex(8)
        tokens = {
            "@marker@": marker,
            '["@sites@"]': repr(package_dirs()),
            "@course@": str(ROOT),
        }
        jobs = [Job("sigmoid", SOLUTION, "first/sigmoid.py", 1, "first")]
        # The marker is in the writer's source and in its file and folder names.
        writer = f"student_NNLABMARK_{marker}/sigmoid.py"
        jobs.append(Job("sigmoid", _hostile("memory_writer", tokens), writer, 1, "writer"))
        for name in ("memory_reader", "deep_tree", "other_packages"):
            jobs.append(Job("sigmoid", _hostile(name, tokens), f"{name}/sigmoid.py", 1, name))
        for name, report in FORGED.items():
            source = _hostile("forged_report", {'{"@report@": None}': repr(report)}, honest=False)
            jobs.append(Job("sigmoid", source, f"forged/{name}.py", 1, f"forged-{name}"))
        for name, bomb in BOMBS.items():
            jobs.append(Job("sigmoid", bomb, f"bomb/{name}.py", 1, f"bomb-{name}"))
        jobs.append(Job("sigmoid", _hostile("nosy", tokens, False), "nosy/sigmoid.py", 1, "nosy"))
        for name in ("sleeper", "reloader"):
            source = _hostile(name, tokens, honest=False)
            jobs.append(Job("sigmoid", source, f"{name}/sigmoid.py", 1, name))
        jobs.append(Job("sigmoid", SOLUTION, "last/sigmoid.py", 1, "last"))
        results: dict[str, ExerciseResult] = {}
        order = iter(job.student for job in jobs)
        before = _machine_state()
        watch = Watch()
        try:
            with Sandbox() as sandbox:
                first_pid = sandbox._process.pid
                grade_many(
                    _with_budget(exercises_for_tests(CALL_SECONDS)),
                    jobs,
                    lambda result: results.__setitem__(next(order), result),
                    sandbox,
                )
                pids = (first_pid, sandbox._process.pid)
                leftovers = watch.leftovers(range(sandbox.uid_base, sandbox.uid_base + 1000))
        finally:
            watch.close()
        return Session(results, pids, marker, before, _machine_state(), leftovers)


def test_no_earlier_submission_in_a_childs_memory(session):
    reader = session.results["memory_reader"].output
    assert "scanned True found []" in reader, reader
    for student, result in session.results.items():
        if student != "writer":
            assert session.marker not in result.output, student


def test_ipc_objects_do_not_outlive_their_child(session):
    assert "writer made [" in session.results["writer"].output
    assert "ipc found -1 -1 -1 False" in session.results["memory_reader"].output


def test_only_numpy_and_the_standard_library_can_be_imported(session):
    output = session.results["other_packages"].output
    assert "imported []" in output, output
    assert "editable finder False" in output, output


def test_a_deep_work_folder_does_not_stop_the_template(session):
    assert session.template_pids[0] == session.template_pids[1]
    result = session.results["deep_tree"]
    assert result.error is None and result.score == result.max_score


@pytest.mark.parametrize("name", FORGED)
def test_a_forged_load_report_is_the_submissions_own_error(session, name):
    result = session.results[f"forged-{name}"]
    assert result.error is not None and result.error.key == "load.not-plain-data"
    assert result.score == 0


@pytest.mark.parametrize("name", BOMBS)
def test_an_ast_bomb_is_a_syntax_error_of_that_file(session, name):
    result = session.results[f"bomb-{name}"]
    assert result.error is not None and result.error.key == "load.syntax", result.error
    assert "nested too deeply" in result.error.params["message"]


def test_a_call_cannot_tell_which_check_compares_its_inputs(session):
    result = session.results["nosy"]
    keys = {line for line in result.output.splitlines() if line.startswith("keys")}
    assert keys == {"keys ['args', 'call', 'kwargs']"}, keys
    unchanged = [c for c in result.checks if c.name == "test_input_unchanged"]
    assert unchanged and not unchanged[0].passed


def test_honest_classmates_are_graded_the_same(session):
    first, last = session.results["first"], session.results["last"]
    assert first.score == first.max_score
    assert [check_summary(c) for c in first.checks] == [check_summary(c) for c in last.checks]
    for name in ("writer", "memory_reader", "other_packages"):
        assert session.results[name].score == first.max_score, name


def test_resources_return(session):
    assert session.after == session.before
    assert session.leftovers == []


@pytest.mark.parametrize("name", ["sleeper", "reloader"])
def test_a_submission_cannot_hold_a_worker_beyond_its_time_budget(session, name):
    result = session.results[name]
    budgeted = [c for c in result.checks if c.feedback and c.feedback.key == "time-budget"]
    assert budgeted, [c.feedback for c in result.checks]
    assert budgeted[-1] is result.checks[-1]  # every check after the budget ran out fails
    report = render_submit(result, "en")
    assert "time budget exhausted" in report
    # the budget, plus at most one call's limit started before it ran out, plus closing
    assert result.duration < BUDGET + 2 + 4


@pytest.fixture(params=MODES)
def sandbox_mode(request, monkeypatch):
    monkeypatch.setenv("NNLAB_SANDBOX", request.param)
    try:
        detect()
    except InputError as exc:
        pytest.skip(f"the bwrap mode cannot run on this machine: {exc}")
    return request.param


def _spread(sandbox: Sandbox, count: int, megabytes: int) -> list[int]:
    limits = dataclasses.replace(Limits(), wall_seconds=60)
    child = sandbox.load((HERE / "memory_tree.py").read_text(), "tree.py", "submission", limits)
    try:
        return child.call("spread", (count, megabytes))
    finally:
        child.close()


def test_the_memory_of_a_whole_process_tree_is_bounded(sandbox_mode):
    with Sandbox() as sandbox:
        if sandbox.tree is None:
            pytest.skip("no cgroup memory controller can be written on this machine")
        statuses = _spread(sandbox, 6, 400)  # 2.4 GiB in six processes of 400 MiB
        peak = sandbox.tree.peak()
        honest = sandbox.load(SOLUTION, "sigmoid.py", "submission", Limits())
        assert honest.call("sigmoid", (0.0,)) == 0.5
        honest.close()
        folder = sandbox.tree.folder
    assert peak is None or peak <= tree_bytes(Limits())
    assert statuses.count(9) >= 1, statuses  # killed when the tree ran out of memory
    assert not folder.exists()


def test_without_a_cgroup_a_child_may_start_fewer_processes(sandbox_mode, monkeypatch):
    monkeypatch.setattr(TreeLimit, "create", classmethod(lambda cls, limit: None))
    with Sandbox() as sandbox:
        assert sandbox.tree is None
        statuses = _spread(sandbox, 10, 1)
    assert len(statuses) == FALLBACK_PROCESSES - 1, statuses


def test_a_class_of_forged_reports_and_bombs_is_graded_to_the_end(tmp_path):
    folder = tmp_path / "class"
    sources = {
        f"forged-{name}": _hostile("forged_report", {'{"@report@": None}': repr(report)}, False)
        for name, report in FORGED.items()
    }
    sources.update({f"bomb-{name}": bomb for name, bomb in BOMBS.items()})
    sources["zz-honest"] = SOLUTION
    for student, source in sources.items():
        (folder / student).mkdir(parents=True)
        (folder / student / "sigmoid.py").write_text(source, encoding="utf-8")
    db = tmp_path / "g.sqlite"
    done = run_grade("batch", str(folder), "--db", str(db), "-e", "sigmoid", "-j", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    with Gradebook(db) as book:
        results = {student: result for (student, _), result in book.latest_results().items()}
    assert sorted(results) == sorted(sources)
    honest = results.pop("zz-honest")
    assert honest.score == honest.max_score
    for student, result in results.items():
        assert result.score == 0 and result.error is not None, student
