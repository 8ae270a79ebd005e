"""Real third-party clients against a live uvicorn on loopback, with no special settings."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from .server_helpers import Live

UNEP = "https://w3id.org/mea-graph/id/org/unep"
# Doc.18.1 paragraphs 28 (CITES) and 33 (UNDP) state CMS's jaguar partners.
JAGUAR = """PREFIX mea: <https://w3id.org/mea-graph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?partner WHERE {
  ?c mea:concernsTaxon <https://w3id.org/mea-graph/id/taxon/panthera-onca> ;
     org:hasMember <https://w3id.org/mea-graph/id/secretariat/cms>, ?partner ;
     prov:wasDerivedFrom ?paragraph .
  ?paragraph mea:text ?text . FILTER(CONTAINS(LCASE(?text), "jaguar"))
  FILTER(?partner != <https://w3id.org/mea-graph/id/secretariat/cms>)
} ORDER BY ?partner"""
PARTNERS = [
    "https://w3id.org/mea-graph/id/org/undp",
    "https://w3id.org/mea-graph/id/secretariat/cites",
]


def test_sparqlwrapper_with_default_settings(server: Live) -> None:
    client = SPARQLWrapper(server.sparql)  # GET, XML results
    client.setQuery(JAGUAR)
    document = client.query().convert()  # an xml.dom document
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == PARTNERS


def test_sparqlwrapper_with_json(server: Live) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setReturnFormat(JSON)
    client.setQuery(JAGUAR)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["partner"]["value"] for b in bindings] == PARTNERS


def test_sparqlwrapper_ask_and_construct(server: Live) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setReturnFormat(JSON)
    client.setQuery(f"ASK {{ <{UNEP}> ?p ?o }}")
    assert client.query().convert()["boolean"] is True
    client = SPARQLWrapper(server.sparql)
    client.setQuery(f"CONSTRUCT {{ <{UNEP}> ?p ?o }} WHERE {{ <{UNEP}> ?p ?o }}")
    graph = client.query().convert()  # RDF/XML parsed into an rdflib graph
    assert (rdflib.URIRef(UNEP), None, None) in graph


def test_rdflib_sparqlstore_select(server: Live) -> None:
    graph = rdflib.Graph(SPARQLStore(server.sparql))
    rows = list(graph.query(JAGUAR))
    assert [str(row.partner) for row in rows] == PARTNERS


def test_rdflib_sparqlstore_construct(server: Live) -> None:
    graph = rdflib.Graph(SPARQLStore(server.sparql))
    result = graph.query(
        f"CONSTRUCT {{ <{UNEP}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }} "
        f"WHERE {{ <{UNEP}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}"
    )
    labels = {str(o) for o in result.graph.objects()}
    assert "Programme des Nations Unies pour l'environnement" in labels
    assert "United Nations Environment Programme" in labels
