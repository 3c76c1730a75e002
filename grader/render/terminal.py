"""The student's report on the terminal, from templates/submit.txt.j2 (colour only on a TTY)."""

from __future__ import annotations

import shlex

from grader.grading.score import percent
from grader.model import ExerciseResult
from grader.render.environment import environment, points, styler


def error_location(result: ExerciseResult) -> str:
    """`file:line: ` for a submission that failed to load, so editors can jump to it."""
    line = result.error.params.get("line") if result.error else None
    return f"{result.filename}:{line}: " if line else f"{result.filename}: "


def render_submit(result: ExerciseResult, lang: str, color: bool = False) -> str:
    command = shlex.join(
        [
            "grade",
            "submit",
            result.filename,
            "--exercise",
            result.exercise,
            "--seed",
            str(result.seed),
        ]
    )
    return (
        environment()
        .get_template("submit.txt.j2")
        .render(
            result=result,
            lang=lang,
            style=styler(color),
            pts=points,
            pct=f"{percent(result):.0f}",
            location=error_location(result),
            command=command,
        )
    )
