"""Centrality on graphs small enough to work out by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from mea_graph.analysis import centrality
from mea_graph.errors import EmptyNetwork, UnknownChoice


def test_path_of_three():
    # a - b - c. b is on the only a-c path: betweenness 1 (normalised by (n-1)(n-2)/2 = 1).
    # Adjacency eigenvector for eigenvalue sqrt(2) is (1, sqrt 2, 1), unit length: (1/2,
    # sqrt(2)/2, 1/2). PageRank (alpha 0.85), a = c: a = 0.05 + 0.425 b and b = 1 - 2a, so
    # a = 0.475 / 1.85 and b = 1 - 2a.
    result = centrality(nx.path_graph(["a", "b", "c"]))
    a, b = result.scores["a"], result.scores["b"]
    assert (a.degree, b.degree) == (1, 2)
    assert (a.degree_centrality, b.degree_centrality) == (0.5, 1.0)
    assert (a.betweenness, b.betweenness) == (0.0, 1.0)
    assert a.eigenvector == pytest.approx(0.5, abs=1e-6)
    assert b.eigenvector == pytest.approx(math.sqrt(2) / 2, abs=1e-6)
    assert a.pagerank == pytest.approx(0.475 / 1.85, abs=1e-5)
    assert b.pagerank == pytest.approx(1 - 2 * 0.475 / 1.85, abs=1e-5)
    assert [s.iri for s in result.ranked("betweenness")] == ["b", "a", "c"]


def test_betweenness_treats_weight_as_strength():
    # Square a-b-c-d-a. a-b and b-c weigh 4 (length 1/4), c-d and d-a weigh 1 (length 1).
    # a..c: a-b-c (0.5) beats a-d-c (2): b gets 1. b..d: b-a-d and b-c-d both 1.25: a and c
    # get 1/2 each. Normalised by (n-1)(n-2)/2 = 3.
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=4)
    graph.add_edge("b", "c", weight=4)
    graph.add_edge("c", "d", weight=1)
    graph.add_edge("d", "a", weight=1)
    scores = centrality(graph).scores
    assert scores["b"].betweenness == pytest.approx(1 / 3)
    assert scores["a"].betweenness == pytest.approx(1 / 6)
    assert scores["d"].betweenness == pytest.approx(0.0)
    # Unweighted, every node is on half of one pair's paths: 0.5 / 3.
    unweighted = centrality(graph, weight=None).scores
    assert {round(s.betweenness, 6) for s in unweighted.values()} == {round(1 / 6, 6)}


def test_sampling_above_threshold_is_said():
    graph = nx.path_graph([f"n{i}" for i in range(6)])
    exact = centrality(graph)
    assert not exact.sampled and exact.k is None and "exact" in exact.note
    sampled = centrality(graph, sample_above=4, k=3, seed=1)
    assert sampled.sampled and sampled.k == 3
    assert "k=3" in sampled.note and "6 nodes" in sampled.note


def test_bad_input():
    with pytest.raises(EmptyNetwork):
        centrality(nx.Graph())
    with pytest.raises(UnknownChoice, match="'fame'"):
        centrality(nx.path_graph(2)).ranked("fame")


def test_shipped_partners_cms_secretariat_is_the_hub(shipped):
    """The report is the CMS Secretariat's: every collaboration it describes involves it."""
    from mea_graph.network import partners

    result = centrality(partners(shipped))
    top = result.ranked("degree")[0]
    assert top.iri.endswith("/secretariat/cms")
    assert top.label_fr == "Secrétariat PNUE/CMS" or top.label_fr.startswith("Secrétariat")
