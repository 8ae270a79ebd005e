"""The Concise Bounded Description (CBD) of a resource, as linked-data clients expect it.

Following the W3C member submission (https://www.w3.org/submissions/CBD/), the CBD of a
resource is:

1. every triple whose subject is the resource;
2. recursively, the triples of every blank node reached as an object (to a depth of
   three blank nodes, more than the shipped data ever nests);
3. for every triple so far, the CBD of each ``rdf:Statement`` that reifies it. In this
   graph those are the statements that cite the paragraph stating a direct relation
   between instruments (``eli:repeals``…), so an integrator gets the evidence of each
   such triple with the resource.

Triples where the resource is the object (who cites it, who is its member) are *not*
included; they belong to the other resources' descriptions and are listed, with
evidence, by :func:`mea_graph.synergy.entities.describe_entity`.
"""

from __future__ import annotations

import pyoxigraph

from ..backends import GraphBackend
from ._sparql import iri

__all__ = ["concise_bounded_description"]


def concise_bounded_description(backend: GraphBackend, entity: str) -> list[pyoxigraph.Triple]:
    """The CBD of ``entity`` (an empty list if the graph has no triple about it)."""
    s = iri(entity)
    result = backend.query(
        "CONSTRUCT { ?x ?p ?o } WHERE { "
        f"{{ {s} ?p ?o BIND({s} AS ?x) }} UNION "
        f"{{ {s} ?p1 ?x . FILTER(isBlank(?x)) ?x ?p ?o }} UNION "
        f"{{ {s} ?p1 ?b1 . FILTER(isBlank(?b1)) ?b1 ?p2 ?x . FILTER(isBlank(?x)) ?x ?p ?o }} UNION "
        f"{{ {s} ?p1 ?b1 . FILTER(isBlank(?b1)) ?b1 ?p2 ?b2 . FILTER(isBlank(?b2)) "
        "?b2 ?p3 ?x . FILTER(isBlank(?x)) ?x ?p ?o } UNION "
        f"{{ ?x rdf:subject {s} ; rdf:predicate ?rp ; rdf:object ?ro . {s} ?rp ?ro . ?x ?p ?o }} }}"
    )
    return sorted(set(result.triples), key=str)
