"""The reference a suite sees: the solution, a recording proxy, or a replay of the recording."""

from __future__ import annotations

import numpy as np
import pytest

from grader.course.load import Exercise
from grader.errors import InputError
from grader.grading.reference import (
    RECORDING_FILE,
    Recording,
    Replay,
    load_reference,
    recording,
    replaying,
)
from grader.grading.suite import CheckFailed
from grader.sandbox import Limits

SOLUTION = """
import numpy as np

SCALE = 3


def double(x):
    return np.asarray(x) * 2


def refuse(x):
    raise ValueError(f"bad x: {x}")


class Counter:
    def __init__(self, start):
        self.value = start

    def add(self, k):
        self.value += k
        return self.value
"""


@pytest.fixture
def exercise(tmp_path) -> Exercise:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "fake.py").write_text(SOLUTION)
    suite = tmp_path / "suites" / "fake" / "test_fake.py"
    suite.parent.mkdir(parents=True)
    return Exercise(
        "fake",
        {"en": "Fake"},
        1,
        suite,
        tmp_path / "exercises" / "fake.py",
        tmp_path / "solutions" / "fake.py",
        suite.parent / "mutants",
        (),
        Limits(),
    )


@pytest.fixture
def recorded(exercise) -> Recording:
    """What a suite's calls leave in a recording, written to disk and read back."""
    with recording((0, 5)) as recorder:
        reference = load_reference(exercise)
        np.testing.assert_array_equal(reference.double(np.arange(3)), [0, 2, 4])
        reference.double(np.array([0.1, 0.2]))
        assert reference.SCALE == 3
        counter = reference.Counter(1)
        assert (counter.add(2), counter.add(2)) == (3, 5)
        with pytest.raises(ValueError, match="bad x: 1"):
            reference.refuse(1)
        recorder.paused = True
        reference.double(np.arange(7))  # not recorded
    path = exercise.suite.parent / RECORDING_FILE
    recorder.recordings["fake"].write(path)
    return Recording.read(path)


def test_replay_answers_as_the_solution_did(exercise, recorded):
    assert recorded.seeds == [0, 5]
    with replaying({"fake": recorded}):
        reference = load_reference(exercise)
        assert isinstance(reference, Replay)
        np.testing.assert_array_equal(reference.double(np.arange(3)), [0, 2, 4])
        assert reference.SCALE == 3
        with pytest.raises(ValueError, match="bad x: 1"):
            reference.refuse(1)


def test_objects_replay_their_state_step_by_step(exercise, recorded):
    with replaying({"fake": recorded}):
        reference = load_reference(exercise)
        counter, other = reference.Counter(1), reference.Counter(1)
        assert counter.add(2) == 3
        assert other.add(2) == 3  # a new object starts from the start
        assert counter.add(2) == 5


def test_platform_details_do_not_matter(exercise, recorded):
    with replaying({"fake": recorded}):
        reference = load_reference(exercise)
        # int32 where int64 was recorded (numpy 1.x on Windows); floats 1 ulp apart
        np.testing.assert_array_equal(reference.double(np.arange(3, dtype=np.int32)), [0, 2, 4])
        nudged = np.nextafter(np.array([0.1, 0.2]), 1.0)
        np.testing.assert_allclose(reference.double(nudged), [0.2, 0.4])


def test_a_call_that_was_not_recorded_fails_the_check_and_names_the_seeds(exercise, recorded):
    with replaying({"fake": recorded}):
        reference = load_reference(exercise)
        with pytest.raises(CheckFailed) as failed:
            reference.double(np.arange(7))
    text = failed.value.feedback.params
    assert "this student bundle can check seed 0, 5 only" in text["en"]
    assert "проверяет только сид 0, 5" in text["ru"]


def test_changing_a_returned_array_changes_no_later_answer(exercise, recorded):
    with replaying({"fake": recorded}):
        reference = load_reference(exercise)
        reference.double(np.arange(3))[:] = 99
        np.testing.assert_array_equal(reference.double(np.arange(3)), [0, 2, 4])


def test_without_solutions_the_bundle_replays_its_recording(exercise, recorded):
    exercise.solution.unlink()
    reference = load_reference(exercise)
    assert isinstance(reference, Replay)
    np.testing.assert_array_equal(reference.double(np.arange(3)), [0, 2, 4])
    (exercise.suite.parent / RECORDING_FILE).unlink()
    with pytest.raises(InputError, match="the reference solution is missing"):
        load_reference(exercise)


def test_a_damaged_recording_is_one_clear_error(exercise, recorded):
    path = exercise.suite.parent / RECORDING_FILE
    path.write_text('{"format": 1, "calls": "bm90IHdpcmU="}')
    with pytest.raises(InputError, match="cannot read the recorded expected values"):
        Recording.read(path)


def test_with_the_solution_present_the_reference_is_the_solution(exercise):
    reference = load_reference(exercise)
    assert not isinstance(reference, Replay)
    assert reference.double(21) == 42
