"""The lineage of resolutions and decisions: a directed graph along ``eli:repeals``,
``eli:amends``, ``dcterms:replaces``, ``mea:recalls`` and ``mea:carriesForward``.

An edge goes from the later instrument to the earlier one; its ``type`` names the
relation(s) (``repeals``, ``amends``, ``replaces``, ``recalls``, ``carries-forward``), its
``evidence`` the paragraphs cited by the ``rdf:Statement`` that describes it, and its
``start`` the adoption date of the later instrument (when known). Nodes carry ``status``
(the ``status:`` codes, space-separated) and ``adopted`` (the adoption meeting's date).

>>> from mea_graph.network._sample import backend_from_turtle
>>> backend = backend_from_turtle('''
...   res:new a mea:Resolution ; eli:repeals res:old .
...   res:old a mea:Resolution ; mea:status status:repealed .''')
>>> graph = lineage(backend)
>>> [(s[-3:], o[-3:], kind) for s, o, kind in graph.edges(data="type")]
[('new', 'old', 'repeals')]
"""

from __future__ import annotations

import networkx as nx

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from ._common import EdgeBuilder, add_node_attributes, select

__all__ = ["LINEAGE_QUERY", "RELATIONS", "lineage"]

RELATIONS = {
    "http://data.europa.eu/eli/ontology#repeals": "repeals",
    "http://data.europa.eu/eli/ontology#amends": "amends",
    "http://purl.org/dc/terms/replaces": "replaces",
    "https://w3id.org/mea-graph/ontology#recalls": "recalls",
    "https://w3id.org/mea-graph/ontology#carriesForward": "carries-forward",
}

LINEAGE_QUERY = """SELECT ?s ?rel ?o ?evidence ?start WHERE {
  VALUES ?rel { eli:repeals eli:amends dcterms:replaces mea:recalls mea:carriesForward }
  ?s ?rel ?o .
  OPTIONAL { ?statement rdf:subject ?s ; rdf:predicate ?rel ; rdf:object ?o ;
                        prov:wasDerivedFrom ?evidence }
  OPTIONAL { ?s mea:adoptedAt/mea:startDate ?start }
}"""

_NODES_QUERY = """SELECT ?n ?status ?adopted WHERE {{
  VALUES ?n {{ {nodes} }}
  OPTIONAL {{ ?n mea:status ?status }}
  OPTIONAL {{ ?n mea:adoptedAt/mea:startDate ?adopted }}
}}"""


def lineage(backend: GraphBackend) -> nx.DiGraph:
    """The directed lineage graph (see the module's documentation)."""
    edges = EdgeBuilder(directed=True)
    seen: set[tuple[str, str, str]] = set()
    for row in select(backend, LINEAGE_QUERY):
        kind = RELATIONS[row["rel"]]
        # Each relation weighs 1, however many paragraphs cite it.
        weight = 0.0 if (row["s"], row["o"], kind) in seen else 1.0
        seen.add((row["s"], row["o"], kind))
        evidence = [row["evidence"]] if "evidence" in row else []
        edges.add(row["s"], row["o"], kind, weight, evidence=evidence, start=row.get("start"))
    graph = edges.graph(kind="lineage", queries=[LINEAGE_QUERY])
    add_node_attributes(backend, graph)
    statuses: dict[str, set[str]] = {}
    adopted: dict[str, str] = {}
    nodes = " ".join(f"<{n}>" for n in sorted(graph.nodes))
    for row in select(backend, _NODES_QUERY.format(nodes=nodes)):
        if "status" in row:
            statuses.setdefault(row["n"], set()).add(row["status"][len(PREFIXES["status"]) :])
        if "adopted" in row:
            adopted[row["n"]] = row["adopted"]
    for node, data in graph.nodes(data=True):
        data["group"] = "instrument"
        data["status"] = " ".join(sorted(statuses.get(node, ())))
        data["adopted"] = adopted.get(node, "")
    return graph
