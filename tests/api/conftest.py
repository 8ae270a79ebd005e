"""Fixtures for the synergy API and linked-data tests: the shipped store behind the app."""

from __future__ import annotations

import pyoxigraph
import pytest
from fastapi.testclient import TestClient

from mea_graph.backends import EmbeddedBackend
from mea_graph.namespaces import PREFIXES
from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings


@pytest.fixture(scope="session")
def backend(store: pyoxigraph.Store) -> EmbeddedBackend:
    return EmbeddedBackend(store)


@pytest.fixture(scope="session")
def client(backend: EmbeddedBackend) -> TestClient:
    return TestClient(create_app(Settings(), backend=backend))


def full(compact: str) -> str:
    """The full IRI of a compact id such as ``orgn:unep`` (written here, not by the code)."""
    prefix, _, local = compact.partition(":")
    return PREFIXES[prefix] + local


@pytest.fixture(scope="session")
def iri():
    """``iri("orgn:unep")`` is the full IRI (tests cannot import conftest)."""
    return full
