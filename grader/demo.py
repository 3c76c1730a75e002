"""The bundled sample class: submissions built from the stubs, solutions and mutants.

`build_sample_class(dest)` writes `dest/<student>/<exercise>.py` for a handful of students, so
`make demo` (and the tests) can grade a realistic class without shipping copies of solutions.
"""

from __future__ import annotations

from pathlib import Path

from grader.load import all_exercises
from grader.mutants import load_mutants


def build_sample_class(dest: Path) -> list[str]:
    """Write the sample class under `dest`; return the student names."""
    exercises = all_exercises()
    students: dict[str, dict[str, str]] = {"ada": {}, "boris": {}, "chen": {}, "dina": {}}
    for exercise in exercises.values():
        mutants = load_mutants(exercise)
        students["ada"][exercise.name] = exercise.solution.read_text(encoding="utf-8")
        students["boris"][exercise.name] = exercise.stub.read_text(encoding="utf-8")
        if mutants:
            students["chen"][exercise.name] = mutants[0].source
            students["dina"][exercise.name] = mutants[-1].source
    for student, files in students.items():
        folder = dest / student
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in files.items():
            (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return list(students)
