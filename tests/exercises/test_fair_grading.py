"""Grade the work, not the surface: table-driven rows per exercise, through the CLI.

One `grade batch` grades a class whose "students" are rows of the table, for every exercise:
  renamed     the reference with every function's first parameter renamed: full marks, and a
              notice naming the stub's convention
  missing-N   the reference with its N-th documented function hidden (renamed to _NAME): only
              checks that call it fail, each saying it is missing; the others pass
  stub-BODY   the stub with every body replaced by a do-nothing BODY: 0 on every exercise
  notepad     the reference saved by Windows Notepad (UTF-8 BOM, CRLF line ends): full marks
  plotting    the reference as a notebook that also plots with matplotlib and IPython.display:
              full marks, and a notice naming the stand-ins
Results are read back from `grade export --format results`, as an LMS would. One exercise file
importing another of the same student's is tested in tests/sandbox/test_files_as_written.py.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from cliutil import run_grade
from stubs import BODIES, do_nothing

from grader.course.load import all_exercises

EXERCISES = all_exercises()
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
FULL_MARKS_ROWS = ("renamed", "notepad", "plotting")


def notepad(source: str) -> bytes:
    """`source` as Windows Notepad saves it: a UTF-8 BOM and CRLF line ends."""
    return ("\ufeff" + source.replace("\n", "\r\n")).encode("utf-8")


def plotting_notebook(source: str) -> bytes:
    """`source` as a notebook's code cell, followed by a cell that draws and displays a plot."""
    plot = (
        "import matplotlib.pyplot as plt\n"
        "from IPython.display import display\n"
        "fig, ax = plt.subplots(1, 2)\n"
        "ax[0].plot([0, 1], [1, 0])\n"
        "plt.title('check')\n"
        "plt.show()\n"
        "display(fig)\n"
    )
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"c{i}",
            "metadata": {},
            "outputs": [],
            "source": text,
        }
        for i, text in enumerate((source, plot))
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook).encode("utf-8")


class _Rename(ast.NodeTransformer):
    """Rename each function's first required parameter (after self) to `<name>_in` in its body;
    keywords with defaults are part of the documented contract and keep their names."""

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        args = node.args.args[: len(node.args.args) - len(node.args.defaults)]
        params = [a for a in args if a.arg != "self"]
        if params:
            old, new = params[0].arg, params[0].arg + "_in"
            params[0].arg = new
            for inner in ast.walk(node):
                if isinstance(inner, ast.Name) and inner.id == old:
                    inner.id = new
        return node


def renamed(source: str) -> str:
    return ast.unparse(_Rename().visit(ast.parse(source))) + "\n"


