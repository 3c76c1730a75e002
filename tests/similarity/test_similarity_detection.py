"""Disguised copies planted among independently written solutions: every copy is flagged, no
independent pair is."""

import importlib.util
import itertools

import numpy as np
import pytest
from disguise import DISGUISES, reorder
from simcorpus import honest, stub

from grader.similarity import THRESHOLD, compare_exercise

COPY = "zz-copy"


def _flagged(result) -> set[frozenset[str]]:
    return {frozenset((p.student_a, p.student_b)) for p in result.pairs}


def test_the_corpus_is_real_solutions(exercise):
    """Every honest solution computes what the reference solution computes."""
    from grader.course.load import find_exercise

    reference = _module(find_exercise(exercise).solution)
    rng = np.random.default_rng(7)
    for name, source in honest(exercise).items():
        spec = importlib.util.spec_from_loader(name, loader=None)
        module = importlib.util.module_from_spec(spec)
        exec(compile(source, name, "exec"), module.__dict__)  # noqa: S102 - our own corpus
        x = rng.normal(size=(7, 6))
        if exercise == "conv":
            k = rng.normal(size=(3, 2))
            for stride, padding in [(1, 0), (2, 1), (3, 2)]:
                got = module.conv2d(x, k, stride, padding)
                assert np.allclose(got, reference.conv2d(x, k, stride, padding)), name
        else:
            for size, stride in [(2, None), (3, 1), (2, 3)]:
                for fn in ("max_pool2d", "avg_pool2d"):
                    got = getattr(module, fn)(x, size, stride)
                    assert np.allclose(got, getattr(reference, fn)(x, size, stride)), name


def _module(path):
    spec = importlib.util.spec_from_file_location("reference_solution", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_independent_pair_is_flagged(exercise):
    result = compare_exercise(exercise, honest(exercise), stub(exercise))
    assert result.pairs == []
    assert not result.unparsed and not result.too_small


@pytest.mark.parametrize("disguise", sorted(DISGUISES))
def test_every_disguised_copy_is_flagged_and_nothing_else(exercise, disguise):
    """Each solution of the class in turn is copied with the disguise; the class then holds the
    original, the copy and every other independent solution."""
    solutions = honest(exercise)
    for original, source in solutions.items():
        copy = DISGUISES[disguise](source)
        assert copy != source or (disguise == "reordered" and reorder(source) == source)
        result = compare_exercise(exercise, {**solutions, COPY: copy}, stub(exercise))
        assert _flagged(result) == {frozenset((original, COPY))}, (original, result.pairs)
        assert result.pairs[0].similarity >= THRESHOLD


def test_a_class_with_many_copies_flags_exactly_the_copies(exercise):
    """One class, every disguise planted at once (each copying the next solution, round the
    class; copies of one solution are a copied pair too)."""
    solutions = honest(exercise)
    originals = itertools.cycle(sorted(solutions))
    planted = {}
    family: dict[str, list[str]] = {}  # original -> it and its copies
    for disguise, fn in sorted(DISGUISES.items()):
        original = next(originals)
        planted[f"copy-{disguise}"] = fn(solutions[original])
        family.setdefault(original, [original]).append(f"copy-{disguise}")
    expected = {
        frozenset(pair)
        for members in family.values()
        for pair in itertools.combinations(members, 2)
    }
    result = compare_exercise(exercise, {**solutions, **planted}, stub(exercise))
    assert _flagged(result) == expected
    ranked = [p.similarity for p in result.pairs]
    assert ranked == sorted(ranked, reverse=True)


def test_a_copy_handed_in_by_three_students_flags_all_three_pairs():
    solutions = honest("conv")
    source = solutions["loops_lecture_b"]
    planted = {"c1": DISGUISES["renamed"](source), "c2": DISGUISES["combined"](source)}
    result = compare_exercise("conv", {**solutions, **planted}, stub("conv"))
    trio = ("loops_lecture_b", "c1", "c2")
    assert _flagged(result) == {frozenset(p) for p in itertools.combinations(trio, 2)}


def test_the_stub_never_counts():
    """Students who hand in the stub, or the stub plus a line, share nothing worth a look."""
    conv_stub = stub("conv")
    sources = {"a": conv_stub, "b": conv_stub, "c": conv_stub + "\nx = 1\n"}
    result = compare_exercise("conv", sources, conv_stub)
    assert result.pairs == []
    assert result.too_small == ["a", "b", "c"]


def test_code_common_in_the_class_is_discounted():
    """The same lecture block in two solutions counts fully when only they have it, and little
    when most of the class has it."""
    block = (
        "\n\ndef lecture_feature_map(image, filter):\n"
        "    feature_map = np.zeros((3, 3))\n"
        "    for i in range(3):\n"
        "        for j in range(3):\n"
        "            feature_map[i, j] = np.sum(image[i:i+3, j:j+3] * filter)\n"
        "    return feature_map\n"
    )
    solutions = honest("conv")
    a, b = "im2col", "strided"
    only_pair = {**solutions, a: solutions[a] + block, b: solutions[b] + block}
    whole_class = {name: source + block for name, source in solutions.items()}
    pair_score = compare_exercise("conv", only_pair, stub("conv")).score(a, b)
    class_score = compare_exercise("conv", whole_class, stub("conv")).score(a, b)
    plain = compare_exercise("conv", solutions, stub("conv")).score(a, b)
    assert class_score < pair_score
    assert class_score == pytest.approx(plain, abs=0.05)
