"""Seeds: every random input of a check is a pure function of (seed, exercise, check)."""

from __future__ import annotations

import zlib


def student_seed(student_id: str) -> int:
    """The seed of a student's variant in batch grading: stable across runs and machines."""
    return zlib.crc32(student_id.strip().encode("utf-8"))


def check_entropy(seed: int, exercise: str, check: str) -> list[int]:
    """The entropy of one check's random generator (numpy's SeedSequence takes non-negative
    integers of any size). Seeds from 0 up keep the values they always had; a negative seed
    adds a marker word, so -5 and 5 give different inputs and every integer is a valid seed."""
    words = [abs(seed), zlib.crc32(exercise.encode()), zlib.crc32(check.encode())]
    return words if seed >= 0 else [*words, 1]
