"""Communities on a hand-checkable graph: two triangles joined by one edge."""

from __future__ import annotations

import networkx as nx
import pytest

from mea_graph.analysis import communities
from mea_graph.errors import EmptyNetwork, UnknownChoice

TRIANGLES = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")]


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_two_triangles(method):
    # m = 7 edges; each triangle has 3 inner edges and degree sum 2 + 2 + 3 = 7:
    # Q = 2 * (3/7 - (7/14)^2) = 5/14.
    result = communities(nx.Graph(TRIANGLES), method=method)
    assert [sorted(c) for c in result.communities] == [["a", "b", "c"], ["d", "e", "f"]]
    assert result.modularity == pytest.approx(5 / 14)
    assert result.membership["a"] == result.membership["c"] != result.membership["d"]


def test_fixed_seed_is_reproducible(shipped):
    from mea_graph.network import partners

    graph = partners(shipped)
    first = communities(graph, seed=3)
    assert communities(graph, seed=3).communities == first.communities


def test_bad_input():
    with pytest.raises(UnknownChoice, match="'magic'"):
        communities(nx.Graph(TRIANGLES), method="magic")
    with pytest.raises(EmptyNetwork):
        communities(nx.empty_graph(3))
