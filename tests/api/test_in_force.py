"""GET /api/in-force: resolutions and decisions in force at a date or meeting."""

from __future__ import annotations

import pytest


def _standings(client, **params):
    response = client.get("/api/in-force", params={"limit": 5000, **params})
    assert response.status_code == 200, response.text
    answer = response.json()
    return answer, {s["instrument"]["id"]: s for s in answer["instruments"]}


def test_once_the_cop14_recommendations_apply(client):
    """Doc.18.1 para. 52: adopt Res. 11.10 (Rev.COP14) and draft decisions 14.AA and 14.BB,
    delete Decisions 13.9 and 13.10 ("de supprimer les Décisions 13.9 et 13.10")."""
    answer, by_id = _standings(client, at="mtg:cms-cop14", apply_recommendations="true")
    assert answer["date"] == "2024-02-12"
    assert answer["meeting"]["id"] == "mtg:cms-cop14"
    assert answer["applied_recommendations"] is True
    for number in ("13.9", "13.10"):
        deleted = by_id[f"dec:cms-{number}"]
        assert deleted["standing"] == "deleted" and deleted["in_force"] is False
        assert "d181:para-52-c" in deleted["reason"]
        (evidence,) = deleted["evidence"]
        assert evidence["paragraph_id"] == "d181:para-52-c"
        assert "supprimer les Décisions 13.9 et 13.10" in evidence["text"]
    for adopted in ("dec:cms-14.aa", "dec:cms-14.bb", "res:cms-11.10-rev-cop14"):
        assert by_id[adopted]["standing"] == "in-force", adopted
    assert by_id["res:cms-11.10-rev-cop13"]["standing"] == "replaced"
    assert answer["in_force"] + answer["not_in_force"] == len(by_id)
    assert answer["in_force"] == sum(s["in_force"] for s in by_id.values())


def test_before_the_recommendations_apply(client):
    _, by_id = _standings(client, at="cms-cop14")
    assert by_id["dec:cms-13.9"]["standing"] == "in-force"
    assert "recommended for deletion" in by_id["dec:cms-13.9"]["reason"]
    assert by_id["dec:cms-14.aa"]["standing"] == "proposed"
    # Res. 11.10 (Rev.COP13) repealed 7.9 (Annex 1, para. 29), with the paragraph's text.
    repealed = by_id["res:cms-7.9"]
    assert repealed["standing"] == "repealed"
    assert [e["paragraph_id"] for e in repealed["evidence"]] == ["r1110:para-29"]
    assert repealed["evidence"][0]["text"]


def test_a_date(client):
    # COP13 opened in February 2020: in 2019, Decision 13.9 did not exist yet.
    _, by_id = _standings(client, at="2019-06-01")
    assert by_id["dec:cms-13.9"]["standing"] == "not-yet-adopted"
    answer, _ = _standings(client, at="2019")
    assert answer["date"] == "2019-01-01" and answer["meeting"] is None


def test_standing_filter_and_paging(client):
    params = {"at": "mtg:cms-cop14", "apply_recommendations": "true", "standing": "deleted"}
    response = client.get("/api/in-force", params=params)
    assert response.headers["X-Total-Count"] == "2"
    assert {s["instrument"]["id"] for s in response.json()["instruments"]} == {
        "dec:cms-13.9",
        "dec:cms-13.10",
    }
    everything = client.get("/api/in-force", params={"at": "2030", "limit": 5000})
    total = int(everything.headers["X-Total-Count"])
    assert total == len(everything.json()["instruments"]) > 3
    first = client.get("/api/in-force", params={"at": "2030", "limit": 3})
    assert first.headers["X-Mea-Truncated"] == "true"
    rest = client.get("/api/in-force", params={"at": "2030", "limit": 5000, "offset": 3})
    assert rest.headers["X-Mea-Truncated"] == "false"
    pages = first.json()["instruments"] + rest.json()["instruments"]
    assert pages == everything.json()["instruments"]


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"at": "mtg:nowhere"}, 404, "mtg:nowhere"),
        ({"at": "2024-02-30"}, 400, "2024-02-30"),
        ({"at": "2024-13"}, 400, "2024-13"),
    ],
)
def test_bad_parameters(client, params, status, named):
    response = client.get("/api/in-force", params=params)
    assert response.status_code == status
    assert named in response.json()["detail"]


def test_a_standing_that_does_not_exist_is_refused(client):
    response = client.get("/api/in-force", params={"at": "2030", "standing": "asleep"})
    assert response.status_code == 422
    assert client.get("/api/in-force").status_code == 422  # `at` is required
