"""Dereferenceable IRIs: /id/... in HTML or as a Concise Bounded Description; /ontology."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from mea_graph.layout import Layout
from mea_graph.namespaces import ID_BASE

UNEP = URIRef(ID_BASE + "org/unep")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def _graph(response, fmt):
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.text, format=fmt)


def test_turtle_is_the_cbd(client):
    response = client.get("/id/org/unep", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert "Accept" in response.headers["vary"]
    graph = _graph(response, "turtle")
    assert (UNEP, SKOS.altLabel, Literal("PNUE", lang="fr")) in graph
    assert (
        UNEP,
        SKOS.prefLabel,
        Literal("United Nations Environment Programme", lang="en"),
    ) in graph
    assert set(graph.subjects()) == {UNEP}  # no blank node, no reification about UNEP


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_every_rdf_format_gives_the_same_graph(client, accept, fmt):
    turtle = _graph(client.get("/id/org/unep", headers={"Accept": "text/turtle"}), "turtle")
    other = _graph(client.get("/id/org/unep", headers={"Accept": accept}), fmt)
    assert isomorphic(turtle, other)


def test_cbd_includes_the_reified_statements_with_their_evidence(client):
    # Annex 1 paragraph 29 restates that Resolution 11.10 (Rev.COP13) repeals Resolution 11.11.
    resolution = URIRef(ID_BASE + "resolution/cms-11.10-rev-cop13")
    graph = _graph(client.get("/id/resolution/cms-11.10-rev-cop13"), "turtle")  # */* -> Turtle
    statement = URIRef(ID_BASE + "statement/cms-11.10-rev-cop13-repeals-cms-11.11")
    assert (statement, RDF.subject, resolution) in graph
    assert (
        statement,
        PROV.wasDerivedFrom,
        URIRef(ID_BASE + "resolution/cms-11.10-rev-cop14/para-29"),
    ) in graph
    assert (
        resolution,
        URIRef("http://data.europa.eu/eli/ontology#repeals"),
        URIRef(ID_BASE + "resolution/cms-11.11"),
    ) in graph


def test_html_page(client):
    response = client.get(
        "/id/org/undp", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "United Nations Development Programme" in page
    assert "Programme des Nations Unies pour le développement" in page
    assert 'href="/id/collaboration/cms-undp-jaguar-conservation"' in page
    # the evidence paragraph, with its text (paragraph 33)
    assert 'href="/id/doc/unep-cms-cop14-doc.18.1/para-33"' in page
    assert "conservation du jaguar" in page
    assert 'href="/ontology#UNEntity"' in page


def test_format_parameter_overrides_accept(client):
    response = client.get("/id/org/unep?format=jsonld", headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("application/ld+json")


def test_errors(client):
    missing = client.get("/id/org/nobody", headers={"Accept": "text/turtle"})
    assert missing.status_code == 404
    assert ID_BASE + "org/nobody" in missing.json()["detail"]
    refused = client.get("/id/org/unep", headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "text/turtle" in refused.json()["detail"]
    assert client.get("/id/", headers={"Accept": "text/turtle"}).status_code == 404


def test_every_entity_of_the_shipped_data_dereferences(client, backend):
    subjects = [
        row[0]
        for row in backend.query(
            f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }}'
        ).rows
    ]
    assert len(subjects) >= 600  # guard: the shipped data has about 650 entities
    for subject in subjects:
        response = client.get(
            "/" + subject[len("https://w3id.org/mea-graph/") :],
            headers={"Accept": "application/n-triples"},
        )
        assert response.status_code == 200, subject
        assert f"<{subject}>" in response.text


def test_ontology(client):
    source = (Layout.discover().ontology_dir / "mea.ttl").read_text(encoding="utf-8")
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.text == source
    jsonld = _graph(client.get("/ontology", headers={"Accept": "application/ld+json"}), "json-ld")
    assert isomorphic(jsonld, rdflib.Graph().parse(data=source, format="turtle"))
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert 'id="Mandate"' in page and ">mandat<" in page and ">mandate<" in page
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