def hidden(source: str, name: str) -> str:
    """`source` with the public `name` renamed to `_name` everywhere (callers still work)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            node.name = "_" + name
        elif isinstance(node, ast.Name) and node.id == name:
            node.id = "_" + name
    return ast.unparse(tree) + "\n"


def rows() -> dict[str, dict[str, str]]:
    """{student: {exercise: source}}."""
    table: dict[str, dict[str, str]] = {"renamed": {}}
    for name, ex in EXERCISES.items():
        solution = ex.solution.read_text(encoding="utf-8")
        table["renamed"][name] = renamed(solution)
        table.setdefault("notepad", {})[name] = solution
        table.setdefault("plotting", {})[name] = solution
        for index, signature in enumerate(ex.functions):
            table.setdefault(f"missing-{index}", {})[name] = hidden(solution, signature.name)
        for body in BODIES:
            table.setdefault(f"stub-{body}", {})[name] = do_nothing(ex.stub, body)
    return table


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[tuple[str, str], dict]:
    """results.json of every (student, exercise), from one `grade batch` and `grade export`."""
    root = tmp_path_factory.mktemp("fair")
    for student, files in rows().items():
        (root / "class" / student).mkdir(parents=True)
        for exercise, source in files.items():
            folder = root / "class" / student
            if student == "notepad":
                (folder / f"{exercise}.py").write_bytes(notepad(source))
            elif student == "plotting":
                (folder / f"{exercise}.ipynb").write_bytes(plotting_notebook(source))
            else:
                (folder / f"{exercise}.py").write_text(source, encoding="utf-8")
    db = root / "gradebook.sqlite"
    done = run_grade("batch", str(root / "class"), "--db", str(db), "-j", "2", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_grade("export", "--format", "results", "--out", str(root / "out"), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        (path.parent.parent.name, path.parent.name): json.loads(path.read_text(encoding="utf-8"))
        for path in (root / "out").glob("*/*/results.json")
    }


def max_score(result: dict) -> float:
    return float(sum(test["max_score"] for test in result["tests"]))


@pytest.mark.parametrize("row", FULL_MARKS_ROWS)
@pytest.mark.parametrize("exercise", EXERCISES)
def test_correct_work_scores_full_marks_however_it_is_written(graded, exercise, row):
    result = graded[(row, exercise)]
    assert result["score"] == max_score(result) > 0, [
        t["output"] for t in result["tests"] if t["status"] != "passed"
    ]
    if row == "renamed" and any(s.params for s in EXERCISES[exercise].functions):
        assert "names its parameters differently from the stub's" in result["output"]
    if row == "plotting":
        assert "matplotlib" in result["output"], result["output"]


@pytest.mark.parametrize(
    ("exercise", "index"),
    [(name, index) for name, ex in EXERCISES.items() for index in range(len(ex.functions))],
)
def test_a_missing_function_fails_only_the_checks_that_call_it(graded, exercise, index):
    functions = EXERCISES[exercise].functions
    name = functions[index].name
    result = graded[(f"missing-{index}", exercise)]
    failed = [t for t in result["tests"] if t["status"] != "passed"]
    if not failed:  # a helper no check calls on its own (net's sigmoid): nothing is lost
        assert result["score"] == max_score(result)
    for test in failed:
        assert f"{name} is missing from" in test["output"], test["output"]
        assert f"expected a function {functions[index]}" in test["output"]
    if len(functions) > 1:
        assert result["score"] > 0


@pytest.mark.parametrize("exercise", EXERCISES)
@pytest.mark.parametrize("body", BODIES)
def test_a_do_nothing_stub_scores_zero(graded, exercise, body):
    result = graded[(f"stub-{body}", exercise)]
    passed = [t["number"] for t in result["tests"] if t["status"] == "passed"]
    assert result["score"] == 0 and not passed, passed


# -- hand-written submissions, as students write them, through `grade submit` ------------------
@pytest.mark.parametrize(
    ("file", "exercise", "score", "shown"),
    [
        # a correct network whose sigmoid is inlined in forward: no top-level sigmoid at all
        ("net_no_sigmoid.py", "net", "16/16", "forward(params, x)"),
        # a correct network written with biases of shape (1, n) and predict's `> 0.5`: only
        # the two checks about shapes are lost; the threshold is advice
        ("net_bias_row.py", "net", "14/16", "differs from the stub only where the output"),
        # parameters named img, k and keywords in another order: full marks
        ("conv_renamed.py", "conv", "14/14", "conv2d(img, k, padding=…, stride=…)"),
        # no stride parameter at all: the checks passing stride= fail, naming it
        ("conv_no_stride.py", "conv", "6/14", "conv2d has no parameter named stride"),
        # a right sigmoid with the derivative misspelled: exactly the sigmoid checks' points
        ("sigmoid_no_derivative.py", "sigmoid", "7/12", "sigmoid_derivative is missing from"),
        # sigmoid left as None: its checks say it is missing; the derivative's still run
        ("sigmoid_not_a_function.py", "sigmoid", "3/12", "sigmoid is missing from"),
    ],
)
def test_student_style_submissions(file, exercise, score, shown):
    done = run_grade("submit", str(SUBMISSIONS / file), "--exercise", exercise)
    assert "Traceback" not in done.stdout + done.stderr
    assert f"Score: {score}" in done.stdout, done.stdout
    assert shown in done.stdout
