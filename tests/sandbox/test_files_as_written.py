"""Files as students write them, through the CLI: a BOM and Windows line ends, one exercise file
importing another of the same student's (in `grade submit` and `grade batch`), a missing sibling,
and a notebook that plots with matplotlib and IPython.display."""

from __future__ import annotations

import json
import re

import pytest
from cliutil import ROOT, run_grade

from grader.gradebook.store import Gradebook

SIGMOID = (ROOT / "solutions" / "sigmoid.py").read_text(encoding="utf-8")
NET = (ROOT / "solutions" / "net.py").read_text(encoding="utf-8")


def _net_importing_sigmoid() -> str:
    """The reference net.py with its own sigmoid replaced by `from sigmoid import sigmoid`."""
    start, end = NET.index("def sigmoid"), NET.index("def init_params")
    return NET[:start] + "from sigmoid import sigmoid\n\n\n" + NET[end:]


def _notepad(text: str) -> bytes:
    """`text` as Windows Notepad saves it: a UTF-8 BOM and CRLF line ends."""
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


def _score(stdout: str) -> tuple[int, int]:
    found = re.search(r"^Score: (\d+)/(\d+)", stdout, re.M)
    assert found, stdout
    return int(found.group(1)), int(found.group(2))


def test_a_bom_and_crlf_are_accepted(tmp_path):
    (tmp_path / "sigmoid.py").write_bytes(_notepad(SIGMOID))
    done = run_grade("submit", str(tmp_path / "sigmoid.py"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _score(done.stdout) == (12, 12)


def test_an_exercise_file_imports_a_sibling_from_its_folder(tmp_path):
    (tmp_path / "sigmoid.py").write_bytes(_notepad(SIGMOID))
    (tmp_path / "net.py").write_text(_net_importing_sigmoid(), encoding="utf-8")
    done = run_grade("submit", str(tmp_path / "net.py"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _score(done.stdout) == (16, 16)


def test_a_missing_sibling_is_a_load_error_naming_it(tmp_path):
    (tmp_path / "net.py").write_text(_net_importing_sigmoid(), encoding="utf-8")
    done = run_grade("submit", str(tmp_path / "net.py"))
    assert done.returncode == 1
    assert "net.py imports sigmoid, but sigmoid.py is not in the same folder" in done.stdout
    assert _score(done.stdout) == (0, 16)


def test_a_sibling_import_in_a_batch_uses_the_same_students_file(tmp_path):
    folder = tmp_path / "class"
    for student, sigmoid in (("ann", SIGMOID), ("bob", "def sigmoid(x):\n    return 0.5\n")):
        (folder / student).mkdir(parents=True)
        (folder / student / "net.py").write_text(_net_importing_sigmoid(), encoding="utf-8")
        (folder / student / "sigmoid.py").write_text(sigmoid, encoding="utf-8")
    db = tmp_path / "g.sqlite"
    done = run_grade("batch", str(folder), "--db", str(db), "-e", "net", "-e", "sigmoid")
    assert done.returncode == 0, done.stdout + done.stderr
    with Gradebook(db) as book:
        results = book.latest_results(["net"])
    ann, bob = results[("ann", "net")], results[("bob", "net")]
    assert ann.score == ann.max_score
    assert bob.score < ann.score  # bob's own (wrong) sigmoid, not ann's


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "id": f"c{i}",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": cell,
                }
                for i, cell in enumerate(cells)
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


PLOTS = """\
import matplotlib.pyplot as plt
from IPython.display import display, HTML
xs = np.linspace(-5, 5, 50)
fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3))
left.plot(xs, sigmoid(xs)); left.set_title("sigmoid")
right.plot(xs, sigmoid_derivative(xs))
plt.legend(); plt.savefig("plot.png"); plt.show()
display(HTML("<b>done</b>"))
"""


@pytest.mark.parametrize("wrong", [False, True])
def test_a_notebook_that_plots_grades_like_the_same_code_without_plots(tmp_path, wrong):
    code = "import numpy as np\n" + SIGMOID.replace("import numpy as np\n", "")
    if wrong:
        code = code.replace("1.0 + small", "2.0 + small")
    (tmp_path / "plain.ipynb").write_text(_notebook([code]), encoding="utf-8")
    (tmp_path / "plots.ipynb").write_bytes(_notepad(_notebook([code, PLOTS])))
    plain = run_grade("submit", str(tmp_path / "plain.ipynb"), "--exercise", "sigmoid", "--json")
    plots = run_grade("submit", str(tmp_path / "plots.ipynb"), "--exercise", "sigmoid", "--json")
    assert json.loads(plots.stdout)["tests"] == json.loads(plain.stdout)["tests"]
    text = run_grade("submit", str(tmp_path / "plots.ipynb"), "--exercise", "sigmoid").stdout
    assert "matplotlib, IPython: imported, but nothing is drawn" in text
