"""Mandates: who is asked to do what, by which paragraph of which instrument.

Filters combine (all must hold); each takes a full IRI (see
:func:`mea_graph.synergy.ids.resolve` to accept compact ids and labels):

- ``convention``: an agreement (``mea:relatedAgreement``);
- ``theme``: the theme or any narrower theme (``dcterms:subject/skos:broader*``);
- ``addressee``: an actor (``mea:addressee``), or an actor kind from the
  ``scheme:actor-kind`` list, which matches every addressee of that kind;
- ``verb``: an operative verb (``mea:operativeVerb``);
- ``status``: a status (``mea:status``) of the instrument that holds the paragraph.
"""

from __future__ import annotations

from ..backends import GraphBackend
from ..namespaces import PREFIXES
from ..query import bound
from ._sparql import chunks, iri, values
from .evidence import Evidence, fetch_evidence
from .labels import fetch_refs
from .models import Frozen, Ref

__all__ = ["Addressee", "Mandate", "find_mandates", "is_actor_kind"]

MEA, DCT = PREFIXES["mea"], PREFIXES["dcterms"]
ACTOR_KIND_SCHEME = PREFIXES["scheme"] + "actor-kind"
# Where a paragraph belongs, most specific first.
INSTRUMENT_CLASSES = (
    MEA + "Resolution",
    MEA + "Decision",
    MEA + "MeetingDocument",
    MEA + "Document",
)


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
    patterns = ["?m rdf:type/rdfs:subClassOf* mea:Mandate ; mea:sourceParagraph ?para ."]
    if convention:
        patterns.append(f"?m mea:relatedAgreement {iri(convention)} .")
    if theme:
        patterns.append(f"?m dcterms:subject/skos:broader* {iri(theme)} .")
    if addressee and is_actor_kind(backend, addressee):
        patterns.append(f"?m mea:addressee/mea:actorKind {iri(addressee)} .")
    elif addressee:
        patterns.append(f"?m mea:addressee {iri(addressee)} .")
    if verb:
        patterns.append(f"?m mea:operativeVerb {iri(verb)} .")
    if status:
        patterns.append(f"?para eli:is_part_of+ ?inst . ?inst mea:status {iri(status)} .")
    result = backend.query("SELECT DISTINCT ?m ?para WHERE { " + " ".join(patterns) + " }")
    return describe_mandates(backend, {m: para for m, para in result.bound_rows()})


def describe_mandates(backend: GraphBackend, sources: dict[str, str]) -> list[Mandate]:
    """Full :class:`Mandate` records for mandate IRIs mapped to their source paragraph."""
    props: dict[str, dict[str, list]] = {m: {} for m in sources}
    for chunk in chunks(sorted(sources)):
        for s, p, o in backend.query(
            "SELECT ?m ?p ?o WHERE { " + values("m", chunk) + " ?m ?p ?o }"
        ).bound_raw_rows():
            props[s.value].setdefault(p.value, []).append(o.value)
    addressees = {a for p in props.values() for a in p.get(MEA + "addressee", [])}
    kinds: dict[str, list[str]] = {}
    for chunk in chunks(sorted(addressees)):
        for a, k in backend.query(
            "SELECT ?a ?k WHERE { " + values("a", chunk) + " ?a mea:actorKind ?k }"
        ).bound_rows():
            kinds.setdefault(a, []).append(k)
    containers = _instruments(backend, set(sources.values()))
    evidence = fetch_evidence(backend, sources.values())
    linked = [
        v for p in props.values() for key, vs in p.items() if key != MEA + "actionText" for v in vs
    ] + [x for ks in kinds.values() for x in ks]
    linked += [x for inst, statuses, _ in containers.values() if inst for x in (inst, *statuses)]
    refs = fetch_refs(backend, [*sources, *linked])

    def refs_of(m: str, predicate: str) -> list[Ref]:
        return sorted((refs[v] for v in props[m].get(predicate, [])), key=lambda r: r.id)

    def first(m: str, predicate: str) -> str | None:
        found = sorted(props[m].get(predicate, []))
        return found[0] if found else None

    mandates = []
    for m, paragraph in sources.items():
        instrument, statuses, order = containers.get(paragraph, (None, [], 0))
        verb = first(m, MEA + "operativeVerb")
        mandates.append(
            (
                (refs[instrument].id if instrument else "", order, m),
                Mandate(
                    mandate=refs[m],
                    verb=refs[verb] if verb else None,
                    addressees=[
                        Addressee(
                            entity=r,
                            kinds=sorted(
                                (refs[k] for k in kinds.get(r.iri, [])), key=lambda x: x.id
                            ),
                        )
                        for r in refs_of(m, MEA + "addressee")
                    ],
                    themes=refs_of(m, DCT + "subject"),
                    conventions=refs_of(m, MEA + "relatedAgreement"),
                    action_text=first(m, MEA + "actionText"),
                    conditions=sorted(props[m].get(MEA + "condition", [])),
                    reporting_meetings=refs_of(m, MEA + "reportingMeeting"),
                    deadline=first(m, MEA + "deadline"),
                    instrument=refs[instrument] if instrument else None,
                    instrument_status=sorted((refs[s] for s in statuses), key=lambda r: r.id),
                    paragraph=paragraph,
                    evidence=[evidence[paragraph]] if paragraph in evidence else [],
                ),
            )
        )
    return [mandate for _, mandate in sorted(mandates, key=lambda item: item[0])]


def _instruments(backend: GraphBackend, paragraphs: set[str]) -> dict[str, tuple]:
    """For each paragraph: its instrument (resolution or decision before document),
    that instrument's statuses, and the paragraph's order."""
    found: dict[str, tuple] = {}
    rank = {cls: i for i, cls in enumerate(INSTRUMENT_CLASSES)}
    for chunk in chunks(sorted(paragraphs)):
        result = backend.query(
            "SELECT ?para ?inst ?cls ?order (GROUP_CONCAT(STR(?status); separator=' ') AS ?st) "
            "WHERE { "
            + values("para", chunk)
            + " "
            + values("cls", INSTRUMENT_CLASSES)
            + " ?para eli:is_part_of+ ?inst . ?inst a ?cls . OPTIONAL { ?para mea:order ?order }"
            " OPTIONAL { ?inst mea:status ?status } } GROUP BY ?para ?inst ?cls ?order"
        )
        for para, inst, cls, order, statuses in result.rows:
            para, cls = bound(para), bound(cls)  # ?order is optional
            best = found.get(para)
            if best is None or rank[cls] < best[3]:
                found[para] = (inst, (statuses or "").split(), int(order or 0), rank[cls])
    return {para: value[:3] for para, value in found.items()}
