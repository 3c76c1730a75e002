"""The class report as one self-contained HTML file (templates/report.html.j2, autoescaped).

Inline CSS (templates/report.css) and SVG, a few lines of inline JS for sorting the student table
(the page reads fine without it), no external request of any kind. An instructor can override
any template by putting a file of the same name in $NNLAB_TEMPLATES.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grader.gradebook.report import Bin, ClassReport
from grader.quiz.model import Question
from grader.render.answers import answer_text, course_questions
from grader.render.environment import environment, points

if TYPE_CHECKING:  # the similarity engine (numpy) loads only when the section is wanted
    from grader.similarity.classwide import ClassSimilarity

CHART_WIDTH, CHART_HEIGHT, CHART_BASE = 420, 180, 150


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    low: float
    high: float


def histogram(bins: list[Bin]) -> list[Bar]:
    """Bar geometry of the score histogram (layout only: the counts come from the report)."""
    tallest = max((b.count for b in bins), default=0) or 1
    slot = (CHART_WIDTH - 50) / max(1, len(bins))
    bars = []
    for i, b in enumerate(bins):
        height = (CHART_BASE - 20) * b.count / tallest
        bars.append(
            Bar(16 + i * slot + 2, CHART_BASE - height, slot - 4, height, b.count, b.low, b.high)
        )
    return bars


class Format:
    """Number formatting shared by the HTML and terminal templates."""

    @staticmethod
    def pts(value: float | None) -> str:
        return "–" if value is None else points(round(value, 2))

    @staticmethod
    def pct(value: float | None) -> str:
        return "–" if value is None else f"{value:.0f} %"

    @staticmethod
    def share(value: float | None) -> str:
        """A 0..1 share as a percentage."""
        return "–" if value is None else f"{100 * value:.0f} %"

    @staticmethod
    def coef(value: float | None) -> str:
        return "–" if value is None else f"{value:+.2f}"


def render_html(
    report: ClassReport,
    lang: str,
    similarity: ClassSimilarity | None = None,
    questions: Mapping[str, Question] | None = None,
) -> str:
    """The whole class report, per-student details included, as one HTML page. Quiz answers
    are worded with `questions` (default: the course's banks); with `similarity`, its "Similar
    submissions" section too."""
    if questions is None:
        questions = course_questions()
    return (
        environment(autoescape=True)
        .get_template("report.html.j2")
        .render(
            report=report,
            data=report.data,
            lang=lang,
            fmt=Format,
            bars=histogram(report.bins),
            chart={"width": CHART_WIDTH, "height": CHART_HEIGHT, "base": CHART_BASE},
            questions=questions,
            answer=answer_text,
            similar=_similar(similarity),
        )
    )


def _similar(similarity: ClassSimilarity | None) -> object:
    """The view of the "Similar submissions" section, or None without one."""
    if similarity is None:
        return None
    from grader.render.sidebyside import similarity_view

    return similarity_view(similarity)
