"""Hand-written wrong implementations ("mutants") that a suite must catch.

A mutant is data: `grader/suites/NAME/mutants/*.yaml` names the misconception it embodies and the
text edits that turn the reference solution into the mistake, so mutants stay in step with the
solution (an edit whose `find` text is missing is an error) and no solution code is copied.

    misconception: flipped-kernel        # optional: the feedback must name it
    description: computes the true convolution
    edits:
      - find: "out[i, j] = np.sum(window * kernel)"
        replace: "out[i, j] = np.sum(window * kernel[::-1, ::-1])"
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import yamlio as fastyaml
from grader.course.load import Exercise
from grader.errors import InputError


@dataclass(frozen=True)
class Mutant:
    name: str
    exercise: str
    misconception: str | None
    description: str
    source: str
    path: Path


def apply_edits(source: str, edits: list[dict], path: Path) -> str:
    for number, edit in enumerate(edits, 1):
        find, replace = str(edit.get("find", "")), str(edit.get("replace", ""))
        count = int(edit.get("count", 1))
        if not find or source.count(find) < count:
            raise InputError(
                f"edit {number}: text to find is not in the reference solution: {find!r}", path
            )
        source = source.replace(find, replace, count)
    return source


def load_mutants(exercise: Exercise) -> list[Mutant]:
    """The exercise's mutants, each applied to the current reference solution."""
    if not exercise.mutants_dir.is_dir():
        return []
    solution = exercise.solution.read_text(encoding="utf-8")
    mutants = []
    for path in sorted(exercise.mutants_dir.glob("*.yaml")):
        data: Any = fastyaml.safe_load(path.read_text(encoding="utf-8")) or {}  # unchecked YAML
        misconception = data.get("misconception")
        if misconception is not None and misconception not in exercise.misconceptions:
            raise InputError(f"unknown misconception {misconception!r}", path)
        mutants.append(
            Mutant(
                path.stem,
                exercise.name,
                misconception,
                str(data.get("description", "")),
                apply_edits(solution, data.get("edits") or [], path),
                path,
            )
        )
    return mutants
