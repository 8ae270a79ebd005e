"""Centrality of the nodes of a projection: degree, weighted betweenness, eigenvector and
PageRank.

Edge ``weight`` is a strength (more collaborations, heavier edge). PageRank and
eigenvector centrality use it as such; betweenness needs a length, so it runs on
``1 / weight``: strong ties are short. Above ``sample_above`` nodes, betweenness is
estimated from ``k`` sampled sources (fixed ``seed``), and the result says so.
Directed projections are measured on their undirected view for eigenvector centrality.

>>> import networkx as nx
>>> result = centrality(nx.path_graph(["a", "b", "c"]))
>>> result.scores["b"].betweenness, result.scores["b"].degree
(1.0, 2)
>>> result.sampled
False
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..errors import EmptyNetwork, UnknownChoice

__all__ = ["MEASURES", "CentralityResult", "NodeCentrality", "centrality"]

MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")


@dataclass(frozen=True)
class NodeCentrality:
    """The centralities of one node (keyed by its IRI in :attr:`CentralityResult.scores`)."""

    iri: str
    label_en: str
    label_fr: str
    degree: int
    degree_centrality: float
    betweenness: float
    eigenvector: float
    pagerank: float


@dataclass(frozen=True)
class CentralityResult:
    """Centralities by node IRI, and how betweenness was computed."""

    scores: dict[str, NodeCentrality]
    sampled: bool
    k: int | None
    seed: int
    note: str

    def ranked(self, by: str = "betweenness") -> list[NodeCentrality]:
        """Nodes from the most to the least central by ``by`` (ties by IRI)."""
        if by not in MEASURES:
            raise UnknownChoice("centrality measure", by, MEASURES)
        attribute = "degree_centrality" if by == "degree" else by
        return sorted(self.scores.values(), key=lambda s: (-getattr(s, attribute), s.iri))


def _lengths(graph: nx.Graph, weight: str | None) -> nx.Graph:
    """A copy whose ``length`` attribute is ``1 / weight`` (1 when unweighted)."""
    copy = graph.copy()
    for _, _, data in copy.edges(data=True):
        strength = float(data.get(weight, 1.0)) if weight else 1.0
        data["length"] = 1.0 / strength if strength > 0 else float("inf")
    return copy


def _eigenvector(graph: nx.Graph, weight: str | None) -> dict[str, float]:
    """Leading eigenvector of the (symmetric) adjacency matrix, unit length, signs made
    positive; dense below 2000 nodes (exact on tiny graphs), ARPACK above."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    if graph.number_of_nodes() > 2000:
        return nx.eigenvector_centrality_numpy(graph, weight=weight)
    import numpy

    nodes = list(graph)
    _, vectors = numpy.linalg.eigh(nx.to_numpy_array(graph, nodelist=nodes, weight=weight))
    leading = numpy.abs(vectors[:, -1])
    return dict(zip(nodes, (leading / numpy.linalg.norm(leading)).tolist(), strict=True))


def centrality(
    graph: nx.Graph,
    *,
    weight: str | None = "weight",
    k: int | None = None,
    sample_above: int = 1000,
    seed: int = 0,
    alpha: float = 0.85,
) -> CentralityResult:
    """Degree, weighted betweenness, eigenvector and PageRank of every node of ``graph``.

    ``k`` (default 500) sources are sampled for betweenness when the graph has more than
    ``sample_above`` nodes.
    """
    if graph.number_of_nodes() == 0:
        raise EmptyNetwork("cannot compute centrality on an empty network")
    n = graph.number_of_nodes()
    sampled = n > sample_above
    used_k = min(k or 500, n) if sampled else None
    betweenness = nx.betweenness_centrality(
        _lengths(graph, weight), k=used_k, weight="length", normalized=True, seed=seed
    )
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    eigenvector = _eigenvector(undirected, weight)
    pagerank = nx.pagerank(graph, alpha=alpha, weight=weight)
    degree_centrality = nx.degree_centrality(graph) if n > 1 else dict.fromkeys(graph, 0.0)
    note = (
        f"betweenness estimated from k={used_k} sampled sources (seed {seed}) because the "
        f"network has {n} nodes (more than {sample_above})"
        if sampled
        else f"exact betweenness over all {n} nodes"
    )
    scores = {
        node: NodeCentrality(
            iri=node,
            label_en=data.get("label_en", node),
            label_fr=data.get("label_fr", node),
            degree=graph.degree(node),
            degree_centrality=degree_centrality[node],
            betweenness=betweenness[node],
            eigenvector=abs(float(eigenvector[node])),
            pagerank=pagerank[node],
        )
        for node, data in graph.nodes(data=True)
    }
    return CentralityResult(scores=scores, sampled=sampled, k=used_k, seed=seed, note=note)
