"""GET /api/entities/{id}: types, labels, identifiers, relations with evidence."""

from __future__ import annotations

import pytest

from mea_graph.namespaces import PREFIXES

UNDP = PREFIXES["orgn"] + "undp"


def _relation(relations, predicate, other):
    found = [
        r for r in relations if r["predicate"]["id"] == predicate and r["other"]["id"] == other
    ]
    assert found, f"no {predicate} relation with {other}"
    return found[0]


@pytest.mark.parametrize("ident", ["orgn:undp", UNDP, f"<{UNDP}>"])
def test_undp(client, ident, iri):
    response = client.get(f"/api/entities/{ident}")
    assert response.status_code == 200
    undp = response.json()
    assert undp["entity"]["iri"] == iri("orgn:undp")
    assert undp["labels"]["prefLabel@en"] == ["United Nations Development Programme"]
    assert undp["labels"]["prefLabel@fr"] == ["Programme des Nations Unies pour le développement"]
    assert "PNUD" in undp["labels"]["altLabel@fr"]
    assert "mea:UNEntity" in {t["id"] for t in undp["types"]}
    # Paragraph 33: "Le Secrétariat a travaillé en étroite collaboration avec le PNUD pour
    # soutenir la conservation du jaguar."
    jaguar = _relation(undp["incoming"], "org:hasMember", "collab:cms-undp-jaguar-conservation")
    (evidence,) = jaguar["evidence"]
    assert evidence["paragraph_id"] == "d181:para-33"
    assert evidence["number"] == "33"
    assert evidence["document_symbol"] == "UNEP/CMS/COP14/Doc.18.1"
    assert "PNUD" in evidence["text"] and "jaguar" in evidence["text"]


def test_background_fact_has_no_evidence(client):
    # UNDP is part of the UN: a background fact, cited by no paragraph.
    undp = client.get("/api/entities/orgn:undp").json()
    assert _relation(undp["outgoing"], "org:subOrganizationOf", "orgn:un")["evidence"] == []


def test_identifiers(client, iri):
    fao = client.get("/api/entities/orgn:fao").json()
    same_as = [i["value"] for i in fao["identifiers"] if i["predicate"]["id"] == "owl:sameAs"]
    assert same_as == ["http://www.wikidata.org/entity/Q82151"]
    paragraph = client.get(f"/api/entities/{iri('d181:para-33')}").json()
    assert [i["value"] for i in paragraph["identifiers"]] == ["33"]


def test_statement_evidence_for_direct_relations(client):
    # Paragraph 29 of Annex 1: the resolution repeals Resolution 11.11 among others.
    resolution = client.get("/api/entities/res:cms-11.10-rev-cop13").json()
    repeal = _relation(resolution["outgoing"], "eli:repeals", "res:cms-11.11")
    assert [e["paragraph_id"] for e in repeal["evidence"]] == ["r1110:para-29"]
    assert "abroge" in repeal["evidence"][0]["text"]


def test_unknown_entity_is_a_404_naming_it(client):
    response = client.get("/api/entities/orgn:nobody")
    assert response.status_code == 404
    assert "orgn:nobody" in response.json()["detail"]
    unknown_prefix = client.get("/api/entities/nosuchprefix:x")
    assert unknown_prefix.status_code == 404
    assert "nosuchprefix:x" in unknown_prefix.json()["detail"]
