"""`grade list`: the exercises in order, with their files and points."""

from __future__ import annotations

from grader import wording
from grader.load import Exercise
from grader.points import max_points


def render_list(exercises: dict[str, Exercise], lang: str) -> str:
    rows = []
    for number, exercise in enumerate(exercises.values(), 1):
        rows.append(f"{number:>2}. {exercise.name:<10} {max_points(exercise):>4g} pts  "
                    f"{wording.pick(exercise.title, lang)}")
    return "\n".join(rows) + "\n"
