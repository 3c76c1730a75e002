"""Class statistics: pure functions over stored results, for the class report and the exports.

Nothing here grades or re-scores: every number comes from `ExerciseResult.score`/check points and
stored quiz results. `load_class` reads the gradebook once; `class_report` turns that into:

- one row per student (score per exercise, total, quiz), and who did not submit;
- the distribution of total scores (percent, 10 bins);
- per exercise: submissions, mean, median, full marks;
- per hidden check: facility (share of loaded submissions that pass it), discrimination (the
  corrected item-total correlation: point-biserial correlation between passing the check and the
  rest of the exercise's score), the misconceptions named when it fails, and a flag when nobody
  or everybody passes it or its discrimination is negative;
- per quiz question: facility (mean share of the points) and the upper-lower 27 % discrimination
  index (facility among the top 27 % of quiz takers minus facility among the bottom 27 %).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from grader.course.load import Exercise
from grader.course.points import max_points
from grader.gradebook.store import Gradebook, QuizAttempt, Student, StudentFile, now
from grader.model import CheckResult, ExerciseResult

BINS = 10
GROUP_SHARE = 0.27
# Below this many takers, discrimination figures (a correlation, an upper-lower index) are mostly
# noise: the report still shows them, marked unreliable (see docs/instructors.md).
RELIABLE_CLASS_SIZE = 30


@dataclass(frozen=True)
class ExerciseInfo:
    """An exercise as the report shows it."""

    name: str
    title: dict
    max_points: float


@dataclass
class ClassData:
    """Everything a class report is computed from, as read from the gradebook."""

    students: list[Student]
    exercises: list[ExerciseInfo]
    results: dict[tuple[str, str], ExerciseResult]
    quizzes: list[QuizAttempt] = field(default_factory=list)
    generated: str = ""
    source: str = ""
    files: dict[str, list[StudentFile]] = field(default_factory=dict)  # not graded as named


def load_class(book: Gradebook, exercises: dict[str, Exercise]) -> ClassData:
    """Read the latest result of every student for `exercises`, and every recorded quiz."""
    results = book.latest_results(exercises)
    infos = []
    for exercise in exercises.values():
        stored = [r.max_score for (_, name), r in results.items() if name == exercise.name]
        infos.append(
            ExerciseInfo(
                exercise.name, exercise.title, max(stored) if stored else max_points(exercise)
            )
        )
    run = book.last_run()
    return ClassData(
        book.students(),
        infos,
        results,
        list(book.quizzes()),
        now(),
        run["source"] if run else "",
        book.student_files(),
    )


# -- small statistics --------------------------------------------------------------------------
def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None with fewer than two values or when either side does not vary."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def flag(facility: float | None, discrimination: float | None) -> str | None:
    """`nobody` / `everybody` passes, `negative` discrimination, or None."""
    if facility is None:
        return None
    if facility <= 0.0:
        return "nobody"
    if facility >= 1.0:
        return "everybody"
    if discrimination is not None and discrimination < 0:
        return "negative"
    return None


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int


def distribution(percents: Iterable[float], bins: int = BINS) -> list[Bin]:
    """Counts of percentages in `bins` equal bins over 0-100 (100 falls in the last one)."""
    width = 100 / bins
    counts = [0] * bins
    for value in percents:
        counts[min(bins - 1, max(0, int(value // width)))] += 1
    return [Bin(i * width, (i + 1) * width, c) for i, c in enumerate(counts)]


# -- students ----------------------------------------------------------------------------------
@dataclass
class QuizSummary:
    """A student's quiz standing: the latest answer to every question they answered."""

    questions: list[dict]
    attempts: list[QuizAttempt]

    @property
    def score(self) -> float:
        return sum(q["score"] for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q["max_score"] for q in self.questions)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


def quiz_summaries(attempts: Iterable[QuizAttempt]) -> dict[str, QuizSummary]:
    """Per student, the latest answer to each question over all their recorded quizzes."""
    latest: dict[str, dict[str, dict]] = {}
    by_student: dict[str, list[QuizAttempt]] = {}
    for attempt in attempts:
        by_student.setdefault(attempt.student, []).append(attempt)
        for question in attempt.result.get("questions", []):
            latest.setdefault(attempt.student, {})[question["id"]] = question
    return {s: QuizSummary(list(latest.get(s, {}).values()), a) for s, a in by_student.items()}


