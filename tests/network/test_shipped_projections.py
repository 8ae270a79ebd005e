"""Projections of the shipped data, checked against UNEP/CMS/COP14/Doc.18.1."""

from __future__ import annotations

from mea_graph.namespaces import PREFIXES
from mea_graph.network import convention_partner, lineage, mandates, partners


def iri(name: str) -> str:
    prefix, local = name.split(":")
    return PREFIXES[prefix] + local


def test_cites_links_cms_to_african_carnivores_and_jaguar_work(shipped):
    """Para. 28: with CITES, the CMS Secretariat worked under the Joint Work Programme
    2021-2025 on African carnivores (the joint African Carnivores Initiative) and the
    jaguar."""
    edge = partners(shipped).edges[iri("sec:cms"), iri("sec:cites")]
    assert {
        iri("init:african-carnivores-initiative"),
        iri("collab:cms-cites-joint-work-programme-2021-2025"),
    } <= set(edge["via"])
    assert iri("d181:para-28") in edge["evidence"]
    assert "joint-work-plan" in edge["type"].split("|")
    jaguar = shipped.query(
        "ASK { collab:cms-cites-joint-work-programme-2021-2025 "
        "mea:concernsTaxon taxon:panthera-onca }"
    )
    assert jaguar.boolean


def test_cms_partners_include_undp_on_jaguars(shipped):
    """Para. 33: the CMS Secretariat and UNDP cooperate on jaguar conservation."""
    bipartite = convention_partner(shipped)
    edge = bipartite.edges[iri("agr:cms"), iri("orgn:undp")]
    assert iri("collab:cms-undp-jaguar-conservation") in edge["via"]
    assert iri("d181:para-33") in edge["evidence"]
    assert bipartite.nodes[iri("orgn:undp")]["bipartite"] == 1


def test_lineage_repeals_and_carries_forward(shipped):
    graph = lineage(shipped)
    # Annex 1 para. 29: Resolution 11.10 repeals 7.9, 8.11, 9.6 and 10.21 (as adopted at
    # COP11) and 11.11 (folded into the COP13 revision).
    original, revision = iri("res:cms-11.10"), iri("res:cms-11.10-rev-cop13")
    repealed = {
        o
        for repealer in (original, revision)
        for _, o, t in graph.out_edges(repealer, data="type")
        if "repeals" in t
    }
    assert repealed == {iri(f"res:cms-{n}") for n in ("7.9", "8.11", "9.6", "10.21", "11.11")}
    assert graph.edges[original, iri("res:cms-10.21")]["evidence"] == (iri("r1110:para-29"),)
    assert graph.edges[revision, iri("res:cms-11.11")]["evidence"] == (iri("r1110:para-29"),)
    forward = graph.edges[iri("dec:cms-14.aa"), iri("dec:cms-13.9")]
    assert forward["type"] == "carries-forward"
    assert forward["evidence"] == (iri("d181:para-52"),)


def test_mandates_of_decision_13_9_go_to_the_secretariat(shipped):
    """Decision 13.9 (quoted in para. 2) is addressed to the Secretariat."""
    graph = mandates(shipped)
    chapeau = [n for n, d in graph.nodes(data=True) if d.get("instrument") == iri("dec:cms-13.9")]
    assert len(chapeau) == 3  # subparagraphs a), b) and c)
    assert all(graph.has_edge(m, iri("sec:cms")) for m in chapeau)
