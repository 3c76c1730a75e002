"""Class statistics as pure functions over results: facility, discrimination, flags, quiz items."""

from __future__ import annotations

import statistics

import pytest

from grader.gradebook.report import (
    ClassData,
    ExerciseInfo,
    check_stats,
    class_report,
    correlation,
    distribution,
    item_analysis,
    quiz_summaries,
)
from grader.gradebook.store import QuizAttempt, Student
from grader.model import CheckResult, ExerciseResult, Feedback

TITLE = {"en": "t", "ru": "t"}
POINTS = {"a": 1.0, "b": 2.0, "c": 1.0, "d": 1.0, "e": 0.5}
PASSED = {
    "s1": {"a", "b", "c", "e"},
    "s2": {"a", "b", "e"},
    "s3": {"b", "c", "e"},
    "s4": {"c", "e"},
}


def result(
    student: str, passed: set[str], error: bool = False, misconception: str | None = None
) -> ExerciseResult:
    checks = []
    for name, points in POINTS.items():
        ok = name in passed and not error
        feedback = (
            None
            if ok
            else Feedback(
                "mismatch",
                {},
                misconception if name == "a" else None,
                {"en": "Flipped: long text", "ru": "П: т"}
                if misconception and name == "a"
                else None,
            )
        )
        checks.append(CheckResult(name, TITLE, points, points if ok else 0.0, feedback))
    return ExerciseResult(
        "ex",
        TITLE,
        "ex.py",
        0,
        checks,
        Feedback("load.syntax", {"line": 1}) if error else None,
        student=student,
    )


RESULTS = [
    result("s1", PASSED["s1"]),
    result("s2", PASSED["s2"]),
    result("s3", PASSED["s3"], misconception="flipped"),
    result("s4", PASSED["s4"], misconception="flipped"),
    result("s5", set(), error=True),  # did not load: not part of the check statistics
]


def expected_discrimination(check: str) -> float:
    """Pearson between passing `check` and the points of the other checks, by hand."""
    students = sorted(PASSED)
    passes = [1.0 if check in PASSED[s] else 0.0 for s in students]
    rests = [sum(POINTS[c] for c in PASSED[s] if c != check) for s in students]
    return statistics.correlation(passes, rests)


def test_correlation_is_pearson_and_none_without_variance():
    xs, ys = [1, 0, 1, 0, 1], [3.0, 1.0, 2.0, 0.5, 2.5]
    assert correlation(xs, ys) == pytest.approx(statistics.correlation(xs, ys))
    assert correlation([1, 1, 1], [1, 2, 3]) is None
    assert correlation([1], [2]) is None


def test_distribution_bins_percentages_with_100_in_the_last_bin():
    bins = distribution([0, 9.99, 10, 55, 100, 100])
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert (bins[0].low, bins[-1].high) == (0, 100)


def test_check_facility_discrimination_and_flags():
    stats = {s.name: s for s in check_stats("ex", RESULTS)}
    a, b, d, e = stats["a"], stats["b"], stats["d"], stats["e"]
    assert (a.passed, a.takers, a.facility) == (2, 4, 0.5)
    for check in ("a", "b", "c"):  # corrected item-total correlation
        assert stats[check].discrimination == pytest.approx(expected_discrimination(check))
    assert a.discrimination > 0 and b.discrimination > 0 and a.flag is b.flag is None
    assert stats["c"].discrimination < 0 and stats["c"].flag == "negative"
    assert (e.facility, e.flag, e.discrimination) == (1.0, "everybody", None)
    assert (d.facility, d.flag, d.discrimination) == (0.0, "nobody", None)
    assert a.misconceptions == (("flipped", {"en": "Flipped: long text", "ru": "П: т"}, 2),)


def test_negative_discrimination_is_flagged():
    flipped = [
        result("s1", {"b", "c"}),
        result("s2", {"b", "c"}),
        result("s3", {"a"}),
        result("s4", {"a", "c"}),
    ]
    a = {s.name: s for s in check_stats("ex", flipped)}["a"]
    assert a.discrimination < 0 and a.flag == "negative"


def quiz(student: str, marks: dict[str, float], taken: str = "t") -> QuizAttempt:
    questions = [
        {"id": q, "score": s, "max_score": 1.0, "correct": s >= 1, "tags": ["x"]}
        for q, s in marks.items()
    ]
    return QuizAttempt(student, "quiz.yaml", {"questions": questions}, taken)


def test_item_analysis_upper_lower_27_percent():
    # ten students; their quiz percent is set by "filler" questions, q is the item analysed
    attempts = []
    q_right = {0, 1, 2, 5}
    for i in range(10):
        fillers = {f"f{k}": 1.0 if k < 10 - i else 0.0 for k in range(10)}
        attempts.append(quiz(f"s{i}", {**fillers, "q": 1.0 if i in q_right else 0.0}))
    items = {item.id: item for item in item_analysis(quiz_summaries(attempts))}
    q = items["q"]
    assert q.answered == 10 and q.facility == pytest.approx(0.4)
    assert q.discrimination == pytest.approx(1.0)  # top 3 all right, bottom 3 all wrong
    assert items["f0"].flag == "everybody"


def test_item_with_lower_group_doing_better_is_flagged_negative():
    attempts = [
        quiz("hi1", {"a": 1, "b": 1, "c": 1, "q": 0}),
        quiz("hi2", {"a": 1, "b": 1, "c": 0, "q": 0}),
        quiz("lo1", {"a": 0, "b": 0, "c": 0, "q": 1}),
        quiz("lo2", {"a": 1, "b": 0, "c": 0, "q": 1}),
    ]
    q = {i.id: i for i in item_analysis(quiz_summaries(attempts))}["q"]
    assert q.discrimination == pytest.approx(-1.0) and q.flag == "negative"


def test_quiz_summary_keeps_the_latest_answer_to_each_question():
    summary = quiz_summaries([quiz("s", {"a": 0.0, "b": 1.0}, "1"), quiz("s", {"a": 1.0}, "2")])[
        "s"
    ]
    assert {q["id"]: q["score"] for q in summary.questions} == {"a": 1.0, "b": 1.0}
    assert summary.percent == 100


def test_class_report_rows_totals_and_who_did_not_submit():
    students = [Student(s, s.upper()) for s in ("s1", "s2", "s3", "s4", "s5", "s6")]
    data = ClassData(
        students, [ExerciseInfo("ex", TITLE, 5.5)], {(r.student, "ex"): r for r in RESULTS}
    )
    report = class_report(data)
    rows = {row.student.id: row for row in report.rows}
    assert rows["s1"].total == 4.5 and rows["s1"].percent == pytest.approx(100 * 4.5 / 5.5)
    assert rows["s5"].scores == {"ex": 0.0} and rows["s5"].loaded == {"ex": False}
    assert [row.student.id for row in report.not_submitted] == ["s6"]
    assert report.exercises[0].submitted == 5 and report.exercises[0].missing == 1
    assert report.exercises[0].mean == pytest.approx((4.5 + 3.5 + 3.5 + 1.5 + 0) / 5)
    assert sum(b.count for b in report.bins) == 5
    assert [c.name for c in report.hardest_checks(2)] == ["d", "a"]
