"""Projections on the hand-made sample of mea_graph.network._sample, with every expected
edge worked out by hand from SAMPLE_TURTLE:

- collab:jwp (joint work programme, weight 3): members sec:a and orgn:x, led by x (2),
  funded by orgn:y (2), 2021-01-01..2025-12-31, paragraphs 1 and 2;
- collab:event (joint event, weight 1): sec:a, sec:b, orgn:x, 2022-06, paragraph 3;
- membership:z-in-b (weight 1): orgn:z member of sec:b, paragraph 4.
"""

from __future__ import annotations

import pytest

from mea_graph.errors import EmptyNetwork, UnknownChoice
from mea_graph.namespaces import PREFIXES
from mea_graph.network import convention_partner, lineage, mandates, partners, project
from mea_graph.network._sample import backend_from_turtle, sample_backend


def iri(name: str) -> str:
    prefix, local = name.split(":")
    return PREFIXES[prefix] + local


A, B, X, Y, Z = (iri(n) for n in ("sec:a", "sec:b", "orgn:x", "orgn:y", "orgn:z"))


@pytest.fixture(scope="module")
def sample():
    return sample_backend()


def test_partners_edges_weights_types_period_evidence(sample):
    graph = partners(sample)
    assert set(graph.nodes) == {A, B, X, Y, Z}
    expected = {
        frozenset((A, X)): ("co-organised-event|joint-work-plan|leadership", 3 + 2 + 1),
        frozenset((A, Y)): ("funding", 2),
        frozenset((X, Y)): ("funding", 2),
        frozenset((A, B)): ("co-organised-event", 1),
        frozenset((B, X)): ("co-organised-event", 1),
        frozenset((B, Z)): ("membership", 1),
    }
    assert {frozenset(e) for e in graph.edges} == set(expected)
    for pair, (kind, weight) in expected.items():
        data = graph.edges[tuple(pair)]
        assert (data["type"], data["weight"]) == (kind, weight)
    ax = graph.edges[A, X]
    assert ax["evidence"] == (iri("d181:para-1"), iri("d181:para-2"), iri("d181:para-3"))
    assert ax["via"] == (iri("collab:event"), iri("collab:jwp"))
    assert (ax["start"], ax["end"]) == ("2021-01-01", "2025-12-31")
    assert graph.edges[B, Z]["evidence"] == (iri("d181:para-4"),)


def test_partners_nodes_have_bilingual_labels_and_kind(sample):
    graph = partners(sample, fold_secretariats=True)
    node = graph.nodes[iri("agr:a")]
    assert (node["label_en"], node["label_fr"], node["short_fr"]) == (
        "Convention A",
        "Convention Ä",
        "CÄ",
    )
    assert (node["kind"], node["group"], node["folded_from"]) == ("Convention", "agreement", A)
    assert graph.nodes[X]["kind"] == "NonGovernmentalOrganization"


def test_folding_replaces_secretariats_by_their_agreements(sample):
    graph = partners(sample, fold_secretariats=True)
    assert A not in graph and B not in graph
    assert graph.edges[iri("agr:a"), iri("agr:b")]["type"] == "co-organised-event"
    assert graph.number_of_edges() == 6


def test_type_filter_and_custom_weights(sample):
    only = partners(sample, types=["membership"])
    assert list(only.edges) == [(B, Z)] or list(only.edges) == [(Z, B)]
    heavier = partners(sample, type_weights={"funding": 5})
    assert heavier.edges[A, Y]["weight"] == 5
    with pytest.raises(UnknownChoice, match="'friendship'"):
        partners(sample, types=["friendship"])


def test_convention_partner_is_bipartite(sample):
    graph = convention_partner(sample)
    a, b = iri("agr:a"), iri("agr:b")
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0} == {a, b}
    # x leads the JWP of A (2) and co-organises the event with A (1); y funds A's JWP (2);
    # x co-organises the event with B (1); z is a member of B's secretariat (1).
    assert {frozenset(e): graph.edges[e]["weight"] for e in graph.edges} == {
        frozenset((a, X)): 3,
        frozenset((a, Y)): 2,
        frozenset((b, X)): 1,
        frozenset((b, Z)): 1,
    }
    assert graph.edges[a, X]["type"] == "co-organised-event|leadership"


def test_mandates_and_lineage_from_small_graphs():
    backend = backend_from_turtle("""
      res:r1 a mea:Resolution ; mea:adoptedAt mtg:m .
      mtg:m mea:startDate "2020-02-17"^^xsd:date .
      res:r1 eli:repeals res:r0 ; dcterms:replaces res:r0 .
      statement:s a rdf:Statement ; rdf:subject res:r1 ; rdf:predicate eli:repeals ;
          rdf:object res:r0 ; prov:wasDerivedFrom d181:para-7 .
      <https://w3id.org/mea-graph/id/resolution/r1/para-1> eli:is_part_of res:r1 .
      mandate:m1 a mea:Mandate ; mea:addressee sec:a, grp:parties ; dcterms:subject theme:t ;
          mea:deadline "2026-01-01"^^xsd:date ;
          mea:sourceParagraph <https://w3id.org/mea-graph/id/resolution/r1/para-1> .
    """)
    tree = lineage(backend)
    edge = tree.edges[iri("res:r1"), iri("res:r0")]
    assert (edge["type"], edge["weight"], edge["start"]) == ("repeals|replaces", 2, "2020-02-17")
    assert edge["evidence"] == (iri("d181:para-7"),)
    assert tree.is_directed()
    network = mandates(backend)
    m1 = iri("mandate:m1")
    assert sorted(network.successors(m1)) == sorted([A, iri("grp:parties"), iri("theme:t")])
    assert network.edges[m1, A]["type"] == "addressed-to"
    assert (network.edges[m1, A]["start"], network.edges[m1, A]["end"]) == (
        "2020-02-17",
        "2026-01-01",
    )
    assert network.nodes[m1]["instrument"] == iri("res:r1")
    assert mandates(backend, include_themes=False).number_of_nodes() == 3


def test_empty_projection_and_unknown_kind_are_clear_errors():
    empty = backend_from_turtle("")
    for kind in ("partners", "convention-partner", "mandates", "lineage"):
        with pytest.raises(EmptyNetwork, match=f"the {kind} projection is empty"):
            project(empty, kind)
    with pytest.raises(UnknownChoice, match="unknown network 'friends'"):
        project(empty, "friends")


def test_graph_records_query_hash_and_options(sample):
    graph = partners(sample, fold_secretariats=True)
    assert len(graph.graph["query_sha256"]) == 64
    assert "fold_secretariats=True" in graph.graph["options"]
    assert (
        graph.graph["query_sha256"]
        != lineage(backend_from_turtle("res:a eli:repeals res:b .")).graph["query_sha256"]
    )
