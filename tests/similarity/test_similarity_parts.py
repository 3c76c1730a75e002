"""The parts of grader.similarity, tested directly: tokens, fingerprints, discount, evidence."""

import numpy as np
from simcorpus import honest, stub

from grader.similarity import compare_exercise, evidence_for
from grader.similarity.discount import weights
from grader.similarity.fingerprints import kgram_hashes, winnow
from grader.similarity.tokens import normalise


def test_names_strings_comments_and_layout_are_normalised():
    one = normalise('import numpy as np\ndef f(a):\n    """Doc."""\n    return np.sum(a)  # x\n')
    two = normalise("import numpy as xp\n\n\ndef g(b): return (xp.sum(b,))\n")
    assert one.texts() == two.texts()
    assert "sum" in one.texts() and "V" in one.texts()


def test_builtins_keywords_and_attributes_are_kept():
    texts = normalise("for i in range(len(x)):\n    y = x.shape\n").texts()
    assert texts[:2] == ["for", "V"] and "range" in texts and "len" in texts
    assert "shape" in texts


def test_a_file_that_does_not_tokenize_is_read_past_the_error():
    broken = 'def f(a):\n    s = """never closed\n    return a\n\ndef g(b):\n    return b + 1\n'
    tokens = normalise(broken)
    assert not tokens.parsed
    tail = ["def", "V", "(", "V", ")", ":", "return", "V", "+", "1", ";"]
    assert tokens.texts()[-len(tail) :] == tail


def test_winnowing_selects_a_fingerprint_in_every_window():
    hashes = kgram_hashes([str(i % 17) for i in range(300)], k=5)
    positions = winnow(hashes, 4)
    assert np.all(np.diff(positions) > 0)
    assert np.all(np.diff(positions) <= 4)  # no window of 4 without a selected k-gram
    assert kgram_hashes(["a"] * 3, k=5).size == 0


def test_hashes_are_the_same_in_every_process():
    # blake2b-based: a fixed value on every machine, unlike Python's salted hash()
    assert int(kgram_hashes(list("abcdefghijkl"), k=12)[0]) == 1219653385938097104


def test_weights_fall_with_how_common_a_fingerprint_is():
    w = weights(np.array([1, 2, 5, 50, 100]), 100)
    assert w[0] == w[1] == 1.0 and w[-1] == 0.0
    assert np.all(np.diff(w) <= 0)
    assert np.all(weights(np.array([2]), 2) == 1.0)


def test_fewer_than_two_submissions_give_no_pairs():
    assert compare_exercise("conv", {}, stub("conv")).pairs == []
    one = compare_exercise("conv", {"a": honest("conv")["im2col"]}, stub("conv"))
    assert one.pairs == [] and one.students == ["a"]


def test_evidence_marks_the_copied_regions_on_both_sides():
    original = honest("conv")["loops_lecture_b"]
    lines = original.splitlines(keepends=True)
    # the copy takes conv2d (the last function) and adds a function of its own
    start = next(i for i, line in enumerate(lines) if line.startswith("def conv2d"))
    copy = "def mine(q):\n    return [q * 2 for _ in range(9)]\n\n\n" + "".join(lines[start:])
    evidence = evidence_for(original, copy, stub("conv"))
    assert evidence.left and evidence.right
    left_lines = {line for r in evidence.left for line in range(r.start[0], r.end[0] + 1)}
    right_lines = {line for r in evidence.right for line in range(r.start[0], r.end[0] + 1)}
    assert start + 3 in left_lines and 1 not in left_lines  # conv2d's body, not output_size
    assert 1 not in right_lines and 2 not in right_lines  # not the copy's own function
    assert {r.match for r in evidence.right} <= {r.match for r in evidence.left}
