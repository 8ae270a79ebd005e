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

from ..errors import EmptyNetwork, UnknownEntity

__all__ = ["Broker", "BrokerageResult", "brokers"]


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
    scores: dict[str, float] = defaultdict(float)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    evidence: dict[str, set[str]] = defaultdict(set)
    unlinked = 0
    for i, source in enumerate(chosen):
        for target in chosen[i + 1 :]:
            if undirected.has_edge(source, target) or not nx.has_path(undirected, source, target):
                continue
            unlinked += 1
            paths = list(nx.all_shortest_paths(undirected, source, target))
            for path in paths:
                for position in range(1, len(path) - 1):
                    node = path[position]
                    scores[node] += 1.0 / len(paths)
                    pairs[node].add((source, target))
                    for neighbour in (path[position - 1], path[position + 1]):
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
