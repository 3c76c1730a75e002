"""Fixtures of the Dask tests: a LocalCluster of two worker processes and a client. The rows the
cluster must reproduce are tests/conftest.py's graded_class: the synthetic class graded locally
once."""

from __future__ import annotations

import pytest

distributed = pytest.importorskip("distributed", reason="needs the [dask] extra")

from daskutil import start_cluster  # noqa: E402


@pytest.fixture(scope="session")
def cluster():
    with start_cluster() as found:
        yield found


@pytest.fixture(scope="session")
def client(cluster):
    with distributed.Client(cluster, set_as_default=False) as found:
        yield found
