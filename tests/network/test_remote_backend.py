"""The projections and analyses run unchanged on a remote SPARQL endpoint: the shipped
data, dumped as TriG by the exporter, served by the Oxigraph server."""

from __future__ import annotations

import pytest

from mea_graph.analysis import in_force
from mea_graph.backends import RemoteBackend
from mea_graph.export import write_rdf
from mea_graph.network import project

from ..oxigraph_server import oxigraph_server


@pytest.fixture(scope="module")
def remote(shipped, tmp_path_factory):
    folder = tmp_path_factory.mktemp("remote")
    (dump,) = write_rdf(shipped, folder / "data.trig", "trig", dataset_version="test")
    with oxigraph_server(dump, folder) as endpoint:
        backend = RemoteBackend(endpoint)
        yield backend
        backend.close()


@pytest.mark.parametrize("kind", ["partners", "convention-partner", "mandates", "lineage"])
def test_same_projection_remote_and_embedded(shipped, remote, kind):
    here, there = project(shipped, kind), project(remote, kind)
    assert sorted(here.edges(data=True)) == sorted(there.edges(data=True))
    assert dict(here.nodes(data=True)) == dict(there.nodes(data=True))


def test_in_force_remote(remote):
    result = in_force(remote, "mtg:cms-cop14", apply_recommendations=True)
    assert not result.get("https://w3id.org/mea-graph/id/decision/cms-13.9").in_force
    assert result.get("https://w3id.org/mea-graph/id/decision/cms-14.aa").in_force


def test_mandates_overlaps_and_brokers_remote(shipped, remote):
    """The mandate index and the overlap table read the endpoint like the store; the
    remote cache is keyed on a time window (no dataset version to read)."""
    from mea_graph.analysis import convention_brokers
    from mea_graph.synergy import find_mandates, find_overlaps
    from mea_graph.synergy.cache import dataset_version

    assert find_mandates(remote) == find_mandates(shipped)
    assert find_overlaps(remote) == find_overlaps(shipped)
    assert convention_brokers(remote) == convention_brokers(shipped)
    assert dataset_version(remote).startswith("remote")
