"""A synthetic class of 30+ students, built from the course's own files and graded once.

Correct (solutions), partial (mutants), stubs, broken (syntax error), hanging (an endless loop in
a function, and one at import), missing (empty folder, unrecognised file, a notebook, a roster
entry without any folder), two Moodle-named folders, quiz answers, and a name full of HTML.
The sigmoid exercise's wall limit is lowered to 1 s through the library API, honestly: the hangs
then cost a second per call instead of ten.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from grader.classroom.batch import BatchOutcome, course_banks
from grader.classroom.demo import quiz_answers, syntax_error
from grader.course.load import all_exercises
from grader.course.source import read_submission
from grader.errors import InputError
from grader.gradebook.report import ClassReport
from grader.grading.mutants import Mutant, load_mutants

CORE = ("sigmoid", "conv", "net")
HANG_LIMIT = 1.0
EVIL = "Zoë <img src=x onerror=alert(1)> & co"
MOODLE = {"100001": "Ada Lovelace", "100002": "Alan Turing"}

HANG_IN_FUNCTION = "\n\ndef sigmoid_derivative(x):\n    while True:\n        pass\n"
HANG_AT_IMPORT = "\n\nwhile True:\n    pass\n"
CRASH_IN_FUNCTION = "\n\ndef sigmoid_derivative(x):\n    import os\n    os.abort()\n"


def core_exercises() -> dict:
    """The three core exercises, sigmoid with a 1 s wall limit per call."""
    every = all_exercises()
    exercises = {name: every[name] for name in CORE}
    sigmoid = exercises["sigmoid"]
    exercises["sigmoid"] = dataclasses.replace(
        sigmoid, limits=dataclasses.replace(sigmoid.limits, wall_seconds=HANG_LIMIT)
    )
    return exercises


@dataclass
class SyntheticClass:
    """The class on disk, what each student was given, and the graded result."""

    folder: Path
    db: Path
    roster: Path
    exercises: dict
    plan: dict[str, dict[str, str]] = field(default_factory=dict)  # student -> exercise -> kind
    mutants: dict[tuple[str, str], Mutant] = field(default_factory=dict)
    notebooks: bool = False
    outcome: BatchOutcome | None = None
    report: ClassReport | None = None

    def students(self, kind: str) -> list[str]:
        return [s for s, plan in self.plan.items() if kind in plan.values()]


def notebooks_supported(path: Path) -> bool:
    """Whether grader.course.load.read_submission turns a notebook into Python code."""
    try:
        text = read_submission(path)
    except InputError:
        return False
    return not text.lstrip().startswith("{")


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def build_class(root: Path) -> SyntheticClass:
    exercises = core_exercises()
    solutions = {n: ex.solution.read_text(encoding="utf-8") for n, ex in exercises.items()}
    stubs = {n: ex.stub.read_text(encoding="utf-8") for n, ex in exercises.items()}
    mutants = {n: load_mutants(ex) for n, ex in exercises.items()}
    sc = SyntheticClass(root / "class", root / "gradebook.sqlite", root / "roster.csv", exercises)

    def student(name: str, files: dict[str, tuple[str, str]], folder: str | None = None):
        sc.plan[name] = {ex: kind for ex, (kind, _) in files.items()}
        write(sc.folder / (folder or name), {f"{ex}.py": src for ex, (_, src) in files.items()})

    for i in range(1, 7):
        student(f"correct-{i:02}", {n: ("solution", solutions[n]) for n in CORE})
    for i in range(14):
        files = {}
        for n in CORE:
            if n == "sigmoid" and i % 2 == 0:
                files[n] = ("solution", solutions[n])
            else:
                mutant = mutants[n][i % len(mutants[n])]
                sc.mutants[(f"partial-{i:02}", n)] = mutant
                files[n] = ("mutant", mutant.source)
        student(f"partial-{i:02}", files)
    for i in range(1, 4):
        student(f"stub-{i:02}", {n: ("stub", stubs[n]) for n in CORE})
    student(
        "broken-conv",
        {
            "sigmoid": ("solution", solutions["sigmoid"]),
            "conv": ("syntax", syntax_error(solutions["conv"])),
            "net": ("solution", solutions["net"]),
        },
    )
    student("broken-all", {n: ("syntax", syntax_error(solutions[n])) for n in CORE})
    student(
        "hang-derivative",
        {
            "sigmoid": ("hang", solutions["sigmoid"] + HANG_IN_FUNCTION),
            "conv": ("solution", solutions["conv"]),
            "net": ("solution", solutions["net"]),
        },
    )
    student(
        "crash-derivative",
        {
            "sigmoid": ("crash", solutions["sigmoid"] + CRASH_IN_FUNCTION),
            "conv": ("solution", solutions["conv"]),
        },
    )
    student("hang-import", {"sigmoid": ("hang-import", solutions["sigmoid"] + HANG_AT_IMPORT)})
    for sid, name in MOODLE.items():
        student(
            sid,
            {
                "sigmoid": ("solution", solutions["sigmoid"]),
                "conv": ("mutant", mutants["conv"][0].source),
            },
            folder=f"{name}_{sid}_assignsubmission_file_",
        )
    student(EVIL, {"sigmoid": ("solution", solutions["sigmoid"])})
    # missing: nothing at all, an unrecognised file, a notebook only, and a roster-only student
    (sc.folder / "missing-empty").mkdir(parents=True)
    write(sc.folder / "missing-misnamed", {"lab2.py": "# notes\nlearning_rate = 0.1\n"})
    sc.plan.update({"missing-empty": {}, "missing-misnamed": {}, "absent-01": {}})
    # files named as people name them: matched by name, or by the functions they define
    write(sc.folder / "renamed-by-name", {"Lab2_Conv (1).PY": solutions["conv"]})
    write(sc.folder / "renamed-by-functions", {"lab2.py": solutions["conv"]})
    sc.plan.update({"renamed-by-name": {"conv": "solution"}})
    sc.plan.update({"renamed-by-functions": {"conv": "solution"}})
    # a notebook: graded when the grader reads notebooks, else skipped with a message
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Lab 2"),
            nbformat.v4.new_code_cell(solutions["conv"]),
        ]
    )
    write(sc.folder / "notebook-conv", {"conv.ipynb": nbformat.writes(notebook)})
    sc.notebooks = notebooks_supported(sc.folder / "notebook-conv" / "conv.ipynb")
    sc.plan["notebook-conv"] = {"conv": "solution"} if sc.notebooks else {}
    # quiz answers: better students answer more questions right
    banks, _ = course_banks()
    questions = [q for bank in banks for q in bank.questions][:10]
    for i, name in enumerate(
        [
            "correct-01",
            "correct-02",
            "partial-00",
            "partial-01",
            "partial-02",
            "partial-03",
            "stub-01",
            "broken-conv",
        ]
    ):
        answers = quiz_answers(questions, lambda k, i=i: (k + i) % 8 >= i)
        write(sc.folder / name, {"quiz.yaml": yaml.safe_dump({"answers": answers})})
    with open(sc.roster, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "section", "idnumber"])
        writer.writerow(["correct-01", "Correct One", "one@example.org", "A", "ID-0001"])
        writer.writerow(["100001", "Ada Lovelace", "ada@example.org", "B", ""])
        writer.writerow(["absent-01", "Absent Student", "absent@example.org", "A", ""])
    return sc
