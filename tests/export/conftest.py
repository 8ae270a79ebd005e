"""Fixtures: the shipped data behind a backend (built once per session by tests/conftest.py)."""

from __future__ import annotations

import pyoxigraph
import pytest

from mea_graph.backends import EmbeddedBackend


@pytest.fixture(scope="session")
def shipped(store: pyoxigraph.Store) -> EmbeddedBackend:
    return EmbeddedBackend(store)
