"""Finding the course and its exercises by convention, and reading a submission from disk.

An exercise NAME is made of:
  grader/suites/NAME/exercise.yaml   metadata: titles, order, limits, signatures, hints
  grader/suites/NAME/test_NAME.py    the hidden pytest suite (points per check)
  grader/suites/NAME/mutants/*.py    known-wrong implementations the suite must catch
  exercises/NAME.py                  the stub students fill in
  solutions/NAME.py                  the reference solution
Adding a folder with these files adds an exercise; no grader code names one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from grader import yamlio as fastyaml
from grader.course.limits import Limits
from grader.course.paths import course_root
from grader.errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parents[1]
SUITES_DIR = PACKAGE_DIR / "suites"


@dataclass(frozen=True)
class Signature:
    """An expected function signature, e.g. `conv2d(image, kernel, stride=1, padding=0)`."""

    name: str
    params: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @classmethod
    def parse(cls, name: str, spec: str) -> Signature:
        params: list[str] = []
        optional: list[str] = []
        for part in filter(None, (p.strip() for p in str(spec or "").split(","))):
            (optional if "=" in part else params).append(part.split("=")[0].strip())
        return cls(name, tuple(params), tuple(optional))

    def __str__(self) -> str:
        return f"{self.name}({', '.join(self.params + tuple(p + '=…' for p in self.optional))})"

    def mismatch(self, found: list[list]) -> str | None:
        """Why a reported parameter list [[name, kind, has_default], ...] does not fit, or None."""
        if any(kind in ("VAR_POSITIONAL", "VAR_KEYWORD") for _, kind, _ in found):
            return None
        names = [name for name, _, _ in found]
        wanted = list(self.params + self.optional)
        missing = [p for p in wanted if p not in names]
        if missing:
            return "missing parameter" + ("s " if len(missing) > 1 else " ") + ", ".join(missing)
        if names[: len(wanted)] != wanted:
            return "parameters are in the order " + ", ".join(names)
        extra = [name for name, _, has_default in found[len(wanted) :] if not has_default]
        if extra:
            return "extra required parameter" + ("s " if len(extra) > 1 else " ") + ", ".join(extra)
        return None


@dataclass(frozen=True)
class Exercise:
    """An exercise as found on disk."""

    name: str
    title: dict
    order: int
    suite: Path
    stub: Path
    solution: Path
    mutants_dir: Path
    functions: tuple[Signature, ...]
    limits: Limits
    misconceptions: dict = field(default_factory=dict)
    hints: tuple = ()
    summary: dict = field(default_factory=dict)

    def misconception(self, key: str) -> dict:
        """The {en, ru} text of a misconception this exercise declares."""
        if key not in self.misconceptions:
            raise KeyError(f"exercise {self.name} declares no misconception {key!r}")
        return self.misconceptions[key]


def _read_yaml(path: Path) -> dict:
    try:
        data = fastyaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(
            f"invalid YAML: {exc.problem}", path, mark.line + 1 if mark else None
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top level", path, 1)
    return data


def load_exercise(folder: Path, root: Path | None = None) -> Exercise:
    root = root or course_root()
    name = folder.name
    meta_path = folder / "exercise.yaml"
    meta = _read_yaml(meta_path)
    limits = Limits(**{k: v for k, v in (meta.get("limits") or {}).items()})
    functions = tuple(
        Signature.parse(fn, spec) for fn, spec in (meta.get("functions") or {}).items()
    )
    return Exercise(
        name=name,
        title=meta.get("title") or {"en": name, "ru": name},
        order=int(meta.get("order", 100)),
        suite=folder / f"test_{name}.py",
        stub=root / "exercises" / f"{name}.py",
        solution=root / "solutions" / f"{name}.py",
        mutants_dir=folder / "mutants",
        functions=functions,
        limits=limits,
        misconceptions=meta.get("misconceptions") or {},
        hints=tuple(meta.get("hints") or ()),
        summary=meta.get("summary") or {},
    )


def suites_dir(root: Path | None = None) -> Path:
    """The hidden suites of the course at `root`: its own grader/suites when it has one (a course
    folder, a student bundle), else the installed package's."""
    own = (root or course_root()) / "grader" / "suites"
    return own if own.is_dir() else SUITES_DIR


def all_exercises(root: Path | None = None) -> dict[str, Exercise]:
    """Every exercise, in the recommended order."""
    found = [
        load_exercise(folder, root)
        for folder in sorted(suites_dir(root).iterdir())
        if (folder / "exercise.yaml").is_file()
    ]
    return {ex.name: ex for ex in sorted(found, key=lambda ex: (ex.order, ex.name))}


def find_exercise(name: str, root: Path | None = None) -> Exercise:
    folder = suites_dir(root) / name
    if name.isidentifier() and (folder / "exercise.yaml").is_file():
        return load_exercise(folder, root)
    exercises = all_exercises(root)
    if name not in exercises:
        raise InputError(f"unknown exercise {name!r} (known: {', '.join(exercises)})")
    return exercises[name]


def syntax_error(source: str, filename: str) -> tuple[int | None, str] | None:
    """(line, message) for a syntax error, parsed on the trusted side without running anything."""
    try:
        ast.parse(source, filename)
    except SyntaxError as exc:
        return exc.lineno, f"{exc.msg}"
    except ValueError as exc:  # e.g. source containing NUL bytes
        return None, str(exc)
    return None
