"""Text shown to people: questions, prompts, feedback, summaries and the progress table."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

import click

from grader.quiz.answers import matching_example, option_label, option_letter
from grader.quiz.grading import QuestionResult, QuizResult
from grader.quiz.i18n import format_percent, plural, t, topic, topics
from grader.quiz.lint import MAX_KEY_RATE, KeyRates
from grader.quiz.mastery import TopicMastery
from grader.quiz.selection import QuizItem

MAX_WIDTH = 100
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→", "new": "·"}


class Style:
    """Colours for terminals; plain text when disabled (pipes, files, NO_COLOR)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _paint(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.enabled else text  # type: ignore[arg-type]

    def good(self, text: str) -> str:
        return self._paint(text, fg="green", bold=True)

    def bad(self, text: str) -> str:
        return self._paint(text, fg="red", bold=True)

    def partial(self, text: str) -> str:
        return self._paint(text, fg="yellow", bold=True)

    def strong(self, text: str) -> str:
        return self._paint(text, bold=True)

    def dim(self, text: str) -> str:
        return self._paint(text, dim=True)


def format_number(value: float, lang: str) -> str:
    """A score-like number with at most 2 decimals: 7.5, 7, 6.67 (7,5 in Russian)."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "ru" else text


def format_value(value: float, lang: str) -> str:
    """A numeric answer in full precision but without float noise: 0.1, 1e-05, 42."""
    text = format(value, ".10g")
    return text.replace(".", ",") if lang == "ru" else text


def format_score(score: float, max_score: float, lang: str) -> str:
    """'7.5/10 (75 %)'."""
    percent = format_percent(score / max_score if max_score else 0.0)
    return f"{format_number(score, lang)}/{format_number(max_score, lang)} ({percent})"


def terminal_width() -> int:
    """The columns to fill: the terminal's width (or $COLUMNS), at most MAX_WIDTH, at least 20."""
    return max(20, min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH))


def wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    """Word-wrap each line of `text` to the terminal, never breaking a word. The first line
    starts with `indent`, continuation lines with `hanging` (default: `indent`); lines that
    start with whitespace, like code, are kept as they are."""
    width = terminal_width()
    rest = indent if hanging is None else hanging
    lines = []
    for number, line in enumerate(text.splitlines() or [""]):
        first = indent if number == 0 else rest
        if line[:1].isspace() or len(first) + len(line) <= width:
            lines.append(first + line)
        else:
            lines.append(
                textwrap.fill(
                    line,
                    width,
                    initial_indent=first,
                    subsequent_indent=rest,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n".join(lines)


def _labelled(label: str, text: str) -> str:
    """'  2) text' wrapped with continuation lines aligned under the text."""
    return wrap(text, label, " " * len(label))


def render_question(item: QuizItem, number: int, total: int, lang: str, style: Style) -> str:
    """The question block: header, text and the labelled choices."""
    question = item.question
    header = t("question_header", lang, number=number, total=total)
    difficulty = t(f"difficulty_{question.difficulty}", lang)
    lines = [style.strong(header) + style.dim(f" · {difficulty}"), wrap(question.text.get(lang))]
    if question.type in ("single", "multiple"):
        lines += [
            _labelled(f"  {option_label(pos)}) ", question.options[index].get(lang))
            for pos, index in enumerate(item.order)
        ]
    elif question.type == "matching":
        lines += [
            _labelled(f"  {i + 1}. ", pair.left.get(lang)) for i, pair in enumerate(question.pairs)
        ]
        lines += [
            _labelled(f"     {option_letter(pos)}) ", question.pairs[index].right.get(lang))
            for pos, index in enumerate(item.order)
        ]
    return "\n".join(lines)


def render_prompt(item: QuizItem, lang: str) -> str:
    """What to type, wrapped to the terminal; it ends with a space for the answer."""
    question = item.question
    if question.type == "matching":
        text = t("prompt_matching", lang, example=matching_example(len(question.pairs)))
    else:
        text = t(f"prompt_{question.type}", lang)
    return wrap(text.rstrip()) + " "


def _option(item: QuizItem, index: int, lang: str) -> str:
    position = item.order.index(index)
    return f"{option_label(position)}) {item.question.options[index].get(lang)}"


def correct_answer(item: QuizItem, lang: str) -> str:
    """The right answer in the student's terms: labels as shown, words, numbers."""
    question = item.question
    if question.type == "single":
        assert isinstance(question.answer, int)
        return _option(item, question.answer, lang)
    if question.type == "multiple":
        assert isinstance(question.answer, tuple)
        indexes = sorted(question.answer, key=item.order.index)
        return "; ".join(_option(item, index, lang) for index in indexes)
    if question.type == "truefalse":
        return t("word_true" if question.answer else "word_false", lang)
    if question.type == "numeric":
        assert isinstance(question.answer, float)
        value = format_value(question.answer, lang)
        if question.tolerance:
            return f"{value} (± {format_value(question.tolerance, lang)})"
        return value
    if question.type == "matching":
        return "\n".join(
            f"{i + 1}. {pair.left.get(lang)} → "
            f"{option_letter(item.order.index(i))}) {pair.right.get(lang)}"
            for i, pair in enumerate(question.pairs)
        )
    assert question.accepted is not None
    return question.accepted.get(lang)[0]


def _kind(result: QuestionResult) -> str:
    return "correct" if result.correct else "partly_right" if result.score > 0 else "wrong"


_MARKS = {"correct": "✓", "partly_right": "◐", "wrong": "✗"}


def _paint(kind: str, text: str, style: Style) -> str:
    paint = {"correct": style.good, "partly_right": style.partial, "wrong": style.bad}[kind]
    return paint(text)


def verdict(result: QuestionResult, lang: str, style: Style) -> str:
    """'✓ Correct', '◐ Partly right (0.5/1)' or '✗ Wrong'."""
    kind = _kind(result)
    points = f"{format_number(result.score, lang)}/{format_number(result.max_score, lang)}"
    return _paint(kind, f"{_MARKS[kind]} {t(kind, lang, points=points)}", style)


def render_feedback(item: QuizItem, result: QuestionResult, lang: str, style: Style) -> str:
    """What follows an answer: the verdict, the right answer if missed, the explanation.

    True/false questions always state the truth of the statement in words that differ from
    the verdict's ("✗ Ответ неверный: это утверждение ложно."); text questions list every
    answer they accept."""
    question = item.question
    line = verdict(result, lang, style)
    if question.type == "truefalse":
        line += ": " + t("statement_true" if question.answer else "statement_false", lang) + "."
    elif not result.correct:
        answer = correct_answer(item, lang)
        if "\n" in answer:  # one row per line, below the label
            answer = "\n" + textwrap.indent(answer, "    ")
        line += ". " + t("correct_answer", lang, answer=answer).replace(": \n", ":\n")
    lines = [wrap(line)]
    if question.type == "text" and question.accepted is not None:
        accepted = "; ".join(dict.fromkeys(question.accepted.get(lang)))
        lines.append(wrap(t("accepted_answers", lang, answers=accepted), "  "))
    return "\n".join([*lines, wrap(question.explanation.get(lang), "  ")])


def render_summary(
    result: QuizResult, total: int, interrupted: bool, lang: str, style: Style
) -> str:
    """The end of a quiz: how far it got, the score and the topics to revise."""
    answered = len(result.results)
    lines = [t("stopped", lang, answered=answered, total=total)] if interrupted else []
    if not answered:
        return "\n".join([*lines, t("nothing_answered", lang)])
    score = format_score(result.score, result.max_score, lang)
    lines.append(style.strong(t("score", lang, score=score)))
    weak = result.topics_to_revise()
    revise = t("revise", lang, topics=topics(weak, lang)) if weak else t("revise_none", lang)
    lines.append(wrap(revise))
    return "\n".join(lines)


def render_report(result: QuizResult, lang: str, style: Style) -> str:
    """A graded answers file: one line per question, then the summary."""
    lines = [t("student", lang, name=result.student)] if result.student else []
    width = max((len(r.question.id) for r in result.results), default=0)
    for item in result.results:
        points = f"{format_number(item.score, lang)}/{format_number(item.max_score, lang)}"
        kind = _kind(item)
        mark = _paint(kind, _MARKS[kind], style)
        note = "  " + t("no_answer", lang) if item.given is None else ""
        lines.append(f"{mark} {item.question.id:<{width}}  {points}{note}")
    return "\n".join([*lines, render_summary(result, len(result.results), False, lang, style)])


def render_key_rates(rates: Sequence[KeyRates], lang: str) -> list[str]:
    """A short table, one row per bank with one-choice questions: how often the key is the
    longest and the shortest option, in each language ('0 % / 12 %' for en / ru)."""
    by_bank: dict[str, list[KeyRates]] = {}
    for rate in rates:
        if rate.questions:
            by_bank.setdefault(rate.bank, []).append(rate)
    if not by_bank:
        return []
    langs = " / ".join(dict.fromkeys(rate.lang for rows in by_bank.values() for rate in rows))
    header = [t(f"col_{name}", lang) for name in ("bank", "questions", "longest", "shortest")]
    rows = [
        [
            bank,
            str(rows[0].questions),
            " / ".join(format_percent(r.longest_rate) for r in rows),
            " / ".join(format_percent(r.shortest_rate) for r in rows),
        ]
        for bank, rows in by_bank.items()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    table = [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return [wrap(t("key_rates", lang, langs=langs, limit=format_percent(MAX_KEY_RATE))), *table]


def render_progress(
    rows_by_topic: Sequence[TopicMastery], sessions: int, answers: int, lang: str
) -> str:
    """Per-topic mastery, weakest first, as an aligned table (topics by their display names)."""
    columns = ("topic", "answers", "last", "recent", "trend", "seen")
    header = [t(f"col_{name}", lang) for name in columns]
    rows = [
        [
            topic(row.tag, lang),
            str(row.attempts),
            format_percent(row.last),
            format_percent(row.recent),
            TREND_ARROWS[row.trend],
            row.last_seen[:10],
        ]
        for row in rows_by_topic
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    title = t(
        "progress_title",
        lang,
        sessions=plural(sessions, "session", lang),
        answers=plural(answers, "answer", lang),
    )
    legend = textwrap.fill(t("progress_legend", lang), width=88)
    return "\n".join([title, "", line(header), *map(line, rows), "", legend])
