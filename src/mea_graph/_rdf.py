"""Private helpers that move RDF between pyoxigraph and rdflib."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib


def to_rdflib(triples: Iterable[ox.Triple | ox.Quad]) -> rdflib.Graph:
    """An rdflib graph holding the triples (the graph names of quads are dropped)."""
    plain = (ox.Triple(t.subject, t.predicate, t.object) for t in triples)
    data = ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    if data:
        graph.parse(data=data, format="nt")
    return graph


def subjects_by_graph(quads: Iterable[ox.Quad]) -> dict[str, set[str]]:
    """For each subject IRI, the named graphs in which it has triples."""
    found: dict[str, set[str]] = {}
    for quad in quads:
        graph = quad.graph_name
        if isinstance(quad.subject, ox.NamedNode) and isinstance(graph, ox.NamedNode):
            found.setdefault(quad.subject.value, set()).add(graph.value)
    return found


def to_oxigraph(graph: rdflib.Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding the rdflib graph's triples."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    if data.strip():
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store
