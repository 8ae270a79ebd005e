"""GET /api/search: labels and acronyms in English and French, accents and case ignored."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "pnue",
        "UNEP",
        "programme des nations unies pour l'environnement",
        # typographic apostrophe and capitals, as a user may paste them from the document
        "Programme des Nations Unies pour l’Environnement",
        "PROGRAMME DES NATIONS UNIES POUR L'ENVIRONNEMENT",
        "United Nations Environment Programme",
    ],
)
def test_unep_comes_first(client, text):
    response = client.get("/api/search", params={"q": text})
    assert response.status_code == 200
    hits = response.json()
    assert hits[0]["entity"]["id"] == "orgn:unep"
    assert hits[0]["entity"]["label_fr"] == "Programme des Nations Unies pour l'environnement"


def test_accents_are_ignored(client):
    # "Conférence des Parties à la CMS" is the French name of the CMS COP.
    hits = client.get("/api/search", params={"q": "conference des parties a la cms"}).json()
    assert hits[0]["entity"]["id"] == "body:cms-cop"


def test_language_filter(client):
    # "PNUE" is only a French label of UNEP.
    assert (
        client.get("/api/search", params={"q": "pnue", "lang": "fr"}).json()[0]["entity"]["id"]
        == "orgn:unep"
    )
    english = client.get("/api/search", params={"q": "pnue", "lang": "en"}).json()
    assert "orgn:unep" not in {h["entity"]["id"] for h in english}
    assert all(h["matched_lang"] == "en" for h in english)


def test_type_filter_includes_subclasses(client):
    hits = client.get("/api/search", params={"q": "CMS", "type": "mea:Secretariat"}).json()
    assert hits and all("mea:Secretariat" in h["types"] for h in hits)
    assert "sec:cms" in {h["entity"]["id"] for h in hits}
    actors = client.get("/api/search", params={"q": "PNUD", "type": "mea:Actor"}).json()
    assert actors[0]["entity"]["id"] == "orgn:undp"


def test_bad_parameters(client):
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    blank = client.get("/api/search", params={"q": "   "})
    assert blank.status_code == 400 and "empty" in blank.json()["detail"]
    assert client.get("/api/search", params={"q": "x", "lang": "de"}).status_code == 422
    unknown = client.get("/api/search", params={"q": "x", "type": "mea:NoSuchClass"})
    assert unknown.status_code == 404 and "mea:NoSuchClass" in unknown.json()["detail"]
