"""The side-by-side view's layout (grader.render.sidebyside): every character of a file shown
once, in the right region, invisible ones made visible, long files cut with a count."""

from __future__ import annotations

from disguise import DISGUISES
from simcorpus import honest, stub

from grader.render.sidebyside import MAX_LINES, render_similarity_html, side
from grader.similarity import compare_exercise, evidence_for
from grader.similarity.classwide import ClassSimilarity, PairEvidence
from grader.similarity.tokens import source_lines


def _restored(line) -> str:
    return "".join(chr(int(g.text[2:], 16)) if g.control else g.text for g in line.segments)


def test_every_character_is_shown_once_and_regions_are_labelled_once():
    original = honest("conv")["loops_lecture_a"]
    copy = DISGUISES["combined"](original).replace("import numpy", "import\u200b numpy", 1)
    evidence = evidence_for(original, copy, stub("conv"))
    for source, regions in ((original, evidence.left), (copy, evidence.right)):
        view = side("s", "S", source, regions)
        lines = [line.rstrip("\r\n") for line in source_lines(source)]
        assert [_restored(line) for line in view.lines] == lines
        labels = [g.label for line in view.lines for g in line.segments if g.label]
        assert sorted(labels) == sorted(r.match for r in regions) and labels
        marked = {g.region for line in view.lines for g in line.segments if g.region}
        assert marked == {r.match for r in regions}
    view = side("s", "S", copy, evidence.right)
    controls = [g for line in view.lines for g in line.segments if g.control]
    assert [g.text for g in controls] == ["U+200B"]


def test_a_region_marks_exactly_its_tokens():
    left = "def f(a, b):\n    total = a + b\n    return total * 2\n"
    right = "x = 1\ndef g(p, q):\n    s = p + q\n    return s * 2\n"
    evidence = evidence_for(left, right, k=5)
    view = side("r", "R", right, evidence.right)
    outside = "".join(g.text for g in view.lines[0].segments if not g.region)
    assert outside == "x = 1"  # the first line is not shared
    indent = [g for g in view.lines[2].segments if not g.region]
    assert [g.text for g in indent] == ["    "]  # a region goes on after the indentation


def test_a_long_file_is_cut_and_the_rest_counted():
    body = "".join(f"    v{i} = image[{i}] * kernel[{i % 3}] + {i}\n" for i in range(2000))
    source = f"def conv2d(image, kernel):\n{body}    return v0\n"
    copy = DISGUISES["renamed"](source)
    result = compare_exercise("conv", {"a": source, "b": copy})
    pair = result.pairs[0]
    shown = PairEvidence(pair, source, copy, evidence_for(source, copy))
    found = ClassSimilarity(result.threshold, 20, [result], {"conv": [shown]})
    html = render_similarity_html(found, "en")
    hidden = len(source_lines(source)) - MAX_LINES
    assert html.count(f"{hidden} more lines not shown") == 2
    assert html.count('<span class="ln" aria-hidden="true">') == 2 * MAX_LINES
