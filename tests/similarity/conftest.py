"""Fixtures of the similarity tests."""

import pytest
from simcorpus import EXERCISES


@pytest.fixture(params=EXERCISES)
def exercise(request) -> str:
    return request.param
