"""GET /api/partners: partners of a convention, ranked, with evidence."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("convention", ["agr:cms", "sec:cms", "CMS"])
def test_jaguar_partners_of_cms(client, convention):
    # Paragraph 28: CMS and CITES work together on the jaguar; paragraph 33: the Secretariat
    # works with UNDP on the jaguar.
    response = client.get(
        "/api/partners", params={"convention": convention, "taxon": "taxon:panthera-onca"}
    )
    assert response.status_code == 200, response.text
    partners = {p["partner"]["id"]: p for p in response.json()}
    assert set(partners) == {"orgn:undp", "sec:cites"}
    paragraphs = {
        ident: {e["paragraph_id"] for c in p["collaborations"] for e in c["evidence"]}
        for ident, p in partners.items()
    }
    assert "d181:para-33" in paragraphs["orgn:undp"]
    assert "d181:para-28" in paragraphs["sec:cites"]
    assert partners["sec:cites"]["agreement"]["id"] == "agr:cites"
    for partner in partners.values():
        texts = [e["text"] for c in partner["collaborations"] for e in c["evidence"]]
        assert any("jaguar" in t for t in texts if t)


def test_ranking_and_evidence(client):
    partners = client.get("/api/partners", params={"convention": "agr:cms"}).json()
    scores = [p["score"] for p in partners]
    assert scores == sorted(scores, reverse=True)
    ids = {p["partner"]["id"] for p in partners}
    # The convention's own organs and its Parties are not its partners.
    assert not ids & {"agr:cms", "sec:cms", "body:cms-cop", "body:cms-standing-committee"}
    assert "grp:cms-parties" not in ids
    # CITES: joint work programme (para. 28), MoU (Annex 1 preamble)... CBD, UNEP too.
    assert {"sec:cites", "sec:cbd", "orgn:unep", "orgn:undp"} <= ids
    for p in partners:
        assert p["score"] == len(p["collaborations"]) + len(p["mandates"])
        for tie in p["collaborations"] + p["mandates"]:
            assert tie["evidence"], f"{p['partner']['id']} via {tie['via']['id']} has no evidence"


def test_mandates_count(client):
    # Draft decision 14.BB invites NGOs (and others) to support the Secretariat.
    partners = {
        p["partner"]["id"]: p
        for p in client.get(
            "/api/partners", params={"convention": "agr:cms", "theme": "theme:ngo-accreditation"}
        ).json()
    }
    ngo_mandates = {t["via"]["id"] for t in partners["grp:ngos"]["mandates"]}
    assert "mandate:cms-14.bb-para-14.bb-invites" in ngo_mandates


def test_bad_convention(client):
    response = client.get("/api/partners", params={"convention": "orgn:unep"})
    assert response.status_code == 400 and "orgn:unep" in response.json()["detail"]
    assert client.get("/api/partners").status_code == 422
    assert client.get("/api/partners", params={"convention": "agr:nothing"}).status_code == 404


def test_network_of_partners(client):
    network = client.get("/api/network", params={"kind": "partners"}).json()
    ids = {n["id"] for n in network["nodes"]}
    undp = "https://w3id.org/mea-graph/id/org/undp"
    assert undp in ids
    undp_links = [link for link in network["links"] if undp in (link["source"], link["target"])]
    paragraphs = {e["paragraph_id"] for link in undp_links for e in link["evidence"]}
    assert "d181:para-33" in paragraphs  # the jaguar collaboration with the CMS Secretariat
    assert all(e["text"] for link in undp_links for e in link["evidence"])
    assert client.get("/api/network", params={"kind": "friends"}).status_code == 422
