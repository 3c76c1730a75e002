"""`grade list`: the exercises in the recommended order, with points and the student's status."""

from __future__ import annotations

from grader.course.load import Exercise
from grader.course.points import max_points
from grader.gradebook.history import Status
from grader.i18n import wording


def _status_text(status: Status | None, lang: str) -> str:
    if status is None or not status.started:
        return wording.say("list.not-started", lang)
    if status.done:
        return wording.say("list.done", lang)
    return wording.say(
        "list.in-progress",
        lang,
        best=f"{status.best:g}",
        max=f"{status.max_score:g}",
        count=status.attempts,
    )


def render_list(exercises: dict[str, Exercise], statuses: dict[str, Status], lang: str) -> str:
    rows, suggested = [], False
    for number, exercise in enumerate(exercises.values(), 1):
        status = statuses.get(exercise.name)
        marker = "  "
        if not suggested and not (status and status.done):
            marker, suggested = "→ ", True
        points = max_points(exercise)
        rows.append(
            f"{marker}{number:>2}. {exercise.name:<17} {points:>4g} "
            f"{wording.say('list.points', lang, count=points):<6} "
            f"{_status_text(status, lang):<28} {wording.pick(exercise.title, lang)}"
        )
    footer = wording.say("list.next", lang) if suggested else wording.say("list.all-done", lang)
    return "\n".join(rows) + "\n\n" + footer + "\n"
