"""The partnership networks: who works with whom, and how.

``partners`` links actors (organisations, secretariats, agreements, named collaborations
such as the BLG) by their collaborations. Each way of working together is an edge type
with its own weight (:data:`TYPE_WEIGHTS`):

- ``joint-work-plan``: co-members of a joint work programme;
- ``cooperation-agreement``: co-members of a memorandum of cooperation or a project
  cooperation agreement;
- ``co-organised-event``: co-organisers of a joint event;
- ``collaboration``: co-members of any other collaboration (partnership, task force,
  working group, initiative...);
- ``leadership``: the leader of a collaboration and each of its other members;
- ``funding``: the funder of a collaboration and each of its members;
- ``membership``: a member and the body it is a member of (``org:Membership``).

An edge between two actors sums the weights of every relation between them, and keeps
the relations' types, earliest start, latest end, the collaborations or memberships
(``via``) and the paragraphs that state them (``evidence``). Participation in meetings is
not a collaboration and is left out.

Secretariats act for their conventions. With ``fold_secretariats=True`` (always, for
``convention_partner``) a secretariat is replaced by what it serves (``mea:secretariatOf``).

>>> from mea_graph.network._sample import sample_backend
>>> graph = partners(sample_backend())
>>> sorted(graph.edges["https://w3id.org/mea-graph/id/org/x",
...                    "https://w3id.org/mea-graph/id/secretariat/a"]["type"].split("|"))
['co-organised-event', 'joint-work-plan', 'leadership']
>>> bipartite = convention_partner(sample_backend())
>>> sorted(n.rsplit("/", 1)[1] for n, d in bipartite.nodes(data=True) if d["bipartite"] == 0)
['a', 'b']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ..backends import GraphBackend
from ..errors import UnknownChoice
from ..namespaces import MEA
from ._common import EdgeBuilder, add_node_attributes, agreements, secretariat_map, select

__all__ = ["EDGE_TYPES", "TYPE_WEIGHTS", "convention_partner", "partners"]

TYPE_WEIGHTS: dict[str, float] = {
    "joint-work-plan": 3.0,
    "cooperation-agreement": 2.0,
    "leadership": 2.0,
    "funding": 2.0,
    "collaboration": 1.0,
    "co-organised-event": 1.0,
    "membership": 1.0,
}
EDGE_TYPES = tuple(TYPE_WEIGHTS)

_CLASS_TYPES = {
    "JointWorkProgramme": "joint-work-plan",
    "MemorandumOfCooperation": "cooperation-agreement",
    "ProjectCooperationAgreement": "cooperation-agreement",
    "JointEvent": "co-organised-event",
}

COLLABORATIONS_QUERY = """SELECT ?c ?class ?role ?actor ?start ?end ?evidence WHERE {
  ?c a ?class . ?class rdfs:subClassOf* mea:Collaboration .
  { ?c org:hasMember ?actor BIND("member" AS ?role) }
  UNION { ?c mea:ledBy ?actor BIND("leader" AS ?role) }
  UNION { ?c mea:fundedBy ?actor BIND("funder" AS ?role) }
  UNION { ?c mea:relatedAgreement ?actor BIND("related" AS ?role) }
  OPTIONAL { ?c mea:startDate ?start } OPTIONAL { ?c mea:endDate ?end }
  OPTIONAL { ?c prov:wasDerivedFrom ?evidence }
}"""

MEMBERSHIPS_QUERY = """SELECT ?m ?member ?organization ?start ?end ?evidence WHERE {
  ?m a org:Membership ; org:member ?member ; org:organization ?organization .
  OPTIONAL { ?m mea:startDate ?start } OPTIONAL { ?m mea:endDate ?end }
  OPTIONAL { ?m prov:wasDerivedFrom ?evidence }
}"""


@dataclass
class _Collaboration:
    iri: str
    edge_type: str = "collaboration"
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: set[str] = field(default_factory=set)
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class _Membership:
    member: str
    organization: str
    edge: tuple  # (via, evidence, start, end), the rest of an edge's arguments


def _memberships(backend: GraphBackend) -> list[_Membership]:
    """Every org:Membership, with the membership node, its evidence and its period."""
    return [
        _Membership(
            row["member"],
            row["organization"],
            (
                row["m"],
                [row["evidence"]] if "evidence" in row else [],
                row.get("start"),
                row.get("end"),
            ),
        )
        for row in select(backend, MEMBERSHIPS_QUERY)
    ]


def _collaborations(backend: GraphBackend) -> list[_Collaboration]:
    found: dict[str, _Collaboration] = {}
    for row in select(backend, COLLABORATIONS_QUERY):
        item = found.setdefault(row["c"], _Collaboration(row["c"]))
        local = row["class"][len(str(MEA)) :] if row["class"].startswith(str(MEA)) else ""
        if local in _CLASS_TYPES:
            item.edge_type = _CLASS_TYPES[local]
        item.roles[row["role"]].add(row["actor"])
        if "evidence" in row:
            item.evidence.add(row["evidence"])
        item.start = row.get("start", item.start)
        item.end = row.get("end", item.end)
    return [found[key] for key in sorted(found)]


def _check_types(types: Iterable[str] | None) -> set[str]:
    chosen = set(EDGE_TYPES if types is None else types)
    for name in chosen - set(EDGE_TYPES):
        raise UnknownChoice("edge type", name, EDGE_TYPES)
    return chosen


def partners(
    backend: GraphBackend,
    *,
    fold_secretariats: bool = False,
    types: Iterable[str] | None = None,
    type_weights: dict[str, float] | None = None,
) -> nx.Graph:
    """The undirected partnership network (see the module's documentation).

    ``types`` keeps only some edge types; ``type_weights`` overrides :data:`TYPE_WEIGHTS`.
    """
    chosen = _check_types(types)
    weights = {**TYPE_WEIGHTS, **(type_weights or {})}
    fold = secretariat_map(backend) if fold_secretariats else {}
    edges = EdgeBuilder(directed=False)

    def link(a: str, b: str, kind: str, via: str, evidence, start=None, end=None) -> None:
        if kind in chosen:
            a, b = fold.get(a, a), fold.get(b, b)
            edges.add(a, b, kind, weights[kind], via=via, evidence=evidence, start=start, end=end)

    for collab in _collaborations(backend):
        members = sorted(collab.roles["member"])
        span = {"start": collab.start, "end": collab.end}
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                link(a, b, collab.edge_type, collab.iri, collab.evidence, **span)
        for role, kind in (("leader", "leadership"), ("funder", "funding")):
            for actor in sorted(collab.roles[role]):
                for member in members:
                    link(actor, member, kind, collab.iri, collab.evidence, **span)
    for membership in _memberships(backend) if "membership" in chosen else []:
        link(membership.member, membership.organization, "membership", *membership.edge)
    graph = edges.graph(
        kind="partners",
        queries=[COLLABORATIONS_QUERY, MEMBERSHIPS_QUERY],
        options={"fold_secretariats": fold_secretariats, "types": ",".join(sorted(chosen))},
    )
    _finish_nodes(backend, graph, agreements(backend), fold)
    return graph


def convention_partner(
    backend: GraphBackend,
    *,
    types: Iterable[str] | None = None,
    type_weights: dict[str, float] | None = None,
) -> nx.Graph:
    """The bipartite network of agreements (``bipartite=0``) and their partners
    (``bipartite=1``).

    An agreement takes part in a collaboration through its secretariat (folded onto the
    agreement), directly, or as the collaboration's ``mea:relatedAgreement``. Each other
    participant is its partner; the edge type is the collaboration's (``leadership`` or
    ``funding`` when the partner leads or funds it). A membership links an agreement and
    a partner when exactly one side is an agreement.
    """
    chosen = _check_types(types)
    weights = {**TYPE_WEIGHTS, **(type_weights or {})}
    fold = secretariat_map(backend)
    known = agreements(backend)
    edges = EdgeBuilder(directed=False)

    def link(agreement: str, partner: str, kind: str, via: str, evidence, start, end) -> None:
        if kind in chosen:
            edges.add(
                agreement,
                partner,
                kind,
                weights[kind],
                via=via,
                evidence=evidence,
                start=start,
                end=end,
            )

    for collab in _collaborations(backend):
        folded = {role: {fold.get(a, a) for a in actors} for role, actors in collab.roles.items()}
        participants = set().union(*(folded.get(r, set()) for r in ("member", "leader", "funder")))
        conventions = (participants | folded.get("related", set())) & known
        for partner in sorted(participants - known):
            kind = collab.edge_type
            if partner in folded.get("leader", ()):
                kind = "leadership"
            elif partner in folded.get("funder", ()):
                kind = "funding"
            for agreement in sorted(conventions):
                link(
                    agreement, partner, kind, collab.iri, collab.evidence, collab.start, collab.end
                )
    for membership in _memberships(backend):
        a = fold.get(membership.member, membership.member)
        b = fold.get(membership.organization, membership.organization)
        if (a in known) != (b in known):
            agreement, partner = (a, b) if a in known else (b, a)
            link(agreement, partner, "membership", *membership.edge)
    graph = edges.graph(
        kind="convention-partner",
        queries=[COLLABORATIONS_QUERY, MEMBERSHIPS_QUERY],
        options={"types": ",".join(sorted(chosen))},
    )
    _finish_nodes(backend, graph, known, fold)
    for node, data in graph.nodes(data=True):
        data["bipartite"] = 0 if node in known else 1
    return graph


def _finish_nodes(
    backend: GraphBackend, graph: nx.Graph, known: set[str], fold: dict[str, str]
) -> None:
    add_node_attributes(backend, graph)
    folded_from: dict[str, list[str]] = defaultdict(list)
    for secretariat, served in fold.items():
        folded_from[served].append(secretariat)
    for node, data in graph.nodes(data=True):
        data["group"] = "agreement" if node in known else "actor"
        data["folded_from"] = " ".join(sorted(folded_from.get(node, [])))
