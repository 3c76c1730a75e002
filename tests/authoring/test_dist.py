"""`grade dist`: the student bundle installs in a fresh venv, self-checks, and holds no solution.

The fresh venv gets the bundle installed with pip, as its README tells students, but without
downloading the dependencies again: `python -m venv --without-pip` plus a .pth file that puts
this venv's site-packages (numpy, pytest, ...) on its path, and this venv's pip installs the
bundle with `--no-deps` (pip fetches only setuptools, the bundle's build backend, from the
package index). It takes seconds and works wherever the project itself could be installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from authorutil import grade
from cliutil import ROOT, copy_course, list_rows

# The exercises bundled here: two of the core three (net would add as many gradings again to
# the build, and nothing the bundle is tested for here is particular to it).
BUNDLED = ("sigmoid", "conv")

# Lines that only the reference solutions contain (checked below to still be in them).
SOLUTION_LINES = {
    "sigmoid": ["result = np.where(values >= 0, 1.0 / (1.0 + small), small / (1.0 + small))"],
    "conv": [
        "window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]",
        'raise ValueError("kernel is larger than the padded image")',
    ],
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle of a course holding the exercises BUNDLED."""
    course = copy_course(tmp_path_factory.mktemp("course"), BUNDLED)
    out = tmp_path_factory.mktemp("dist") / "nnlab-student"
    done = grade("dist", str(out), root=course, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        f"Student bundle: {out} and {out}.zip",
        f"{len(BUNDLED)} exercises, expected values recorded for seed 0; "
        f"{sum(1 for p in out.rglob('*') if p.is_file())} files, no reference solutions.",
    ]
    return out


@pytest.fixture(scope="module")
def venv(bundle, tmp_path_factory) -> Path:
    """A fresh venv with the bundle pip-installed (editable, as the bundle's README says)."""
    folder = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "nnlab-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "-e",
            str(bundle),
        ],
        check=True,
        timeout=600,
    )
    return folder


def student(venv: Path, *args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """`grade ARGS...` as the student runs it: the venv's own entry point, no PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNLAB_ROOT")}
    env.update(
        NO_COLOR="1",
        NNLAB_DB=str(home / "progress.sqlite"),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
    )
    return subprocess.run(
        [str(venv / "bin" / "grade"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_bundle_holds_what_self_check_needs(bundle):
    for path in (
        "README.md",
        "pyproject.toml",
        "bundle.json",
        "grader/cli.py",
        "grader/grading/reference.py",
        "quizzes/training.yaml",
    ):
        assert (bundle / path).is_file(), path
    for name in BUNDLED:
        assert (bundle / "exercises" / f"{name}.py").read_text() == (
            ROOT / "exercises" / f"{name}.py"
        ).read_text()
        suite = bundle / "grader" / "suites" / name
        assert sorted(p.name for p in suite.iterdir()) == [
            "exercise.yaml",
            "expected.json",
            f"test_{name}.py",
        ]
    with zipfile.ZipFile(f"{bundle}.zip") as archive:
        members = {m for m in archive.namelist() if not m.endswith("/")}
    assert members == {
        f"nnlab-student/{p.relative_to(bundle).as_posix()}"
        for p in bundle.rglob("*")
        if p.is_file()
    }


def test_no_solution_source_in_the_bundle(bundle):
    assert not (bundle / "solutions").exists()
    leftovers = [
        p
        for p in bundle.rglob("*")
        if p.name in ("__pycache__", "mutants", "mutation.yaml", "authoring") or p.suffix == ".pyc"
    ]
    assert leftovers == []
    texts = {p: p.read_bytes().decode("utf-8", "replace") for p in bundle.rglob("*") if p.is_file()}
    with zipfile.ZipFile(f"{bundle}.zip") as archive:
        texts.update({m: archive.read(m).decode("utf-8", "replace") for m in archive.namelist()})
    for name, lines in SOLUTION_LINES.items():
        solution = (ROOT / "solutions" / f"{name}.py").read_text()
        for line in lines:
            assert line in solution, f"update SOLUTION_LINES: {line!r} left solutions/{name}.py"
            assert [where for where, text in texts.items() if line in text] == [], line


def test_a_correct_submission_gets_full_marks_in_a_fresh_venv(venv, bundle, tmp_path):
    for name in BUNDLED:
        mine = tmp_path / f"{name}.py"
        mine.write_text((ROOT / "solutions" / f"{name}.py").read_text())
        done = student(venv, "submit", str(mine), cwd=bundle, home=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "All checks passed." in done.stdout


def test_the_stub_scores_zero_and_other_seeds_are_for_the_instructor(venv, bundle, tmp_path):
    done = student(venv, "submit", "exercises/conv.py", cwd=bundle, home=tmp_path)
    assert done.returncode == 1 and "Score: 0/14 (0 %)" in done.stdout
    mine = tmp_path / "conv.py"
    mine.write_text((ROOT / "solutions" / "conv.py").read_text())
    other = student(venv, "submit", str(mine), "--seed", "7", cwd=tmp_path, home=tmp_path)
    assert other.returncode == 2 and other.stdout == ""
    assert other.stderr == (
        "grade: this student bundle can check --seed 0 only (expected "
        "values are recorded for it); other seeds are graded by your "
        "instructor\n"
    )


def test_the_bundle_has_no_instructor_commands(venv, bundle, tmp_path):
    listed = student(venv, "list", cwd=bundle, home=tmp_path)
    assert listed.returncode == 0
    assert list(list_rows(listed.stdout)) == list(BUNDLED)
    for command in ("validate", "dist", "new", "demo"):
        done = student(venv, command, "--help", cwd=bundle, home=tmp_path)
        assert done.returncode == 2 and f"No such command '{command}'" in done.stderr
