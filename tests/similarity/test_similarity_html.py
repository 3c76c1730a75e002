"""The "Similar submissions" section and the side-by-side pair view, opened in headless Chromium:
in the class report (`grade report --out`, `grade batch --out`) and alone (`grade similarity
--out`). Offline, escaped, readable on a phone, top N pairs with the rest counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import Page, chromium, needs_chromium
from cliutil import run_grade
from disguise import DISGUISES
from simcorpus import gradebook, honest

from grader.course.load import all_exercises

EVIL = "Zoë <img src=x onerror=alert(1)> & co"
HOSTILE_CODE = (
    "\n\ndef note():\n"
    '    # </code></pre><script>alert("comment")</script>\n'
    '    return "<img src=x onerror=alert(2)> \u202e evil"\n'
)
COPIES = 6  # renamed copies of one pooling solution: 21 pairs, more than a report shows


@pytest.fixture(scope="module")
def class_db(tmp_path_factory) -> Path:
    """conv: the corpus and a disguised copy of im2col by a student with a hostile name and
    hostile code; pooling: the corpus and COPIES renamed copies of window_view."""
    conv, pooling = honest("conv"), honest("pooling")
    code = {(s, "conv"): src for s, src in conv.items()}
    code |= {(s, "pooling"): src for s, src in pooling.items()}
    code[(EVIL, "conv")] = DISGUISES["combined"](conv["im2col"]) + HOSTILE_CODE
    for i in range(1, COPIES + 1):
        code[(f"copy-{i}", "pooling")] = DISGUISES["renamed"](pooling["window_view"])
    names = {"im2col": "Ivan Petrov"}
    return gradebook(tmp_path_factory.mktemp("sim") / "g.sqlite", code, names)


def _write(tmp_path_factory, *args: str) -> Path:
    out = tmp_path_factory.mktemp("html") / "similar.html"
    done = run_grade(*args, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def report_html(class_db, tmp_path_factory) -> Path:
    return _write(tmp_path_factory, "report", "--db", str(class_db))


@pytest.fixture(scope="module")
def alone_html(class_db, tmp_path_factory) -> Path:
    return _write(tmp_path_factory, "similarity", "--db", str(class_db), "--top", "3")


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


def _rows(page: Page, exercise: str) -> list[list[str]]:
    return page.page.eval_on_selector_all(
        f'#similar table.similar[data-exercise="{exercise}"] tbody tr',
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))",
    )


def _open_pair_of(page: Page, exercise: str, student: str):
    """Click the "side by side" link of `student`'s pair; the pair view it opened."""
    row = page.page.locator(f'#similar table.similar[data-exercise="{exercise}"] tbody tr').filter(
        has_text=student
    )
    link = row.locator("a")
    target = link.get_attribute("href")
    link.click()
    return page.page.locator(f"details{target}")


@needs_chromium
def test_the_report_has_the_section_with_the_copied_pairs(browser, report_html):
    page = Page(browser, report_html)
    section = page.page.locator("#similar")
    assert section.locator("h2").inner_text() == "Similar submissions"
    assert "not proof of copying" in section.locator(".caveat").inner_text()
    assert page.page.locator('nav a[href="#similar"]').count() == 1
    conv = _rows(page, "conv")
    assert len(conv) == 1
    assert {conv[0][1], conv[0][2]} == {EVIL, "Ivan Petrov (im2col)"}
    assert int(conv[0][0].rstrip(" %")) >= 50
    pooling = _rows(page, "pooling")
    flagged = {frozenset(r[1:3]) for r in pooling}
    copiers = {"window_view"} | {f"copy-{i}" for i in range(1, COPIES + 1)}
    assert len(pooling) == 20  # the report's top 20 ...
    assert all(pair <= copiers for pair in flagged)
    more = section.locator("p.note", has_text="more pair").inner_text()
    assert re.search(r"and 1 more pair: `grade similarity --csv -e pooling`", more)  # ... of 21
    assert page.problems == []


