"""The SPARQL 1.1 Service Description that ``GET /sparql`` returns with no query.

>>> graph = describe("http://localhost:8000/sparql", graphs=["http://g/1"], update=False)
>>> from rdflib import URIRef
>>> (None, SD.endpoint, URIRef("http://localhost:8000/sparql")) in graph
True
>>> (None, SD.feature, SD.UnionDefaultGraph) in graph
True
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from .negotiation import GRAPH_FORMATS, Format

__all__ = ["SD", "describe", "serialize"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
_RDFLIB = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def describe(endpoint: str, *, graphs: Iterable[str], update: bool) -> Graph:
    """The description of the service at ``endpoint`` holding the named ``graphs``."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, DCTERMS.title, Literal("mea-graph SPARQL endpoint", lang="en")))
    g.add((service, DCTERMS.title, Literal("Point d'accès SPARQL de mea-graph", lang="fr")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in _RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for iri in sorted(graphs):
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
    return g


def serialize(graph: Graph, fmt: Format) -> bytes:
    """``graph`` in one of :data:`~.negotiation.GRAPH_FORMATS`."""
    assert fmt in GRAPH_FORMATS
    return graph.serialize(format=_RDFLIB[fmt.name], encoding="utf-8")
