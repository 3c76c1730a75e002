"""`grade new NAME`: the files of a new exercise, in the project's conventions.

    exercises/NAME.py                   stub: every function raises NotImplementedError
    solutions/NAME.py                   reference solution (a placeholder to replace)
    grader/suites/NAME/exercise.yaml    metadata: title, order, limits, signatures, ...
    grader/suites/NAME/test_NAME.py     hidden suite: one check per function, with points
    grader/suites/NAME/mutants/         known-wrong variants (README.md explains the format)

Every place an author must fill in carries TODO_MARK; `grade validate NAME` reports the exercise
as incomplete while any is left (and while there is no hand-written mutant).
"""

from __future__ import annotations

import functools
import keyword
import re
from pathlib import Path

import jinja2

from grader.course.load import all_exercises
from grader.errors import InputError

TODO_MARK = "TODO(grade new)"
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
TEMPLATES = {
    "exercises/{name}.py": "exercise.py.j2",
    "solutions/{name}.py": "solution.py.j2",
    "grader/suites/{name}/exercise.yaml": "exercise.yaml.j2",
    "grader/suites/{name}/test_{name}.py": "suite.py.j2",
    "grader/suites/{name}/mutants/README.md": "mutants_README.md.j2",
}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("grader.authoring", "templates/new"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _check_identifier(name: str, what: str) -> None:
    if not NAME_PATTERN.match(name) or keyword.iskeyword(name):
        raise InputError(
            f"{what} {name!r} must be a lowercase Python identifier (letters, digits, underscores)"
        )


def scaffold(
    name: str, root: Path, functions: tuple[str, ...] = (), title: str | None = None
) -> list[Path]:
    """Write a new exercise NAME into the course at `root`; the paths written, in order."""
    _check_identifier(name, "exercise name")
    functions = tuple(functions) or (name,)
    for function in functions:
        _check_identifier(function, "function name")
    paths = {Path(pattern.format(name=name)): template for pattern, template in TEMPLATES.items()}
    for taken in (f"exercises/{name}.py", f"solutions/{name}.py", f"grader/suites/{name}"):
        if (root / taken).exists():
            raise InputError(f"exercise {name!r} already exists", root / taken)
    existing = all_exercises(root) if (root / "grader" / "suites").is_dir() else {}
    context = {
        "name": name,
        "functions": functions,
        "mark": TODO_MARK,
        "title": title or name.replace("_", " ").capitalize(),
        "order": max((ex.order for ex in existing.values()), default=0) + 1,
    }
    written = []
    for relative, template in paths.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_environment().get_template(template).render(context), encoding="utf-8")
        written.append(path)
    return written