@dataclass
class StudentRow:
    """One student's line of the gradebook."""

    student: Student
    scores: dict[str, float | None]
    loaded: dict[str, bool]
    max_total: float
    quiz: QuizSummary | None = None
    files: list[StudentFile] = field(default_factory=list)

    @property
    def not_graded_files(self) -> list[StudentFile]:
        """The student's files that were not graded at all (matched nothing, ambiguous, a
        duplicate, refused)."""
        return [f for f in self.files if f.status != "matched"]

    @property
    def total(self) -> float:
        return round(sum(s for s in self.scores.values() if s is not None), 6)

    @property
    def percent(self) -> float:
        return 100.0 * self.total / self.max_total if self.max_total else 0.0

    @property
    def submitted(self) -> bool:
        return any(s is not None for s in self.scores.values())

    @property
    def missing(self) -> list[str]:
        return [name for name, score in self.scores.items() if score is None]


def student_rows(data: ClassData) -> list[StudentRow]:
    quizzes = quiz_summaries(data.quizzes)
    max_total = sum(ex.max_points for ex in data.exercises)
    rows = []
    for student in data.students:
        results = {ex.name: data.results.get((student.id, ex.name)) for ex in data.exercises}
        rows.append(
            StudentRow(
                student,
                {name: r.score if r else None for name, r in results.items()},
                {name: bool(r and r.error is None) for name, r in results.items()},
                max_total,
                quizzes.get(student.id),
                data.files.get(student.id, []),
            )
        )
    return rows


# -- exercises and checks ------------------------------------------------------------------
@dataclass(frozen=True)
class ExerciseStat:
    info: ExerciseInfo
    submitted: int
    loaded: int
    mean: float | None
    median: float | None
    full_marks: int
    missing: int

    @property
    def mean_percent(self) -> float | None:
        if self.mean is None or not self.info.max_points:
            return None
        return 100.0 * self.mean / self.info.max_points


@dataclass(frozen=True)
class CheckStat:
    exercise: str
    name: str
    title: dict
    max_points: float
    takers: int
    passed: int
    discrimination: float | None
    misconceptions: tuple[tuple[str, dict, int], ...]  # (key, {en, ru}, how many failures)

    @property
    def facility(self) -> float | None:
        return self.passed / self.takers if self.takers else None

    @property
    def flag(self) -> str | None:
        return flag(self.facility, self.discrimination)


def exercise_stat(
    info: ExerciseInfo, results: Sequence[ExerciseResult], students: int
) -> ExerciseStat:
    scores = [r.score for r in results]
    return ExerciseStat(
        info,
        len(results),
        sum(r.error is None for r in results),
        statistics.fmean(scores) if scores else None,
        statistics.median(scores) if scores else None,
        sum(r.full_marks for r in results),
        students - len(results),
    )


def check_stats(exercise: str, results: Sequence[ExerciseResult]) -> list[CheckStat]:
    """Facility, discrimination and misconceptions of each check, over the submissions that
    loaded (a file that did not load fails every check and says nothing about any one)."""
    loaded = [r for r in results if r.error is None]
    order: dict[str, CheckResult] = {}
    check: CheckResult | None
    for result in loaded:
        for check in result.checks:
            order.setdefault(check.name, check)
    stats = []
    for name, first in order.items():
        passes, rests, named, texts = [], [], Counter[str](), {}
        for result in loaded:
            check = next((c for c in result.checks if c.name == name), None)
            if check is None:
                continue
            passes.append(1.0 if check.passed else 0.0)
            rests.append(result.score - check.points)
            feedback = check.feedback
            if not check.passed and feedback is not None and feedback.misconception:
                named[feedback.misconception] += 1
                texts[feedback.misconception] = feedback.misconception_text or {
                    "en": feedback.misconception,
                    "ru": feedback.misconception,
                }
        stats.append(
            CheckStat(
                exercise,
                name,
                first.title,
                first.max_points,
                len(passes),
                int(sum(passes)),
                correlation(passes, rests),
                tuple((key, texts[key], count) for key, count in named.most_common()),
            )
        )
    return stats


