"""Replays the W3C SPARQL 1.1 Protocol manifest (34 tests) and Service Description
manifest (3 tests), copied verbatim into ``w3c/`` (see ``w3c/SOURCE.txt``), against a
live uvicorn server with a write token, over an empty store of its own.

Each test's ``ut:graphData`` is loaded first (through the endpoint, as an update), then
its requests are sent in order and each response checked: status class, and where the
manifest says so the format (boolean, tabular, RDF) and the boolean value.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib import RDF, Namespace
from rdflib.collection import Collection

from mea_graph.server.app import create_app
from mea_graph.server.settings import Settings

from .server_helpers import TOKEN, Live, empty_store, live

HERE = Path(__file__).parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFS = rdflib.RDFS

RESULT_TYPES = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def _manifest(folder: str) -> tuple[rdflib.Graph, list]:
    graph = rdflib.Graph().parse(HERE / folder / "manifest.ttl", format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(manifest, MF.entries)))


PROTOCOL, PROTOCOL_TESTS = _manifest("protocol")
SD_GRAPH, SD_TESTS = _manifest("service-description")


def test_the_manifests_hold_every_test():
    """Guard count: the issue asks for 34 protocol and 3 service-description tests."""
    assert len(PROTOCOL_TESTS) == 34
    assert len(SD_TESTS) == 3


@pytest.fixture(scope="module")
def conformance_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = empty_store(tmp_path_factory.mktemp("w3c-store"))
    settings = Settings(store_path=folder, write_token=TOKEN, query_timeout=20)
    with live(create_app(settings)) as running:
        yield running


def _requests(test) -> Iterator[dict]:
    action = PROTOCOL.value(test, MF.action)
    for request in Collection(PROTOCOL, PROTOCOL.value(action, HT.requests)):
        body = PROTOCOL.value(request, HT.body)
        headers = {}
        header_list = PROTOCOL.value(request, HT.headers)
        if header_list is not None:
            for header in Collection(PROTOCOL, header_list):
                name = str(PROTOCOL.value(header, HT.fieldName))
                headers[name] = str(PROTOCOL.value(header, HT.fieldValue))
        content = None
        if body is not None:
            encoding = str(PROTOCOL.value(body, CNT.characterEncoding) or "UTF-8")
            content = str(PROTOCOL.value(body, CNT.chars)).encode(encoding.lower())
        response = PROTOCOL.value(request, HT.resp)
        yield {
            "method": str(PROTOCOL.value(request, HT.methodName)),
            "path": str(PROTOCOL.value(request, HT.absolutePath)),
            "headers": headers,
            "content": content,
            "statuses": {
                str(s).rsplit("#", 1)[1] for s in PROTOCOL.objects(response, MF.expectedStatus)
            },
            "format": PROTOCOL.value(response, MF.expectedFormat),
            "boolean": PROTOCOL.value(response, MF.expectedBoolean),
        }


def _load_graph_data(client: httpx.Client, endpoint: str, test) -> None:
    data = list(PROTOCOL.objects(test, UT.graphData))
    if not data:
        return
    blocks = []
    for item in data:
        name = str(PROTOCOL.value(item, RDFS.label))
        triples = HERE / "protocol" / str(PROTOCOL.value(item, UT.graph)).rsplit("/", 1)[1]
        blocks.append(f"GRAPH <{name}> {{ {triples.read_text()} }}")
    response = client.post(
        endpoint,
        content=f"DROP ALL ; INSERT DATA {{ {' '.join(blocks)} }}".encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text


def _boolean(response: httpx.Response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        return json.loads(response.text)["boolean"]
    assert media == "application/sparql-results+xml", media
    node = ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node.text == "true"


@pytest.mark.parametrize("test", PROTOCOL_TESTS, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_protocol(conformance_server: Live, test) -> None:
    endpoint = conformance_server.sparql
    with httpx.Client(timeout=30) as client:
        _load_graph_data(client, endpoint, test)
        for request in _requests(test):
            assert request["path"].startswith("/sparql/")
            url = endpoint + request["path"][len("/sparql/") :]
            headers = dict(request["headers"])
            if (
                request["method"] == "POST"
                and headers.get("content-type", "").startswith("application/sparql-update")
                or (request["content"] or b"").startswith(b"update=")
            ):
                headers["Authorization"] = f"Bearer {TOKEN}"
            response = client.request(
                request["method"], httpx.URL(url), content=request["content"], headers=headers
            )
            status_class = f"{str(response.status_code)[0]}xx"
            assert f"StatusCode{status_class}" in request["statuses"], (
                response.status_code,
                response.text[:300],
            )
            media = response.headers.get("content-type", "").split(";")[0]
            if request["format"] is not None:
                expected = str(request["format"])
                if expected in ("boolean", "tabular"):
                    assert media in RESULT_TYPES
                else:
                    assert media in RDF_TYPES
                    rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media])
            if request["boolean"] is not None:
                assert _boolean(response) is request["boolean"].toPython()


def _description(server: Live) -> tuple[httpx.Response, rdflib.Graph]:
    response = httpx.get(server.sparql, timeout=30)
    media = response.headers["content-type"].split(";")[0]
    return response, rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media])


@pytest.mark.parametrize("test", SD_TESTS, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_service_description(conformance_server: Live, test) -> None:
    response, graph = _description(conformance_server)
    name = str(test).rsplit("#", 1)[1]
    assert response.status_code == 200
    if name == "returns-rdf":
        assert response.headers["content-type"].split(";")[0] in RDF_TYPES
        assert len(graph) > 0
    elif name == "has-endpoint-triple":
        assert (None, SD.endpoint, rdflib.URIRef(conformance_server.sparql)) in graph
    else:  # conforms-to-schema: the SD vocabulary's domains and ranges hold
        services = list(graph.subjects(RDF.type, SD.Service))
        assert len(services) == 1
        service = services[0]
        languages = set(graph.objects(service, SD.supportedLanguage))
        assert languages and languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
        assert all(isinstance(e, rdflib.URIRef) for e in graph.objects(service, SD.endpoint))
        assert all(isinstance(f, rdflib.URIRef) for f in graph.objects(service, SD.resultFormat))
        assert all(isinstance(f, rdflib.URIRef) for f in graph.objects(service, SD.feature))
        for dataset in graph.objects(service, SD.defaultDataset):
            assert (dataset, RDF.type, SD.Dataset) in graph
            for named in graph.objects(dataset, SD.namedGraph):
                assert isinstance(graph.value(named, SD.name), rdflib.URIRef)
