"""The mandates network: each mandate linked to its addressees and its themes.

A directed graph: ``mandate -> addressee`` edges have type ``addressed-to`` and
``mandate -> theme`` edges type ``about``; both weigh 1 and cite the mandate's source
paragraph. ``start`` is the adoption date of the instrument the paragraph belongs to
(when known) and ``end`` the mandate's deadline. Mandate nodes carry ``verb``,
``paragraph``, ``instrument`` and ``agreement``; ``group`` is ``mandate``, ``actor`` or
``theme``.

>>> from mea_graph.network._sample import backend_from_turtle
>>> backend = backend_from_turtle('''
...   mandate:m1 a mea:Mandate ; mea:addressee sec:a ; dcterms:subject theme:t1 ;
...       mea:operativeVerb verb:requests ; mea:sourceParagraph d181:para-9 .''')
>>> graph = mandates(backend)
>>> sorted(d["type"] for _, _, d in graph.edges(data=True))
['about', 'addressed-to']
"""

from __future__ import annotations

import networkx as nx

from ..backends import GraphBackend
from ._common import EdgeBuilder, add_node_attributes, select

__all__ = ["MANDATES_QUERY", "mandates"]

MANDATES_QUERY = """SELECT ?m ?rel ?target ?paragraph ?verb ?agreement ?instrument ?start ?deadline
WHERE {
  ?m a/rdfs:subClassOf* mea:Mandate ; mea:sourceParagraph ?paragraph .
  { ?m mea:addressee ?target BIND("addressed-to" AS ?rel) }
  UNION { ?m dcterms:subject ?target BIND("about" AS ?rel) }
  OPTIONAL { ?m mea:operativeVerb ?verb }
  OPTIONAL { ?m mea:relatedAgreement ?agreement }
  OPTIONAL { ?m mea:deadline ?deadline }
  OPTIONAL {
    ?paragraph eli:is_part_of+ ?instrument .
    ?instrument a/rdfs:subClassOf* eli:LegalResource .
    OPTIONAL { ?instrument mea:adoptedAt/mea:startDate ?start }
  }
}"""


def mandates(backend: GraphBackend, *, include_themes: bool = True) -> nx.DiGraph:
    """The directed mandates network (see the module's documentation)."""
    edges = EdgeBuilder(directed=True)
    for row in select(backend, MANDATES_QUERY):
        if row["rel"] == "about" and not include_themes:
            continue
        edges.node(
            row["m"],
            group="mandate",
            verb=row.get("verb", ""),
            paragraph=row["paragraph"],
            instrument=row.get("instrument", ""),
            agreement=row.get("agreement", ""),
        )
        edges.add(
            row["m"],
            row["target"],
            row["rel"],
            1.0,
            evidence=[row["paragraph"]],
            start=row.get("start"),
            end=row.get("deadline"),
        )
        edges.node(row["target"], group="theme" if row["rel"] == "about" else "actor")
    graph = edges.graph(
        kind="mandates", queries=[MANDATES_QUERY], options={"include_themes": include_themes}
    )
    # A mandate addressed to something is a weight of 1 per relation, not a sum of rows.
    for _, _, data in graph.edges(data=True):
        data["weight"] = 1.0
    add_node_attributes(backend, graph)
    return graph