@needs_chromium
def test_a_pair_opens_side_by_side_with_the_matching_code_highlighted(browser, report_html):
    page = Page(browser, report_html)
    view = _open_pair_of(page, "conv", "Ivan Petrov")
    assert view.get_attribute("open") is not None
    figures = view.locator("figure.code")
    assert figures.count() == 2
    sources = {EVIL: "", "im2col": honest("conv")["im2col"]}
    regions = []
    for i in range(2):
        figure = figures.nth(i)
        assert figure.is_visible()
        student = figure.get_attribute("data-student")
        marks = figure.locator("mark")
        assert marks.count() > 0
        regions.append(set(marks.evaluate_all("ms => ms.map(m => m.dataset.region)")))
        if sources.get(student):  # highlighted text is the student's own code
            first = marks.first.inner_text()
            assert first.strip() and first in sources[student]
    assert regions[0] & regions[1]  # numbered regions pair up across the two files
    boxes = [figures.nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1  # side by side
    assert page.problems == []


@needs_chromium
def test_student_strings_are_escaped_and_invisible_characters_shown(browser, report_html):
    page = Page(browser, report_html)
    view = _open_pair_of(page, "conv", EVIL)
    code = view.locator(f'figure.code[data-student="{EVIL}"]')
    assert code.locator("figcaption").inner_text() == EVIL
    text = code.locator("pre").inner_text()
    assert '# </code></pre><script>alert("comment")</script>' in text
    assert "<img src=x onerror=alert(2)>" in text
    assert code.locator("span.ctl").inner_text() == "U+202E"
    assert "\u202e" not in text
    assert page.page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.page.evaluate("document.scripts.length") == 1  # the report's own
    assert page.problems == []


@needs_chromium
def test_a_pair_is_readable_on_a_phone(browser, report_html):
    page = Page(browser, report_html, width=390)
    view = _open_pair_of(page, "conv", "Ivan Petrov")
    assert page.page.evaluate("document.documentElement.scrollWidth") <= 390
    first, second = (view.locator("figure.code").nth(i).bounding_box() for i in range(2))
    assert second["y"] >= first["y"] + first["height"]  # stacked, not squeezed
    assert page.problems == []


@needs_chromium
def test_grade_similarity_out_writes_the_section_alone_with_its_top(browser, alone_html):
    page = Page(browser, alone_html, anchor="#pair-2")
    assert page.page.locator("details#pair-2").get_attribute("open") is not None  # from a link
    assert len(_rows(page, "pooling")) == 3
    more = page.page.locator("#similar p.note", has_text="more pair").inner_text()
    assert "and 18 more pairs" in more
    assert page.page.locator("details.pair").count() == 1 + 3
    assert "not proof of copying" in page.page.locator(".caveat").inner_text()
    html = alone_html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<style>" in html and 'rel="stylesheet"' not in html
    assert page.problems == []


def test_russian_wording(class_db, tmp_path_factory):
    out = _write(tmp_path_factory, "similarity", "--db", str(class_db), "--lang", "ru", "--csv")
    html = out.read_text(encoding="utf-8")
    assert "<h2>Похожие работы</h2>" in html
    assert "Сходство — повод посмотреть на пару, а не доказательство списывания" in html
    assert ">рядом</a>" in html


def test_no_similarity_leaves_the_section_out(class_db, tmp_path_factory):
    out = _write(tmp_path_factory, "report", "--db", str(class_db), "--no-similarity")
    html = out.read_text(encoding="utf-8")
    assert 'id="similar"' not in html and "Similar submissions" not in html


def test_batch_out_has_the_section(tmp_path):
    sigmoid = all_exercises()["sigmoid"]
    solution = sigmoid.solution.read_text(encoding="utf-8")
    for student, code in {
        "amy": solution,
        "ben": DISGUISES["renamed"](solution),
        "cat": sigmoid.stub.read_text(encoding="utf-8"),
    }.items():
        (tmp_path / "class" / student).mkdir(parents=True)
        (tmp_path / "class" / student / "sigmoid.py").write_text(code, encoding="utf-8")
    out = tmp_path / "report.html"
    done = run_grade(
        "batch", str(tmp_path / "class"), "--db", str(tmp_path / "g.sqlite"), "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    section = html[html.index('<section id="similar">') : html.index('<section id="details">')]
    rows = re.findall(r'<tr data-pair="pair-\d+">(.*?)</tr>', section, re.S)
    assert len(rows) == 1 and "amy" in rows[0] and "ben" in rows[0] and "cat" not in rows[0]
    assert 'id="pair-1"' in section
