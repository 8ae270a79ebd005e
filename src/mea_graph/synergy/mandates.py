"""Mandates: who is asked to do what, by which paragraph of which instrument.

Filters combine (all must hold); each takes a full IRI (see
:func:`mea_graph.synergy.ids.resolve` to accept compact ids and labels):

- ``convention``: an agreement (``mea:relatedAgreement``);
- ``theme``: the theme or any narrower theme (``dcterms:subject/skos:broader*``);
- ``addressee``: an actor (``mea:addressee``), or an actor kind from the
  ``scheme:actor-kind`` list, which matches every addressee of that kind;
- ``verb``: an operative verb (``mea:operativeVerb``);
- ``status``: a status (``mea:status``) of the instrument that holds the paragraph.

Mandates are selected and ordered in Python over the mandate index
(:mod:`.mandate_index`, cached per dataset version); only those asked for are described
(:func:`mandates_page` describes one page).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from ._sparql import chunks, iri, values
from .evidence import Evidence, fetch_evidence
from .labels import fetch_refs
from .mandate_index import mandate_index
from .models import Frozen, Ref

__all__ = [
    "Addressee",
    "Mandate",
    "describe_mandates",
    "find_mandates",
    "is_actor_kind",
    "mandates_page",
    "select_mandates",
]

MEA, DCT = PREFIXES["mea"], PREFIXES["dcterms"]
ACTOR_KIND_SCHEME = PREFIXES["scheme"] + "actor-kind"


class Addressee(Frozen):
    entity: Ref
    kinds: list[Ref]


class Mandate(Frozen):
    """One mandate (one operative verb of one paragraph), with its source paragraph."""

    mandate: Ref
    verb: Ref | None
    addressees: list[Addressee]
    themes: list[Ref]
    conventions: list[Ref]
    action_text: str | None
    conditions: list[str]
    reporting_meetings: list[Ref]
    deadline: str | None
    instrument: Ref | None
    instrument_status: list[Ref]
    paragraph: str
    evidence: list[Evidence]


def is_actor_kind(backend: GraphBackend, entity: str) -> bool:
    """True if ``entity`` is a concept of the actor-kind list."""
    return bool(
        backend.query(f"ASK {{ {iri(entity)} skos:inScheme {iri(ACTOR_KIND_SCHEME)} }}").boolean
    )


def find_mandates(
    backend: GraphBackend,
    *,
    convention: str | None = None,
    theme: str | None = None,
    addressee: str | None = None,
    verb: str | None = None,
    status: str | None = None,
) -> list[Mandate]:
    """The mandates that match every filter given, ordered by instrument and paragraph."""
    chosen = select_mandates(
        backend, convention=convention, theme=theme, addressee=addressee, verb=verb, status=status
    )
    return describe_mandates(backend, chosen)


def mandates_page(
    backend: GraphBackend, *, offset: int = 0, limit: int | None = None, **filters: str | None
) -> tuple[int, list[Mandate]]:
    """How many mandates match ``filters`` (those of :func:`find_mandates`), and the
    ``limit`` of them from ``offset`` on: only those are described."""
    chosen = select_mandates(backend, **filters)
    end = None if limit is None else offset + limit
    return len(chosen), describe_mandates(backend, chosen[offset:end])


def select_mandates(
    backend: GraphBackend,
    *,
    convention: str | None = None,
    theme: str | None = None,
    addressee: str | None = None,
    verb: str | None = None,
    status: str | None = None,
) -> list[str]:
    """The IRIs of the mandates :func:`find_mandates` describes, in the same order."""
    for given in (convention, theme, addressee, verb, status):
        if given:
            iri(given)  # the same error for a malformed IRI as in a query
    return mandate_index(backend).select(
        convention=convention,
        theme=theme,
        addressee=addressee,
        addressee_is_kind=bool(addressee) and is_actor_kind(backend, addressee or ""),
        verb=verb,
        status=status,
    )


def describe_mandates(backend: GraphBackend, mandates: Sequence[str]) -> list[Mandate]:
    """Full :class:`Mandate` records for mandates of the index, in the order given."""
    index = mandate_index(backend)
    props: dict[str, dict[str, list]] = {m: {} for m in mandates}
    for chunk in chunks(sorted(props)):
        for s, p, o in backend.query(
            "SELECT ?m ?p ?o WHERE { " + values("m", chunk) + " ?m ?p ?o }"
        ).bound_raw_rows():
            props[s.value].setdefault(p.value, []).append(o.value)
    kinds = {
        a: index.kinds.get(a, frozenset())
        for p in props.values()
        for a in p.get(MEA + "addressee", [])
    }
    placements = {m: index.placement(m) for m in props}
    sources = {m: index.mandates[m].paragraph for m in props}
    evidence = fetch_evidence(backend, sources.values())
    linked = [
        v for p in props.values() for key, vs in p.items() if key != MEA + "actionText" for v in vs
    ] + [x for ks in kinds.values() for x in ks]
    linked += [
        x
        for place in placements.values()
        if place.instrument
        for x in (place.instrument, *place.statuses)
    ]
    refs = fetch_refs(backend, [*props, *linked])

    def refs_of(m: str, predicate: str) -> list[Ref]:
        return sorted((refs[v] for v in props[m].get(predicate, [])), key=lambda r: r.id)

    def first(m: str, predicate: str) -> str | None:
        found = sorted(props[m].get(predicate, []))
        return found[0] if found else None

    def describe(m: str) -> Mandate:
        paragraph, place = sources[m], placements[m]
        verb = first(m, MEA + "operativeVerb")
        return Mandate(
            mandate=refs[m],
            verb=refs[verb] if verb else None,
            addressees=[
                Addressee(
                    entity=r,
                    kinds=sorted((refs[k] for k in kinds.get(r.iri, ())), key=lambda x: x.id),
                )
                for r in refs_of(m, MEA + "addressee")
            ],
            themes=refs_of(m, DCT + "subject"),
            conventions=refs_of(m, MEA + "relatedAgreement"),
            action_text=first(m, MEA + "actionText"),
            conditions=sorted(props[m].get(MEA + "condition", [])),
            reporting_meetings=refs_of(m, MEA + "reportingMeeting"),
            deadline=first(m, MEA + "deadline"),
            instrument=refs[place.instrument] if place.instrument else None,
            instrument_status=sorted((refs[s] for s in place.statuses), key=lambda r: r.id),
            paragraph=paragraph,
            evidence=[evidence[paragraph]] if paragraph in evidence else [],
        )

    return [describe(m) for m in mandates]
