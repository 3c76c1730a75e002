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
