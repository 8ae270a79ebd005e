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
