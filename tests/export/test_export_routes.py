"""The export routes of the HTTP API."""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
import rdflib
from fastapi.testclient import TestClient

from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings


@pytest.fixture(scope="module")
def client(shipped, built):
    settings = Settings(store_path=built.build.parent.parent)
    return TestClient(create_app(settings, backend=shipped))


def test_gexf_download(client, built):
    response = client.get("/api/export/partners.gexf")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/gexf+xml")
    assert 'filename="partners.gexf"' in response.headers["content-disposition"]
    assert response.headers["x-dataset-version"] == built.manifest.dataset_version
    assert nx.read_gexf(io.BytesIO(response.content)).number_of_nodes() > 10


def test_csv_is_a_zip_of_nodes_edges_and_provenance(client):
    response = client.get("/api/export/convention-partner.csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert names == [
        "convention-partner-edges.csv",
        "convention-partner-nodes.csv",
        "convention-partner.meta.json",
    ]


def test_rdf_turtle_download(client):
    response = client.get("/api/export/rdf.ttl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert 'filename="mea-graph.ttl"' in response.headers["content-disposition"]
    assert len(rdflib.Graph().parse(data=response.content, format="turtle")) > 1000


@pytest.mark.parametrize(
    ("url", "status", "named"),
    [
        ("/api/export/friends.gexf", 404, "'friends'"),
        ("/api/export/partners.xlsx", 400, "'xlsx'"),
        ("/api/export/rdf.rdfxml", 400, "'rdfxml'"),
    ],
)
def test_unknown_network_or_format(client, url, status, named):
    response = client.get(url)
    assert response.status_code == status
    assert named in response.json()["detail"]
