"""Gradescope-style results.json (score, max_score, tests[] with name/score/max_score/output)."""

from __future__ import annotations

from grader.i18n import wording
from grader.model import ExerciseResult
from grader.render.terminal import error_location


def results_json(result: ExerciseResult, lang: str) -> dict:
    """The result in the Gradescope autograder schema, raw data in extra_data."""
    tests = []
    for check in result.checks:
        lines = []
        if result.error is not None:
            lines.append(error_location(result) + wording.describe(result.error, lang))
        elif check.feedback is not None:
            lines.append(wording.describe(check.feedback, lang))
            if check.feedback.misconception_text:
                lines.append(
                    wording.say("report.misconception", lang)
                    + ": "
                    + wording.pick(check.feedback.misconception_text, lang)
                )
        tests.append(
            {
                "name": wording.pick(check.title, lang),
                "number": check.name,
                "score": check.points,
                "max_score": check.max_points,
                "status": "passed" if check.passed else "failed",
                "output": "\n".join(lines),
                "visibility": "visible",
            }
        )
    return {
        "score": result.score,
        "max_score": result.max_score,
        "execution_time": round(result.duration, 3),
        "output": "\n".join(
            [wording.describe(notice, lang) for notice in result.notices]
            + (
                [error_location(result) + wording.describe(result.error, lang)]
                if result.error
                else []
            )
        ),
        "tests": tests,
        "extra_data": {"nnlab": result.to_dict()},
    }
