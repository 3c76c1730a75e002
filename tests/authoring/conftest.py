"""Fixtures of the authoring tests: temporary course folders, a small exercise filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
from authorutil import DOUBLE, write


@pytest.fixture
def course(tmp_path) -> Path:
    """An empty course folder."""
    (tmp_path / "course" / "exercises").mkdir(parents=True)
    return tmp_path / "course"


@pytest.fixture
def double_course(course) -> Path:
    """A course with the one small, complete exercise `double`."""
    write(course, DOUBLE)
    return course
