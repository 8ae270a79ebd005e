"""Fixtures for the ingest tests: an extractor over the shipped data, the seed and the
English fixture extracted once, and a private store for tests that write."""

from __future__ import annotations

from pathlib import Path

import pytest

from mea_graph.backends import EmbeddedBackend
from mea_graph.build import build_store
from mea_graph.ingest.pipeline import Extraction, Extractor
from mea_graph.ingest.reader import read_source
from mea_graph.store import StoreFolder

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "UNEP-CMS-COP14-Doc.18.1-fr.txt"
FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = FIXTURES / "resolution-en.txt"


@pytest.fixture(scope="session")
def extractor(store) -> Extractor:
    return Extractor.load(EmbeddedBackend(store), convention="cms", meeting="cop14")


@pytest.fixture(scope="session")
def seed(extractor) -> Extraction:
    return extractor.extract(read_source(SEED), language="fr")


@pytest.fixture(scope="session")
def english(extractor) -> Extraction:
    return extractor.extract(read_source(ENGLISH), language="en")


@pytest.fixture(scope="module")
def writable_store(layout, tmp_path_factory) -> StoreFolder:
    """A store of the shipped data that tests may write into (one per test module)."""
    path = tmp_path_factory.mktemp("ingest-store")
    build_store(layout, store_path=path)
    return StoreFolder(path)
