"""Everything the graph says about one entity: types, labels, identifiers, relations.

Each relation (outgoing and incoming) comes with the labels of both ends and of the
predicate, and with its evidence (:mod:`mea_graph.synergy.evidence`).
"""

from __future__ import annotations

import pyoxigraph as ox

from ..backends import GraphBackend
from ..query import Term
from ._sparql import iri
from .evidence import Edge, Evidence, evidence_for_edges
from .labels import fetch_refs
from .models import Frozen, Ref

__all__ = ["Attribute", "Entity", "Relation", "describe_entity"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LABELS = {SKOS + "prefLabel", SKOS + "altLabel", "http://www.w3.org/2000/01/rdf-schema#label"}
IDENTIFIERS = {
    "http://www.w3.org/2002/07/owl#sameAs",
    "http://data.europa.eu/eli/ontology#number",
    "https://w3id.org/mea-graph/ontology#symbol",
    "http://purl.org/dc/terms/identifier",
    SKOS + "notation",
}


class Attribute(Frozen):
    """A literal value (or an identifier) of the entity."""

    predicate: Ref
    value: str
    lang: str | None = None
    datatype: str | None = None


class Relation(Frozen):
    """A triple linking the entity to another resource, with its evidence.

    ``direction`` is "out" when the entity is the subject, "in" when it is the object.
    """

    direction: str
    predicate: Ref
    other: Ref
    evidence: list[Evidence]


class Entity(Frozen):
    """The description of one entity."""

    entity: Ref
    types: list[Ref]
    labels: dict[str, list[str]]  # "prefLabel@en" -> values
    identifiers: list[Attribute]
    attributes: list[Attribute]
    outgoing: list[Relation]
    incoming: list[Relation]


def describe_entity(backend: GraphBackend, entity: str) -> Entity:
    """Describe ``entity`` (a full IRI; see :func:`mea_graph.synergy.ids.resolve`)."""
    out = backend.query(f"SELECT ?p ?o WHERE {{ {iri(entity)} ?p ?o }}").bound_raw_rows()
    inc = backend.query(
        f"SELECT ?s ?p WHERE {{ ?s ?p {iri(entity)} FILTER(isIRI(?s)) }}"
    ).bound_raw_rows()
    types: list[str] = []
    labels: dict[str, list[str]] = {}
    literals: list[tuple[str, Term]] = []
    edges: list[tuple[str, Edge]] = []
    for p, o in out:
        if p.value == RDF_TYPE:
            types.append(o.value)
        elif isinstance(o, ox.Literal) and p.value in LABELS:
            key = p.value.rsplit("#", 1)[1] + (f"@{o.language}" if o.language else "")
            labels.setdefault(key, []).append(o.value)
        elif isinstance(o, ox.Literal) or (isinstance(o, ox.NamedNode) and p.value in IDENTIFIERS):
            literals.append((p.value, o))
        elif isinstance(o, ox.NamedNode):
            edges.append(("out", (entity, p.value, o.value)))
    edges += [("in", (s.value, p.value, entity)) for s, p in inc]
    evidence = evidence_for_edges(backend, [edge for _, edge in edges])
    refs = fetch_refs(
        backend,
        [entity, *types, *(p for p, _ in literals)]
        + [x for _, (s, p, o) in edges for x in (s, p, o)],
    )
    attributes = [
        Attribute(
            predicate=refs[p],
            value=o.value,
            lang=getattr(o, "language", None) or None,
            datatype=_datatype(o),
        )
        for p, o in literals
    ]
    relations = sorted(
        (
            Relation(
                direction=direction,
                predicate=refs[p],
                other=refs[o if direction == "out" else s],
                evidence=list(evidence[(s, p, o)]),
            )
            for direction, (s, p, o) in edges
        ),
        key=lambda r: (r.predicate.id, r.other.id),
    )
    return Entity(
        entity=refs[entity],
        types=sorted((refs[t] for t in types), key=lambda r: r.id),
        labels={k: sorted(v) for k, v in sorted(labels.items())},
        identifiers=[a for a in attributes if a.predicate.iri in IDENTIFIERS],
        attributes=[a for a in attributes if a.predicate.iri not in IDENTIFIERS],
        outgoing=[r for r in relations if r.direction == "out"],
        incoming=[r for r in relations if r.direction == "in"],
    )


def _datatype(term) -> str | None:
    datatype = getattr(term, "datatype", None)
    if datatype is None or getattr(term, "language", None):
        return None
    value = datatype.value
    return None if value == "http://www.w3.org/2001/XMLSchema#string" else value
