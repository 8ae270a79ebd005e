"""Shared fixtures: the project layout and a store built once per session."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from mea_graph.build import BuildResult, build_store
from mea_graph.layout import Layout
from mea_graph.store import StoreFolder

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def layout() -> Layout:
    return Layout(ROOT)


@pytest.fixture(scope="session")
def built(layout: Layout, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The shipped data, built and validated once into a temporary store folder."""
    return build_store(layout, store_path=tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="session")
def store(built: BuildResult) -> pyoxigraph.Store:
    return StoreFolder(built.build.parent.parent).open()
