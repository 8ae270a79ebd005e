"""Private: one breadth-first step over the graph's IRI-to-IRI triples, both directions.

Shared by :mod:`neighbors` and :mod:`paths`. ``rdf:type`` is never followed (every
instance of a class would be one hop from every other).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from ._sparql import chunks, iri, values
from .evidence import Edge

__all__ = ["ALWAYS_SKIPPED", "PROVENANCE", "step"]

_RDF, _RDFS = PREFIXES["rdf"], PREFIXES["rdfs"]
ALWAYS_SKIPPED = frozenset({_RDF + "type", _RDFS + "isDefinedBy"})
# Links that say where a fact comes from or how it is filed, not a relation between
# things: paths do not travel along them (the paragraphs come back as evidence instead).
PROVENANCE = frozenset(
    {
        PREFIXES["prov"] + "wasDerivedFrom",
        PREFIXES["prov"] + "wasQuotedFrom",
        PREFIXES["mea"] + "sourceParagraph",
        PREFIXES["skos"] + "inScheme",
        _RDF + "subject",
        _RDF + "predicate",
        _RDF + "object",
    }
)

_EVIDENCED = (
    "FILTER EXISTS { { ?s prov:wasDerivedFrom|mea:sourceParagraph ?e } UNION "
    "{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?e } }"
)


def step(
    backend: GraphBackend,
    nodes: Iterable[str],
    *,
    predicate: str | None = None,
    skip: frozenset[str] = ALWAYS_SKIPPED,
    evidenced_only: bool = False,
) -> set[Edge]:
    """Every triple between two IRIs that has one of ``nodes`` as subject or object."""
    found: set[Edge] = set()
    skipped = ", ".join(iri(p) for p in sorted(skip))
    where = f"FILTER(isIRI(?s) && isIRI(?o) && ?p NOT IN ({skipped}))"
    if predicate:
        where += f" FILTER(?p = {iri(predicate)})"
    if evidenced_only:
        where += " " + _EVIDENCED
    for chunk in chunks(sorted(set(nodes))):
        for variable in ("s", "o"):
            result = backend.query(
                f"SELECT DISTINCT ?s ?p ?o WHERE {{ {values(variable, chunk)} ?s ?p ?o . {where} }}"
            )
            found.update((s, p, o) for s, p, o in result.bound_rows())
    return found
