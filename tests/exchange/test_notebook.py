"""Notebook submissions through `grade submit`, and how their code is taken from the cells."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from cliutil import ROOT
from exchangeutil import one_error_line
from nbformat import v4

from grader.course.notebook import locate, notebook_code
from grader.errors import InputError

SOLUTION = (ROOT / "solutions" / "conv.py").read_text(encoding="utf-8")
FLIPPED = SOLUTION.replace("window * kernel)", "window * kernel[::-1, ::-1])")
IMPORTS, _, BODY = SOLUTION.partition("\n\n\n")


def write_notebook(path: Path, *cells: str, markdown: bool = True) -> Path:
    """A notebook as Jupyter saves it: a markdown cell, then the given code cells."""
    notebook = v4.new_notebook()
    if markdown:
        notebook.cells.append(v4.new_markdown_cell("# Convolution\nMy solution."))
    notebook.cells += [v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, str(path))
    return path


def report(done) -> list[str]:
    return done.stdout.splitlines()


def test_the_reference_solution_as_a_notebook_scores_full_marks(grade, tmp_path: Path):
    notebook = write_notebook(tmp_path / "conv.ipynb", IMPORTS, BODY)
    done = grade("submit", notebook)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Score: 14/14 (100 %)" in report(done)
    assert not any(line.startswith("note:") for line in report(done))
    done = grade("submit", notebook, "--json")
    result = json.loads(done.stdout)
    assert result["score"] == result["max_score"] == 14


def test_a_wrong_notebook_names_its_misconception(grade, tmp_path: Path):
    notebook = write_notebook(tmp_path / "work.ipynb", FLIPPED)
    done = grade("submit", notebook, "--exercise", "conv")
    assert done.returncode == 1
    assert "  ✗ An asymmetric kernel is applied without flipping  [0/2]" in report(done)
    assert any(
        line.strip().startswith("Likely misconception: Flipped kernel") for line in report(done)
    )
    assert f"grade submit {notebook} --exercise conv --seed 0" in done.stdout


def test_magic_and_shell_lines_are_left_out_with_a_note(grade, tmp_path: Path):
    notebook = write_notebook(
        tmp_path / "conv.ipynb",
        "%matplotlib inline\n!pip install numpy\n" + IMPORTS,
        "files = !ls\n" + BODY,
        "conv2d?",
    )
    done = grade("submit", notebook)
    assert done.returncode == 0, done.stdout
    lines = report(done)
    assert lines[1:5] == [
        "note: cell 2, line 1: left out `%matplotlib inline`; IPython magics and ! shell "
        "commands do not run in the grader",
        "note: cell 2, line 2: left out `!pip install numpy`; IPython magics and ! shell "
        "commands do not run in the grader",
        "note: cell 3, line 1: left out `files = !ls`; IPython magics and ! shell commands do "
        "not run in the grader",
        "note: cell 4, line 1: left out `conv2d?`; IPython magics and ! shell commands do not "
        "run in the grader",
    ]
    assert "Score: 14/14 (100 %)" in lines


def test_cell_magics(grade, tmp_path: Path):
    notebook = write_notebook(
        tmp_path / "conv.ipynb", "%%bash\necho hello\nexit 3", "%%time\n" + SOLUTION
    )
    done = grade("submit", notebook)
    assert done.returncode == 0, done.stdout
    assert report(done)[1:3] == [
        "note: cell 2: left out the whole cell, which starts with the cell magic %%bash",
        "note: cell 3: graded its code without the first line %%time",
    ]


def test_stored_outputs_errors_and_widgets_do_not_matter(grade, tmp_path: Path):
    notebook = v4.new_notebook()
    cell = v4.new_code_cell(SOLUTION, execution_count=7)
    cell.outputs = [
        v4.new_output("stream", name="stdout", text="hello\n"),
        v4.new_output("error", ename="ValueError", evalue="boom", traceback=["Traceback…"]),
        v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {
                    "model_id": "m1",
                    "version_major": 2,
                    "version_minor": 0,
                },
                "text/plain": "IntSlider(value=3)",
                "image/png": "iVBORw0KGgo=",
            },
        ),
    ]
    notebook.cells = [cell, v4.new_raw_cell("raw text, not code")]
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {
                "m1": {
                    "model_name": "IntSliderModel",
                    "model_module": "@jupyter-widgets/controls",
                    "model_module_version": "2.0.0",
                    "state": {"value": 3},
                }
            },
            "version_major": 2,
            "version_minor": 0,
        }
    }
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "conv.ipynb"
    nbformat.write(notebook, str(path))
    done = grade("submit", path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(line.startswith("note:") for line in report(done))


def test_a_notebook_that_is_not_json_gives_one_line(grade, tmp_path: Path):
    path = tmp_path / "conv.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}\n', encoding="utf-8")
    error = one_error_line(grade("submit", path))
    assert error.startswith(f"grade: {path}:3: not a valid notebook: not JSON (")
    assert grade("submit", path).stdout == ""


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("[1, 2]", "the top level is not a JSON object"),
        (
            '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
            '"metadata": {}, "outputs": [], "execution_count": null}]}',
            "'source' is a required",
        ),
        ('{"nbformat": 9, "cells": []}', "nbformat version 9"),
    ],
)
def test_a_notebook_whose_cells_cannot_be_read_gives_one_line(
    grade, tmp_path: Path, content, detail
):
    path = tmp_path / "conv.ipynb"
    path.write_text(content, encoding="utf-8")
    error = one_error_line(grade("submit", path))
    assert error.startswith(f"grade: {path}") and "not a valid notebook: " in error
    assert detail in error


def test_a_notebook_invalid_only_in_its_metadata_is_graded_with_a_note(grade, tmp_path: Path):
    path = write_notebook(tmp_path / "conv.ipynb", SOLUTION)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["metadata"]["kernelspec"] = {"name": "python3"}  # display_name is required
    path.write_text(json.dumps(data), encoding="utf-8")
    done = grade("submit", path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert report(done)[1] == (
        "note: the notebook does not fully follow the notebook format (metadata.kernelspec: "
        "'display_name' is a required property); its code cells were graded anyway"
    )


def test_line_numbers_of_errors_point_into_cells(grade, tmp_path: Path):
    notebook = write_notebook(
        tmp_path / "conv.ipynb", IMPORTS, BODY.replace("    if stride < 1:", "    if stride < 1\n")
    )
    done = grade("submit", notebook)
    assert done.returncode == 1
    lines = report(done)
    cell_line = 1 + BODY.splitlines().index("    if stride < 1:")
    code_line = 1 + len(IMPORTS.splitlines()) + 1 + cell_line  # two cell headers
    assert lines[1] == (
        f"note: line {code_line} of the code taken from the notebook is line {cell_line} of cell 3"
    )
    assert lines[2] == f"{notebook}:{code_line}: syntax error: expected ':'"


def test_the_exercise_comes_from_the_file_name(grade, tmp_path: Path):
    notebook = write_notebook(tmp_path / "homework.ipynb", SOLUTION)
    error = one_error_line(grade("submit", notebook))
    assert "cannot tell which exercise this is; name it with --exercise" in error


def test_notes_in_russian(grade, tmp_path: Path):
    notebook = write_notebook(tmp_path / "conv.ipynb", "%matplotlib inline\n" + SOLUTION)
    done = grade("submit", notebook, "--lang", "ru")
    assert report(done)[1].startswith("note: ячейка 2, строка 1: пропущено `%matplotlib inline`")


# -- how code is taken from the cells (no grading) --------------------------------------------


def _code(*cells: str) -> tuple[str, list]:
    notebook = v4.new_notebook()
    notebook.cells = [v4.new_markdown_cell("intro"), *map(v4.new_code_cell, cells)]
    return notebook_code(nbformat.writes(notebook), "x.ipynb")


def test_cells_are_joined_in_order_under_a_header_and_lines_map_back():
    source, notices = _code("a = 1\nb = 2", "", "c = a % \\\n    b")
    assert (
        source == "# %% [cell 2]\na = 1\nb = 2\n# %% [cell 3]\n# %% [cell 4]\nc = a % \\\n    b\n"
    )
    assert notices == []
    assert [locate(source, line) for line in range(1, 8)] == [
        None,
        (2, 1),
        (2, 2),
        None,
        None,
        (4, 1),
        (4, 2),
    ]


def test_only_cells_that_do_not_parse_lose_lines():
    source, _ = _code("x = (1\n%2)", "if True:\n    !ls\n    %time f()\nprint(1)")
    assert source.splitlines()[1:3] == ["x = (1", "%2)"]  # a modulo, not a magic
    assert source.splitlines()[4:7] == [
        "if True:",
        "    pass  # left out by nnlab: !ls",
        "    pass  # left out by nnlab: %time f()",
    ]


def test_many_left_out_lines_are_summarized():
    _, notices = _code("\n".join(f"!echo {i}" for i in range(8)))
    assert [n.key for n in notices] == ["notebook.dropped"] * 5 + ["notebook.dropped-more"]
    assert notices[-1].params == {"count": 3}


def test_a_notebook_without_code_cells():
    source, notices = _code()
    assert source == "\n" and [n.key for n in notices] == ["notebook.no-code"]


def test_a_notebook_in_the_old_format_is_converted():
    old = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "code", "input": "x = 1", "language": "python", "outputs": []}
                ]
            }
        ],
    }
    source, notices = notebook_code(json.dumps(old).encode(), "old.ipynb")
    assert source == "# %% [cell 1]\nx = 1\n" and notices == []


def test_bytes_that_are_not_utf8():
    with pytest.raises(InputError, match=r"x.ipynb: not a valid notebook: not UTF-8"):
        notebook_code(b'{"cells": "\xff"}', "x.ipynb")
