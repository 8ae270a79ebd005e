"""The partners of a convention, ranked by collaborations and mandates, with evidence.

A convention acts through its organs: the agreement itself, its secretariat(s)
(``mea:secretariatOf``) and its governing bodies with their subsidiary bodies
(``mea:governingBodyOf``, ``org:subOrganizationOf``). A partner is any other actor that

- is a member (``org:hasMember``) of a collaboration with one of those organs, or
- is addressed or referred to (``mea:addressee``, ``dcterms:references``) by a mandate
  related to the convention (``mea:relatedAgreement``), unless it is the convention's own
  Parties or their focal points (actor kind ``kind:parties``).

Partners are ranked by collaborations plus mandates, then collaborations, then label.
``theme`` keeps collaborations and mandates on that theme (or a narrower one); ``taxon``
keeps collaborations concerning that taxon (directly or through a group that includes
it); mandates carry no taxon, so with ``taxon`` only collaborations count.
"""

from __future__ import annotations

from ..backends import GraphBackend
from ..errors import InvalidArgument
from ..report import compact
from ._sparql import iri, values
from .cache import cached
from .evidence import Evidence, evidence_for_nodes
from .labels import fetch_refs
from .models import Frozen, Ref

__all__ = ["Partner", "Tie", "convention_of", "find_partners", "organs_of"]


class Tie(Frozen):
    """One collaboration or mandate that links the partner to the convention."""

    via: Ref
    role: str  # "member" of a collaboration, "addressee" or "referenced" in a mandate
    evidence: list[Evidence]


class Partner(Frozen):
    partner: Ref
    agreement: Ref | None  # the agreement a partner secretariat serves
    collaborations: list[Tie]
    mandates: list[Tie]
    score: int


def convention_of(backend: GraphBackend, entity: str) -> str:
    """The agreement ``entity`` is, or serves (as its secretariat or governing body)."""
    rows = backend.query(
        "SELECT DISTINCT ?agr WHERE { "
        + values("x", [entity])
        + " { ?x rdf:type/rdfs:subClassOf* mea:EnvironmentalAgreement BIND(?x AS ?agr) }"
        " UNION { ?x mea:secretariatOf|mea:governingBodyOf ?agr } }"
    ).bound_rows()
    if len(rows) != 1:
        raise InvalidArgument(
            f"{compact(entity)} is not a convention (an agreement, its "
            "secretariat or its governing body)"
        )
    return rows[0][0]


def organs_of(backend: GraphBackend, agreement: str) -> set[str]:
    """The agreement and the actors that act for it."""
    agr = iri(agreement)
    rows = backend.query(
        f"SELECT DISTINCT ?x WHERE {{ {{ ?x mea:secretariatOf {agr} }} UNION"
        f" {{ ?body mea:governingBodyOf {agr} . ?x org:subOrganizationOf* ?body }} }}"
    ).bound_rows()
    return {agreement} | {row[0] for row in rows}


def find_partners(
    backend: GraphBackend,
    convention: str,
    *,
    theme: str | None = None,
    taxon: str | None = None,
) -> list[Partner]:
    """The partners of ``convention`` (an agreement, or its secretariat), best first.

    The answer is cached per dataset version (:mod:`.cache`)."""
    agreement = convention_of(backend, convention)
    found = cached(
        backend,
        "partners",
        agreement,
        theme,
        taxon,
        build=lambda: tuple(_rank_partners(backend, agreement, theme=theme, taxon=taxon)),
    )
    return list(found)


def _rank_partners(
    backend: GraphBackend, agreement: str, *, theme: str | None, taxon: str | None
) -> list[Partner]:
    organs = organs_of(backend, agreement)
    not_organ = "FILTER(?partner NOT IN (" + ", ".join(iri(o) for o in sorted(organs)) + "))"
    on_theme = f"?x dcterms:subject/skos:broader* {iri(theme)} ." if theme else ""
    on_taxon = f"?x mea:concernsTaxon/mea:includesTaxon* {iri(taxon)} ." if taxon else ""
    ties: dict[str, dict[str, dict[str, str]]] = {}
    collaborations = backend.query(
        "SELECT DISTINCT ?partner ?x WHERE { "
        + values("organ", sorted(organs))
        + f" ?x org:hasMember ?organ, ?partner . {not_organ} {on_theme} {on_taxon} }}"
    ).bound_rows()
    for partner, via in collaborations:
        ties.setdefault(partner, {"collaborations": {}, "mandates": {}})["collaborations"][via] = (
            "member"
        )
    if not taxon:
        mandates = backend.query(
            "SELECT DISTINCT ?partner ?x ?role WHERE { "
            f"?x rdf:type/rdfs:subClassOf* mea:Mandate ; mea:relatedAgreement {iri(agreement)} . "
            '{ ?x mea:addressee ?partner BIND("addressee" AS ?role) } UNION '
            '{ ?x dcterms:references ?partner BIND("referenced" AS ?role) } '
            "?partner mea:actorKind ?kind . FILTER(?kind != kind:parties) "
            f"{not_organ} {on_theme} }}"
        ).bound_rows()
        for partner, via, role in mandates:
            ties.setdefault(partner, {"collaborations": {}, "mandates": {}})["mandates"][via] = role
    vias = {v for t in ties.values() for group in t.values() for v in group}
    evidence = evidence_for_nodes(backend, vias)
    served: dict[str, str] = (
        {
            partner: agr
            for partner, agr in backend.query(
                "SELECT ?partner ?agr WHERE { "
                + values("partner", sorted(ties))
                + " ?partner mea:secretariatOf ?agr }"
            ).bound_rows()
        }
        if ties
        else {}
    )
    refs = fetch_refs(backend, [*ties, *vias, *served.values()])

    def tie_list(group: dict[str, str]) -> list[Tie]:
        return [
            Tie(via=refs[v], role=role, evidence=list(evidence.get(v, ())))
            for v, role in sorted(group.items())
        ]

    partners = [
        Partner(
            partner=refs[p],
            agreement=refs[served[p]] if p in served else None,
            collaborations=tie_list(t["collaborations"]),
            mandates=tie_list(t["mandates"]),
            score=len(t["collaborations"]) + len(t["mandates"]),
        )
        for p, t in ties.items()
    ]
    return sorted(
        partners, key=lambda p: (-p.score, -len(p.collaborations), p.partner.label.casefold())
    )
