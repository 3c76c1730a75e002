"""The class report's terminal summary, from templates/summary.txt.j2 (colour only on a TTY)."""

from __future__ import annotations

from grader.gradebook.report import ClassReport
from grader.render.environment import environment, styler
from grader.render.html import Format

BAR_WIDTH = 30


def render_summary(report: ClassReport, lang: str, color: bool = False) -> str:
    """Class size, score distribution, exercise averages, the checks the class fails most,
    flagged checks, the hardest quiz questions, and who did not submit."""
    tallest = max((b.count for b in report.bins), default=0) or 1

    def bar(count: int) -> str:
        return "█" * round(BAR_WIDTH * count / tallest)

    return (
        environment()
        .get_template("summary.txt.j2")
        .render(report=report, lang=lang, fmt=Format, style=styler(color), bar=bar)
    )
