"""Brokers: the nodes that bridge conventions sharing no direct collaboration.

For every pair of conventions that are not linked directly but are connected, each
intermediate node on their shortest paths (counted in hops: brokerage is about
structure, not strength) earns the share of those paths that pass through it; this is
betweenness restricted to paths between non-adjacent conventions. A broker's evidence is
the paragraphs of the edges it uses on those paths, and ``pairs`` lists the conventions it
bridges. Run it on a projection where secretariats are folded onto their conventions
(``partners(backend, fold_secretariats=True)``); conventions are the nodes whose ``group``
is ``agreement`` unless ``conventions`` is given.

>>> import networkx as nx
>>> graph = nx.Graph()
>>> graph.add_nodes_from(["A", "B"], group="agreement")
>>> graph.add_edge("A", "x", evidence=("p1",)); graph.add_edge("x", "B", evidence=("p2",))
>>> result = brokers(graph)
>>> [(b.iri, b.score, b.pairs, b.evidence) for b in result.brokers]
[('x', 1.0, (('A', 'B'),), ('p1', 'p2'))]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..backends import GraphBackend
from ..errors import EmptyNetwork, InvalidArgument, UnknownEntity
from ..report import compact
from ..synergy.cache import cached

__all__ = ["Broker", "BrokerageResult", "brokers", "convention_brokers"]


@dataclass(frozen=True)
class Broker:
    """A node that lies on shortest paths between conventions with no direct tie."""

    iri: str
    label_en: str
    label_fr: str
    group: str
    score: float
    pairs: tuple[tuple[str, str], ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class BrokerageResult:
    """Brokers ranked by score (then IRI), and the conventions considered."""

    brokers: tuple[Broker, ...]
    conventions: tuple[str, ...]
    unlinked_pairs: int

    def get(self, iri: str) -> Broker | None:
        return next((b for b in self.brokers if b.iri == iri), None)


def brokers(
    graph: nx.Graph,
    *,
    conventions: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
) -> BrokerageResult:
    """Score brokers between the ``conventions`` of ``graph`` (see the module).

    ``exclude`` removes nodes first: "who else links these conventions, not counting
    the hub?" (e.g. the CMS itself, in a report written by its Secretariat).
    """
    for iri in exclude:
        if iri not in graph:
            raise UnknownEntity(f"{iri} is not a node of the network")
    if exclude:
        graph = graph.subgraph(set(graph) - set(exclude))
    if graph.number_of_edges() == 0:
        raise EmptyNetwork("cannot look for brokers in a network without edges")
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    if conventions is None:
        chosen = sorted(n for n, d in graph.nodes(data=True) if d.get("group") == "agreement")
    else:
        chosen = sorted(set(conventions))
        for iri in chosen:
            if iri not in graph:
                raise UnknownEntity(f"{iri} is not a node of the network")
    searches = {c: _search(undirected, c) for c in chosen}
    scores: dict[str, float] = defaultdict(float)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    evidence: dict[str, set[str]] = defaultdict(set)
    unlinked = 0
    for i, source in enumerate(chosen):
        ahead = searches[source]
        for target in chosen[i + 1 :]:
            if undirected.has_edge(source, target) or target not in ahead.hops:
                continue
            unlinked += 1
            behind = searches[target]
            share = 1.0 / ahead.paths[target]
            inner = ahead.between(target)
            on_paths = inner | {source, target}
            for node in sorted(inner):
                # as many additions as shortest paths through the node, one per path (the
                # sum is then the same, to the last bit, as when the paths were listed)
                for _ in range(ahead.paths[node] * behind.paths[node]):
                    scores[node] += share
                pairs[node].add((source, target))
                for neighbour in undirected[node]:
                    step = ahead.hops.get(neighbour, -1) - ahead.hops[node]
                    if abs(step) == 1 and neighbour in on_paths:
                        evidence[node].update(undirected.edges[node, neighbour].get("evidence", ()))
    ranked = sorted(scores, key=lambda node: (-scores[node], node))
    found = tuple(
        Broker(
            iri=node,
            label_en=graph.nodes[node].get("label_en", node),
            label_fr=graph.nodes[node].get("label_fr", node),
            group=graph.nodes[node].get("group", ""),
            score=scores[node],
            pairs=tuple(sorted(pairs[node])),
            evidence=tuple(sorted(evidence[node])),
        )
        for node in ranked
    )
    return BrokerageResult(found, tuple(chosen), unlinked)


def convention_brokers(backend: GraphBackend, *, exclude: Iterable[str] = ()) -> BrokerageResult:
    """:func:`brokers` in the partnership network with secretariats folded onto their
    conventions (what ``mea-graph analyze brokers`` shows), without the ``exclude`` nodes.

    An excluded node that is not in that network is an :class:`InvalidArgument`; a graph
    with no collaboration at all has no brokers. The projection is cached per dataset
    version, and so is the answer for each set of excluded nodes
    (:mod:`mea_graph.synergy.cache`).
    """
    left_out = tuple(sorted(set(exclude)))
    return cached(
        backend, "brokers", left_out, build=lambda: _convention_brokers(backend, left_out)
    )


def _convention_brokers(backend: GraphBackend, exclude: tuple[str, ...]) -> BrokerageResult:
    from ..network import cached_project

    try:
        graph = cached_project(backend, "partners", fold_secretariats=True)
    except EmptyNetwork:
        return BrokerageResult((), (), 0)
    for node in exclude:
        if node not in graph:
            raise InvalidArgument(
                f"{compact(node)} is not a node of the partnership network (secretariats "
                "count as the convention they serve: exclude the convention instead)"
            )
    try:
        return brokers(graph, exclude=exclude)
    except EmptyNetwork:
        raise InvalidArgument(
            "no collaboration is left once " + ", ".join(map(compact, exclude)) + " are excluded"
        ) from None


@dataclass(frozen=True)
class _Search:
    """A breadth-first search from one node: hops to every node reached, the number of
    shortest paths to it, and its neighbours one hop closer (its predecessors)."""

    hops: dict[str, int]
    paths: dict[str, int]
    predecessors: dict[str, list[str]]

    def between(self, target: str) -> set[str]:
        """The nodes strictly inside the shortest paths from the origin to ``target``."""
        found: set[str] = set()
        todo = list(self.predecessors[target])
        while todo:
            node = todo.pop()
            if node not in found and self.hops[node] > 0:
                found.add(node)
                todo.extend(self.predecessors[node])
        return found


def _search(graph: nx.Graph, origin: str) -> _Search:
    """Shortest paths (in hops) from ``origin`` to every node of ``graph`` it reaches.

    >>> search = _search(nx.cycle_graph(4), 0)
    >>> search.hops[2], search.paths[2], sorted(search.between(2))
    (2, 2, [1, 3])
    """
    hops, paths = {origin: 0}, {origin: 1}
    predecessors: dict[str, list[str]] = {origin: []}
    layer = [origin]
    while layer:
        following = []
        for node in layer:
            for neighbour in graph[node]:
                if neighbour not in hops:
                    hops[neighbour], paths[neighbour] = hops[node] + 1, 0
                    predecessors[neighbour] = []
                    following.append(neighbour)
                if hops[neighbour] == hops[node] + 1:
                    paths[neighbour] += paths[node]
                    predecessors[neighbour].append(node)
        layer = following
    return _Search(hops, paths, predecessors)
