"""Brokers between conventions that share no direct collaboration."""

from __future__ import annotations

import networkx as nx
import pytest

from mea_graph.analysis import brokers
from mea_graph.errors import EmptyNetwork, UnknownEntity


def chain() -> nx.Graph:
    # A - x - B - y - C, conventions A, B, C with no direct tie between any two.
    graph = nx.Graph()
    graph.add_nodes_from(["A", "B", "C"], group="agreement")
    graph.add_nodes_from(["x", "y"], group="actor")
    for a, b, paragraph in [("A", "x", "p1"), ("x", "B", "p2"), ("B", "y", "p3"), ("y", "C", "p4")]:
        graph.add_edge(a, b, evidence=(paragraph,))
    return graph


def test_scores_by_hand():
    # A..B via x; B..C via y; A..C via x, B, y: x = 2, y = 2, B = 1.
    result = brokers(chain())
    assert [(b.iri, b.score) for b in result.brokers] == [("x", 2.0), ("y", 2.0), ("B", 1.0)]
    assert result.unlinked_pairs == 3
    x = result.get("x")
    assert x.pairs == (("A", "B"), ("A", "C"))
    assert x.evidence == ("p1", "p2")  # the edges x uses on its paths
    assert result.get("B").evidence == ("p2", "p3")


def test_direct_ties_and_split_paths():
    graph = chain()
    graph.add_edge("A", "B")  # now A and B share a collaboration: x no longer brokers them
    graph.add_edge("A", "z")
    graph.add_edge("z", "C")  # A..C: A-z-C (2 hops) is shortest now
    result = brokers(graph)
    assert result.get("x") is None
    assert result.get("z").score == 1.0
    # B..C: B-y-C only (A-z-C-... is longer): y 1.
    assert result.get("y").score == 1.0


def test_bad_input():
    with pytest.raises(UnknownEntity, match="agr:nowhere"):
        brokers(chain(), conventions=["A", "agr:nowhere"])
    with pytest.raises(EmptyNetwork):
        brokers(nx.empty_graph(2))


def test_shipped_brokers_have_evidence(shipped):
    """With secretariats folded, CMS bridges the conventions it works with separately
    (the report is about CMS's own partnerships)."""
    from mea_graph.network import partners

    result = brokers(partners(shipped, fold_secretariats=True))
    top = result.brokers[0]
    assert top.iri.endswith("/agreement/cms")
    assert top.evidence and all("/para-" in e or "/preamble-" in e for e in top.evidence)
    assert any(
        a.endswith("/agreement/cites") or b.endswith("/agreement/cites") for a, b in top.pairs
    )


def test_exclude_a_hub():
    # Without x, A is cut off; only B..C remains, bridged by y.
    result = brokers(chain(), exclude=["x"])
    assert [(b.iri, b.score) for b in result.brokers] == [("y", 1.0)]
    assert result.unlinked_pairs == 1
    with pytest.raises(UnknownEntity, match="'?nowhere"):
        brokers(chain(), exclude=["nowhere"])


def _listed_paths_brokers(graph, conventions):
    """The definition, by listing every shortest path (the oracle): each inner node earns
    1 / (number of paths) per path, and the evidence of the edges next to it."""
    from collections import defaultdict

    scores, pairs, evidence = defaultdict(float), defaultdict(set), defaultdict(set)
    unlinked = 0
    for i, source in enumerate(conventions):
        for target in conventions[i + 1 :]:
            if graph.has_edge(source, target) or not nx.has_path(graph, source, target):
                continue
            unlinked += 1
            paths = list(nx.all_shortest_paths(graph, source, target))
            for path in paths:
                for position in range(1, len(path) - 1):
                    node = path[position]
                    scores[node] += 1.0 / len(paths)
                    pairs[node].add((source, target))
                    for neighbour in (path[position - 1], path[position + 1]):
                        evidence[node].update(graph.edges[node, neighbour]["evidence"])
    ranked = sorted(scores, key=lambda node: (-scores[node], node))
    return [(n, scores[n], tuple(sorted(pairs[n])), tuple(sorted(evidence[n]))) for n in ranked], (
        unlinked
    )


@pytest.mark.parametrize("seed", range(8))
def test_counting_paths_gives_what_listing_them_gives(seed):
    """Scores equal to the last bit, pairs and evidence, on random graphs with many
    shortest paths of equal length."""
    graph = nx.gnm_random_graph(40, 70, seed=seed)
    graph = nx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    for k, (a, b) in enumerate(sorted(graph.edges)):
        graph.edges[a, b]["evidence"] = (f"p{k}",)
    conventions = sorted(graph)[::4]
    for node in graph:
        graph.nodes[node]["group"] = "agreement" if node in conventions else "actor"
    result = brokers(graph)
    expected, unlinked = _listed_paths_brokers(graph, conventions)
    assert [(b.iri, b.score, b.pairs, b.evidence) for b in result.brokers] == expected
    assert result.unlinked_pairs == unlinked and unlinked > 0
    assert any(b.score % 1 for b in result.brokers)  # some pairs have several paths
    # Leaving a node out first: the same as on the graph without it.
    hub = max(graph, key=graph.degree)
    left = graph.subgraph(set(graph) - {hub})
    without = brokers(graph, exclude=[hub])
    expected, unlinked = _listed_paths_brokers(left, [c for c in conventions if c != hub])
    assert [(b.iri, b.score, b.pairs, b.evidence) for b in without.brokers] == expected