# -- quiz items ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemStat:
    id: str
    tags: tuple[str, ...]
    answered: int
    facility: float
    discrimination: float | None

    @property
    def flag(self) -> str | None:
        return flag(self.facility, self.discrimination)


def item_analysis(quizzes: dict[str, QuizSummary], share: float = GROUP_SHARE) -> list[ItemStat]:
    """Facility and upper-lower discrimination index of every question anyone answered.

    For each question, its takers are ranked by their whole quiz percentage; the index is the
    mean share of the question's points in the top `share` of them minus that in the bottom
    `share` (at least one student in each group; None with fewer than two takers)."""
    per_item: dict[str, list[tuple[float, str, float]]] = {}
    tags: dict[str, tuple[str, ...]] = {}
    for student, summary in quizzes.items():
        for question in summary.questions:
            got = question["score"] / question["max_score"] if question["max_score"] else 0.0
            per_item.setdefault(question["id"], []).append((summary.percent, student, got))
            tags[question["id"]] = tuple(question.get("tags") or ())
    items = []
    for qid, takers in sorted(per_item.items()):
        takers.sort(key=lambda t: (-t[0], t[1]))
        shares = [t[2] for t in takers]
        index = None
        if len(takers) >= 2:
            group = max(1, round(share * len(takers)))
            index = statistics.fmean(shares[:group]) - statistics.fmean(shares[-group:])
        items.append(ItemStat(qid, tags[qid], len(takers), statistics.fmean(shares), index))
    return items


# -- the whole report ----------------------------------------------------------------------
@dataclass
class ClassReport:
    data: ClassData
    rows: list[StudentRow]
    exercises: list[ExerciseStat]
    checks: dict[str, list[CheckStat]]
    bins: list[Bin]
    items: list[ItemStat]

    @property
    def submitters(self) -> list[StudentRow]:
        return [row for row in self.rows if row.submitted]

    @property
    def not_submitted(self) -> list[StudentRow]:
        return [row for row in self.rows if not row.submitted]

    @property
    def max_total(self) -> float:
        return sum(ex.max_points for ex in self.data.exercises)

    @property
    def mean_percent(self) -> float | None:
        values = [row.percent for row in self.submitters]
        return statistics.fmean(values) if values else None

    @property
    def median_percent(self) -> float | None:
        values = [row.percent for row in self.submitters]
        return statistics.median(values) if values else None

    def hardest_checks(self, count: int = 10) -> list[CheckStat]:
        """Checks with the lowest facility first (the ones the class fails most)."""
        every = [c for stats in self.checks.values() for c in stats if c.takers]
        return sorted(every, key=lambda c: (c.facility, c.exercise, c.name))[:count]

    @property
    def flagged_checks(self) -> list[CheckStat]:
        return [c for stats in self.checks.values() for c in stats if c.flag]

    @property
    def with_files(self) -> list[StudentRow]:
        """Students with files that were matched by more than their exact name, or not graded."""
        return [row for row in self.rows if row.files]

    @property
    def reliable_size(self) -> int:
        """The class size from which item statistics are shown as meaningful."""
        return RELIABLE_CLASS_SIZE

    @property
    def quiz_takers(self) -> int:
        return sum(1 for row in self.rows if row.quiz and row.quiz.questions)

    def result(self, student: str, exercise: str) -> ExerciseResult | None:
        return self.data.results.get((student, exercise))


def class_report(data: ClassData) -> ClassReport:
    rows = student_rows(data)
    known = {student.id for student in data.students}
    by_exercise = {
        ex.name: [
            r for (sid, name), r in sorted(data.results.items()) if name == ex.name and sid in known
        ]
        for ex in data.exercises
    }
    return ClassReport(
        data,
        rows,
        [exercise_stat(ex, by_exercise[ex.name], len(rows)) for ex in data.exercises],
        {ex.name: check_stats(ex.name, by_exercise[ex.name]) for ex in data.exercises},
        distribution(row.percent for row in rows if row.submitted),
        item_analysis({row.student.id: row.quiz for row in rows if row.quiz}),
    )
