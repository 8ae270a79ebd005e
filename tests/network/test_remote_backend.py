"""The projections and analyses run unchanged on a remote SPARQL endpoint: the shipped
data, dumped as TriG by the exporter, served by the Oxigraph server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mea_graph.analysis import in_force
from mea_graph.backends import RemoteBackend
from mea_graph.export import write_rdf
from mea_graph.network import project

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@pytest.fixture(scope="module")
def remote(shipped, tmp_path_factory):
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server binary is not installed")
    folder = tmp_path_factory.mktemp("remote")
    (dump,) = write_rdf(shipped, folder / "data.trig", "trig", dataset_version="test")
    location = str(folder / "store")
    subprocess.run(
        [OXIGRAPH, "load", "-l", location, "-f", str(dump)], check=True, capture_output=True
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            OXIGRAPH,
            "serve-read-only",
            "-l",
            location,
            "-b",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                httpx.get(endpoint, params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        backend = RemoteBackend(endpoint)
        yield backend
        backend.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("kind", ["partners", "convention-partner", "mandates", "lineage"])
def test_same_projection_remote_and_embedded(shipped, remote, kind):
    here, there = project(shipped, kind), project(remote, kind)
    assert sorted(here.edges(data=True)) == sorted(there.edges(data=True))
    assert dict(here.nodes(data=True)) == dict(there.nodes(data=True))


def test_in_force_remote(remote):
    result = in_force(remote, "mtg:cms-cop14", apply_recommendations=True)
    assert not result.get("https://w3id.org/mea-graph/id/decision/cms-13.9").in_force
    assert result.get("https://w3id.org/mea-graph/id/decision/cms-14.aa").in_force
