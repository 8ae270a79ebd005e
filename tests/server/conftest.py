"""Fixtures for the server tests: live uvicorn servers on loopback (ephemeral ports),
stopped in teardown. (``tests/server`` is a package so that ``--doctest-modules`` imports
this file as ``server.conftest``, not as a second top-level ``conftest``.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mea_graph.build import BuildResult
from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings

from .server_helpers import Live, live


@pytest.fixture(scope="session")
def shipped_folder(built: BuildResult) -> Path:
    """The store folder of the session's build of the shipped data (read-only use)."""
    return built.build.parent.parent


@pytest.fixture(scope="module")
def server(shipped_folder: Path) -> Iterator[Live]:
    """A read-only server (no write token) over the shipped data."""
    settings = Settings(store_path=shipped_folder, max_rows=50, query_timeout=20)
    with live(create_app(settings)) as running:
        yield running
