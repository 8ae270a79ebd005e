"""How much two conventions overlap: shared partners, themes and addressees.

- **partners**: the actors a convention collaborates with: co-participants in its
  collaborations (where it takes part through its secretariat, directly, or as the
  collaboration's ``mea:relatedAgreement``) and the other side of its secretariat's
  memberships. Secretariats are folded onto what they serve, and the two conventions
  compared are left out of each other's partners.
- **themes**: the ``dcterms:subject`` of its collaborations, its instruments and its
  mandates (``mea:relatedAgreement``).
- **addressees**: the ``mea:addressee`` of its mandates.

Each facet gives the shared items, those of one side only, and the Jaccard index
``|A ∩ B| / |A ∪ B|`` (0 when both are empty).

>>> from mea_graph.network._sample import sample_backend
>>> result = convention_overlap(sample_backend(), "agr:a", "Convention B")
>>> [p.rsplit("/", 1)[1] for p in result.partners.shared], result.partners.jaccard
(['x'], 0.3333333333333333)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..backends import GraphBackend
from ..network._common import select
from ._resolve import resolve

__all__ = ["Facet", "OverlapResult", "convention_overlap", "facet"]

_SELF = "{{ VALUES ?self {{ <{x}> }} }} UNION {{ ?self mea:secretariatOf <{x}> }}"

PARTNERS_QUERY = """SELECT DISTINCT ?partner WHERE {{
  {self}
  {{ ?c org:hasMember|mea:ledBy|mea:fundedBy|mea:relatedAgreement ?self ;
        org:hasMember|mea:ledBy|mea:fundedBy ?p .
     ?c a/rdfs:subClassOf* mea:Collaboration }}
  UNION {{ ?m org:member ?self ; org:organization ?p }}
  UNION {{ ?m org:organization ?self ; org:member ?p }}
  OPTIONAL {{ ?p mea:secretariatOf ?served }}
  BIND(COALESCE(?served, ?p) AS ?partner)
}}"""

THEMES_QUERY = """SELECT DISTINCT ?theme WHERE {{
  {self}
  {{ ?c org:hasMember|mea:ledBy|mea:fundedBy|mea:relatedAgreement ?self ;
        dcterms:subject ?theme .
     ?c a/rdfs:subClassOf* mea:Collaboration }}
  UNION {{ ?i mea:relatedAgreement <{x}> ; dcterms:subject ?theme }}
}}"""

ADDRESSEES_QUERY = """SELECT DISTINCT ?addressee WHERE {{
  ?m a/rdfs:subClassOf* mea:Mandate ; mea:relatedAgreement <{x}> ; mea:addressee ?addressee .
}}"""


@dataclass(frozen=True)
class Facet:
    """One facet of an overlap: shared items, items of one side only, Jaccard index."""

    name: str
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    jaccard: float

    @property
    def counts(self) -> dict[str, int]:
        return {"shared": len(self.shared), "only_a": len(self.only_a), "only_b": len(self.only_b)}


@dataclass(frozen=True)
class OverlapResult:
    """The overlap of conventions ``a`` and ``b`` (IRIs)."""

    a: str
    b: str
    partners: Facet
    themes: Facet
    addressees: Facet

    @property
    def facets(self) -> tuple[Facet, ...]:
        return (self.partners, self.themes, self.addressees)


def facet(name: str, a: set[str], b: set[str]) -> Facet:
    """Compare two sets.

    >>> facet("demo", {"p", "q"}, {"q", "r", "s"}).jaccard
    0.25
    """
    union = a | b
    return Facet(
        name,
        tuple(sorted(a & b)),
        tuple(sorted(a - b)),
        tuple(sorted(b - a)),
        len(a & b) / len(union) if union else 0.0,
    )


def _items(backend: GraphBackend, template: str, iri: str) -> set[str]:
    sparql = template.format(self=_SELF.format(x=iri), x=iri)
    return {value for row in select(backend, sparql) for value in row.values()}


def convention_overlap(backend: GraphBackend, a: str, b: str) -> OverlapResult:
    """Compare conventions ``a`` and ``b`` (IRIs, prefixed names, labels or acronyms)."""
    first = resolve(backend, a, "mea:EnvironmentalAgreement")
    second = resolve(backend, b, "mea:EnvironmentalAgreement")
    both = {first, second}
    partners_a = _items(backend, PARTNERS_QUERY, first) - both
    partners_b = _items(backend, PARTNERS_QUERY, second) - both
    return OverlapResult(
        first,
        second,
        facet("partners", partners_a, partners_b),
        facet(
            "themes", _items(backend, THEMES_QUERY, first), _items(backend, THEMES_QUERY, second)
        ),
        facet(
            "addressees",
            _items(backend, ADDRESSEES_QUERY, first),
            _items(backend, ADDRESSEES_QUERY, second),
        ),
    )
