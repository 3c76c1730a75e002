"""Scoring: points for each check from its outcome, and the Gradescope-shaped summary.

Checks are all-or-nothing; a submission that cannot be loaded scores 0 on every check. Every
total shown anywhere comes from here (through `ExerciseResult.score`), never from a renderer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grader.model import CheckResult, ExerciseResult, Feedback


def _title(marker: Mapping[str, Any], name: str) -> dict:
    return {"en": marker.get("en") or name, "ru": marker.get("ru") or marker.get("en") or name}


def check_result(
    marker: Mapping[str, Any], name: str, passed: bool, feedback: Feedback | None, duration: float
) -> CheckResult:
    """The scored result of one check that ran."""
    max_points = float(marker["points"])
    return CheckResult(
        name,
        _title(marker, name),
        max_points,
        max_points if passed else 0.0,
        None if passed else feedback,
        round(duration, 6),
    )


def load_failure(marker: Mapping[str, Any], name: str) -> CheckResult:
    """A check that could not run because the submission did not load."""
    return CheckResult(name, _title(marker, name), float(marker["points"]), 0.0, None, 0.0)


def percent(result: ExerciseResult) -> float:
    return 100.0 * result.score / result.max_score if result.max_score else 0.0
