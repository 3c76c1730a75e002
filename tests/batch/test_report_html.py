"""The HTML class report opened in headless Chromium: offline, no console errors, readable on a
phone, sortable, escaped; and the numbers on the page are the gradebook's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import Page, chromium, needs_chromium
from cliutil import run_grade
from synthetic import EVIL

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def report_html(graded_class, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    done = run_grade("report", "--db", str(graded_class.db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture
def page(browser, report_html):
    opened = Page(browser, report_html)
    yield opened
    opened.page.close()


def test_loads_offline_without_console_errors(page):
    page.page.click("#student-table thead th:last-child button")
    page.page.click("#student-table tbody tr:first-child a")
    page.page.wait_for_timeout(100)
    assert page.problems == []


def test_shows_the_student_count_and_a_students_score(page, graded_class):
    assert page.page.text_content("#student-count") == str(len(graded_class.plan))
    rows = page.page.locator("#student-table tbody tr")
    assert rows.count() == len(graded_class.plan)
    student = "partial-03"
    total = sum(graded_class.report.result(student, ex).score for ex in ("sigmoid", "conv", "net"))
    cell = page.page.text_content(f'#student-table tr[data-student="{student}"] td.total')
    assert float(cell) == pytest.approx(total, abs=0.01)


def test_student_table_sorts_by_total_without_external_js(page):
    headers = page.page.eval_on_selector_all(
        "#student-table thead th", "cells => cells.map(c => c.textContent.trim())"
    )
    total = headers.index("Total")
    page.page.click(f"#student-table thead th:nth-child({total + 1}) button")
    descending = [float(v) for v in page.column(total)]
    assert descending == sorted(descending, reverse=True) and descending[0] > descending[-1]
    page.page.click(f"#student-table thead th:nth-child({total + 1}) button")
    assert [float(v) for v in page.column(total)] == sorted(descending)
    assert (
        page.page.get_attribute(f"#student-table thead th:nth-child({total + 1})", "aria-sort")
        == "ascending"
    )


def test_a_students_details_open_from_the_table(page):
    link = page.page.locator('#student-table tr[data-student="broken-conv"] a')
    target = link.get_attribute("href")
    link.click()
    details = page.page.locator(f"details{target}")
    assert details.get_attribute("open") is not None
    text = details.inner_text()
    assert "syntax error" in text and "conv" in text
    assert re.search(r"Likely misconception|✓", text)


def test_readable_on_a_phone(browser, report_html):
    phone = Page(browser, report_html, width=375)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.problems == []


def test_names_are_escaped(page):
    names = page.column(0)
    assert EVIL in names
    assert page.page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.problems == []


def test_print_layout_hides_navigation(page):
    page.page.emulate_media(media="print")
    assert page.page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"


def test_the_file_is_self_contained(report_html):
    html = report_html.read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script src" not in html and 'rel="stylesheet"' not in html
    assert "<svg" in html and "<style>" in html


# Every element of the page (details opened) that sticks out of the viewport on either side.
OVERFLOW = """width => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if ((box.width || box.height) && (box.left < -0.5 || box.right > width + 0.5)) {
      out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${box.left}..${box.right}`);
    }
  }
  return [document.documentElement.scrollWidth, out.slice(0, 10)];
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_fits_the_screen_without_scrolling_sideways(browser, report_html, width):
    opened = Page(browser, report_html, width=width)
    scroll_width, wider = opened.page.evaluate(OVERFLOW, width)
    assert wider == [] and scroll_width <= width
    # every column of the student table, Total and % included, is on screen
    headers = opened.page.eval_on_selector_all(
        "#student-table thead th", "cells => cells.map(c => c.getBoundingClientRect().right)"
    )
    assert max(headers) <= width
    assert opened.problems == []


def test_quiz_answers_are_shown_as_option_texts(page, graded_class):
    from grader.render.answers import answer_text, course_questions

    questions = course_questions()
    wrong = [
        (row.student.id, q)
        for row in graded_class.report.rows
        if row.quiz
        for q in row.quiz.questions
        if not q["correct"] and questions[q["id"]].type in ("single", "multiple")
    ]
    assert wrong, "the synthetic class answers some choice questions wrongly"
    student, answer = wrong[0]
    question = questions[answer["id"]]
    given = answer_text(question, answer["given"], "en")
    assert given in [o.en for o in question.options] or ";" in given
    index = [row.student.id for row in graded_class.report.rows].index(student) + 1
    shown = page.page.eval_on_selector_all(
        f"details#s-{index} table.quiz q.answer", "qs => qs.map(q => q.textContent)"
    )
    assert given in shown
    assert not any(text.strip("[], ").replace(",", "").replace(" ", "").isdigit() for text in shown)
    texts = page.page.text_content(f"details#s-{index} table.quiz")
    assert question.text.en.split("\n")[0][:40] in texts


def test_discrimination_is_marked_unreliable_below_the_documented_class_size(page, graded_class):
    from grader.gradebook.report import RELIABLE_CLASS_SIZE

    report = graded_class.report
    # 8 quiz takers: every item's discrimination is marked, and the section says why
    assert report.quiz_takers < RELIABLE_CLASS_SIZE
    note = page.page.text_content("#items-unreliable")
    assert f"fewer than {RELIABLE_CLASS_SIZE}" in note and "unreliable" in note
    items = page.page.eval_on_selector_all(
        "#item-table tbody td:nth-child(5)", "cells => cells.map(c => c.className)"
    )
    assert items and all("unreliable" in c for c in items)
    # 32 submitters: no warning over the checks, and a check is marked by its own takers
    assert len(report.submitters) >= RELIABLE_CLASS_SIZE
    assert page.page.locator("#checks-unreliable").count() == 0
    for exercise, stats in report.checks.items():
        marks = page.page.eval_on_selector_all(
            f'table.checks[data-exercise="{exercise}"] tbody td:nth-child(4)',
            "cells => cells.map(c => c.classList.contains('unreliable'))",
        )
        assert marks == [c.takers < RELIABLE_CLASS_SIZE for c in stats], exercise
