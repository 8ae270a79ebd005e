"""Communities of a projection, by Louvain or greedy modularity, reproducible with a
fixed seed.

>>> import networkx as nx
>>> graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"),
...                   ("d", "f"), ("c", "d")])
>>> result = communities(graph)
>>> [sorted(c) for c in result.communities]
[['a', 'b', 'c'], ['d', 'e', 'f']]
>>> round(result.modularity, 4)
0.3571
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import community as nx_community

from ..errors import EmptyNetwork, UnknownChoice

__all__ = ["METHODS", "CommunityResult", "communities"]

METHODS = ("louvain", "greedy")


@dataclass(frozen=True)
class CommunityResult:
    """Communities (largest first, ties by smallest IRI), each node's community number,
    and the partition's modularity."""

    communities: tuple[frozenset[str], ...]
    membership: dict[str, int]
    modularity: float
    method: str
    seed: int


def communities(
    graph: nx.Graph,
    *,
    method: str = "louvain",
    seed: int = 42,
    resolution: float = 1.0,
    weight: str | None = "weight",
) -> CommunityResult:
    """Partition ``graph`` (directed graphs are taken as undirected)."""
    if method not in METHODS:
        raise UnknownChoice("community method", method, METHODS)
    if graph.number_of_edges() == 0:
        raise EmptyNetwork("cannot find communities in a network without edges")
    undirected = graph.to_undirected() if graph.is_directed() else graph
    if method == "louvain":
        found = nx_community.louvain_communities(
            undirected, weight=weight, resolution=resolution, seed=seed
        )
    else:
        found = nx_community.greedy_modularity_communities(
            undirected, weight=weight, resolution=resolution
        )
    ordered = tuple(sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c))))
    membership = {node: i for i, group in enumerate(ordered) for node in group}
    modularity = nx_community.modularity(undirected, ordered, weight=weight, resolution=resolution)
    return CommunityResult(ordered, membership, modularity, method, seed)
