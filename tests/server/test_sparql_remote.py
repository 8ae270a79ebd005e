"""The same API over a real Oxigraph server (from the PyPI package ``oxigraph``), started
on loopback by the test and stopped after it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
import rdflib

from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings

from ..oxigraph_server import oxigraph_server
from .server_helpers import Live, live


@pytest.fixture(scope="module")
def oxigraph_endpoint(store: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("oxigraph")
    dump = folder / "dump.nq"
    store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    with oxigraph_server(dump, folder) as url:
        yield url


@pytest.fixture(scope="module")
def remote(oxigraph_endpoint: str) -> Iterator[Live]:
    with live(create_app(Settings(endpoint=oxigraph_endpoint))) as running:
        yield running


def test_select_over_the_remote_store(remote: Live) -> None:
    query = """SELECT DISTINCT ?partner ?paragraph WHERE {
      ?c mea:concernsTaxon taxon:panthera-onca ; org:hasMember sec:cms, ?partner ;
         prov:wasDerivedFrom ?paragraph . FILTER(?partner != sec:cms)
      ?paragraph mea:text ?text . FILTER(CONTAINS(LCASE(?text), "jaguar"))
    } ORDER BY ?partner"""
    response = httpx.get(remote.sparql, params={"query": query}, timeout=30)
    assert response.status_code == 200
    rows = [
        (b["partner"]["value"].rsplit("/", 1)[1], b["paragraph"]["value"].rsplit("/", 1)[1])
        for b in response.json()["results"]["bindings"]
    ]
    assert rows == [("undp", "para-33"), ("cites", "para-28")]  # Doc.18.1 paras 33 and 28


def test_construct_and_health_over_the_remote_store(remote: Live) -> None:
    response = httpx.get(
        remote.sparql, params={"query": "DESCRIBE orgn:unep"}, headers={"Accept": "text/turtle"}
    )
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/mea-graph/id/org/unep"), None, None) in graph
    health = httpx.get(remote.url + "/health").json()
    assert health["backend"] == "remote endpoint" and health["endpoint"].endswith("/query")


def test_remote_refuses_service_and_updates(remote: Live) -> None:
    service = "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert httpx.get(remote.sparql, params={"query": service}).status_code == 400
    assert httpx.post(remote.sparql, data={"update": "CLEAR ALL"}).status_code == 403
