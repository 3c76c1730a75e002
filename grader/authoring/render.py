"""The authoring tools on the terminal: the `grade validate` table and its details, in English or
Russian (the authoring.* entries of grader/i18n/locale). Renderers only read the reports."""

from __future__ import annotations

from collections.abc import Callable

from grader.authoring.validate import CONFIG_FILE, ExerciseValidation, Problem
from grader.i18n import wording
from grader.render.environment import styler

COLOURS = {"ok": "green", "fail": "red", "incomplete": "yellow"}


def say(key: str, lang: str, /, **params: object) -> str:
    """The authoring sentence `key` (catalogue entry `authoring.<key>`) in `lang`."""
    return wording.say(f"authoring.{key}", lang, **params)


def problem_text(problem: Problem, lang: str) -> str:
    error = wording.describe(problem.feedback, lang) if problem.feedback else None
    params = {**problem.params, **({"error": error} if error else {})}
    return say(problem.key, lang, **params)


def _ratio(pairs: list[tuple[float, float]]) -> str:
    return ", ".join(f"{score:g}/{top:g}" for score, top in pairs) or "-"


def _hand(report: ExerciseValidation, lang: str) -> str:
    if not report.hand:
        return say("not-run", lang)
    text = say("caught", lang, caught=sum(m.caught for m in report.hand), total=len(report.hand))
    declared = [m for m in report.hand if m.misconception]
    if declared:
        text += ", " + say(
            "named", lang, named=sum(m.named for m in declared), declared=len(declared)
        )
    return text


def _automatic(report: ExerciseValidation, lang: str) -> str:
    score = report.mutation_score
    if score is None:
        return say("not-run", lang)
    caught = sum(m.caught for m in report.automatic)
    text = say("caught", lang, caught=caught, total=len(report.automatic))
    if report.equivalent:
        text += ", " + say("equivalent-count", lang, count=report.equivalent)
    return text


def _score(report: ExerciseValidation, lang: str) -> str:
    score = report.mutation_score
    return say("not-run", lang) if score is None else f"{score:5.1f} %"


def render_validation(
    reports: list[ExerciseValidation],
    lang: str,
    color: bool = False,
    jobs: int | None = None,
    seconds: float | None = None,
    reasons: bool = False,
) -> str:
    """The table, then each exercise's surviving automatic mutants (with the reasons they are
    equivalent or accepted, if `reasons`) and its problems."""

    style = styler(color)
    columns = ["exercise", "reference", "stub", "hand", "automatic", "score", "status"]
    rows = [[say(f"col.{c}", lang) for c in columns]]
    for report in reports:
        rows.append(
            [
                report.name,
                _ratio(report.reference),
                _ratio([report.stub] if report.stub else []),
                _hand(report, lang),
                _automatic(report, lang),
                _score(report, lang),
                say(f"status.{report.status}", lang),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        if number == 0:
            cells = [style(cell, bold=True) for cell in cells]
        else:
            cells[-1] = style(cells[-1], fg=COLOURS[reports[number - 1].status], bold=True)
        lines.append("  ".join(cells).rstrip())
    for report in reports:
        lines += _details(report, lang, style, reasons)
    valid = sum(report.status == "ok" for report in reports)
    lines += ["", say("summary", lang, ok=valid, total=len(reports))]
    if jobs is not None and seconds is not None:
        lines.append(say("summary.time", lang, jobs=jobs, seconds=f"{seconds:.0f}"))
    return "\n".join(lines) + "\n"


def _details(
    report: ExerciseValidation, lang: str, style: Callable[..., str], reasons: bool
) -> list[str]:
    lines = []
    if report.survivors:
        lines += [
            "",
            say(
                "survivors",
                lang,
                exercise=style(report.name, bold=True),
                count=len(report.survivors),
                total=len(report.automatic),
                score=f"{report.mutation_score:.1f} %",
                target=f"{report.target:g} %",
            ),
        ]
        for mutant in report.survivors:
            verdict = say(f"verdict.{mutant.verdict or 'unexplained'}", lang)
            if not mutant.verdict:
                verdict = style(verdict, fg="yellow", bold=True)
            lines.append(
                f"  {say('line', lang, line=mutant.line):<10} {mutant.operator:<10} "
                f"{verdict:<11} {mutant.name}"
            )
            if reasons and mutant.reason:
                lines.append(f"  {'':<10} {'':<10} {'':<11} {mutant.reason}")
        if any(not mutant.verdict for mutant in report.survivors):
            lines.append(
                style(
                    say("unexplained", lang, file=f"grader/suites/{report.name}/{CONFIG_FILE}"),
                    fg="yellow",
                )
            )
    problems = report.incomplete + report.problems
    if problems or report.notes:
        status = say(f"status.{report.status}", lang)
        if problems:
            lines += [
                "",
                say(
                    "problems",
                    lang,
                    exercise=style(report.name, bold=True),
                    status=style(status, fg=COLOURS[report.status]),
                ),
            ]
        else:
            lines.append("")
        lines += [f"  - {problem_text(problem, lang)}" for problem in problems + report.notes]
    return lines
