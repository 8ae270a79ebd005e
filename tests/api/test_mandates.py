"""GET /api/mandates: filters by convention, theme, addressee, verb and status."""

from __future__ import annotations

import pytest


def _paragraphs(client, **params):
    response = client.get("/api/mandates", params=params)
    assert response.status_code == 200, response.text
    return [m["evidence"][0]["paragraph_id"] for m in response.json()]


@pytest.mark.parametrize(
    "params",
    [
        {"addressee": "grp:cms-parties", "verb": "verb:urges"},
        # labels work too, in either language ("prie instamment" is the French verb)
        {"addressee": "Parties to CMS", "verb": "prie instamment"},
        # an actor kind matches every addressee of that kind
        {"addressee": "kind:parties", "verb": "urges", "convention": "CMS"},
    ],
)
def test_parties_are_urged_by_annex_1_paragraphs_25_and_26(client, params):
    # Annex 1: "25. Prie instamment les Parties d'établir une collaboration étroite…" and
    # "26. Exhorte par ailleurs les Parties à faciliter la coopération…".
    assert _paragraphs(client, **params) == ["r1110:para-25", "r1110:para-26"]


def test_the_secretariat_is_never_urged(client):
    assert _paragraphs(client, addressee="sec:cms", verb="verb:urges") == []


def test_evidence_is_the_paragraph_text(client):
    (para_25, _) = client.get(
        "/api/mandates", params={"addressee": "grp:cms-parties", "verb": "verb:urges"}
    ).json()
    evidence = para_25["evidence"][0]
    assert evidence["number"] == "25"
    assert evidence["document_symbol"] == "UNEP/CMS/COP14/Doc.18.1"
    assert "établir une collaboration étroite au niveau national" in evidence["text"]
    assert para_25["instrument"]["id"] == "res:cms-11.10-rev-cop14"
    assert para_25["verb"]["label_fr"] == "prie instamment"


def test_mandates_to_the_secretariat(client):
    # Annex 1 paragraphs 2-4, 7-18, 22-23, Decision 13.9 a)-c), draft decision 14.AA a)-c).
    expected = {f"r1110:para-{n}" for n in [2, 3, 4, *range(7, 19), 22, 23]} | {"r1110:para-8bis"}
    expected |= {f"dec:cms-13.9/para-{x}" for x in "abc"}
    expected |= {f"dec:cms-14.aa/para-{x}" for x in "abc"}
    assert set(_paragraphs(client, addressee="sec:cms")) == expected


def test_status_theme_and_convention(client):
    # Proposed texts on NGO accreditation: draft decisions 14.AA a), b) and 14.BB (Annex 2),
    # and paragraphs 5 and 6 of the proposed Resolution 11.10 (Rev.COP14) (Annex 1).
    # Decision 13.9 is in force, so its paragraphs are left out.
    found = _paragraphs(
        client, convention="agr:cms", status="status:proposed", theme="theme:ngo-accreditation"
    )
    assert sorted(found) == sorted(
        [
            "dec:cms-14.aa/para-a",
            "dec:cms-14.aa/para-b",
            "dec:cms-14.bb/para-14.bb",
            "r1110:para-5",
            "r1110:para-6",
        ]
    )


def test_bad_filters(client):
    not_a_convention = client.get("/api/mandates", params={"convention": "orgn:unep"})
    assert not_a_convention.status_code == 400
    assert "orgn:unep" in not_a_convention.json()["detail"]
    unknown = client.get("/api/mandates", params={"verb": "verb:dances"})
    assert unknown.status_code == 404 and "verb:dances" in unknown.json()["detail"]
