"""GET /api/paths and /api/neighbors: hops with predicates and evidence."""

from __future__ import annotations


def _ids(path):
    return [n["id"] for n in path["nodes"]]


def test_undp_to_cites_goes_through_the_cms_secretariat(client):
    # Paragraph 33: CMS works with UNDP on the jaguar; paragraph 28 and Annex 1: CMS and
    # CITES have a joint work programme. No collaboration has both UNDP and CITES, so the
    # shortest cited route is UNDP - collaboration - CMS - collaboration - CITES: 4 hops.
    answer = client.get("/api/paths", params={"from": "orgn:undp", "to": "sec:cites"}).json()
    assert answer["length"] == 4
    through_cms = [p for p in answer["paths"] if "sec:cms" in _ids(p)]
    assert through_cms
    for path in answer["paths"]:
        assert _ids(path)[0] == "orgn:undp" and _ids(path)[-1] == "sec:cites"
        assert len(path["hops"]) == 4
        assert all(hop["evidence"] for hop in path["hops"]), "every hop cites a paragraph"
    jaguar = [p for p in through_cms if _ids(p)[1] == "collab:cms-undp-jaguar-conservation"]
    first = jaguar[0]["hops"][0]
    assert first["predicate"]["id"] == "org:hasMember"
    assert first["subject"]["id"] == "collab:cms-undp-jaguar-conservation"
    assert first["forward"] is False  # the path walks the triple backwards
    assert [e["paragraph_id"] for e in first["evidence"]] == ["d181:para-33"]
    assert "jaguar" in first["evidence"][0]["text"]


def test_background_facts_give_a_shorter_path_when_allowed(client):
    # UNDP and UNEP are both part of the UN, and UNEP administers CITES: 3 hops, uncited.
    answer = client.get(
        "/api/paths", params={"from": "orgn:undp", "to": "sec:cites", "evidenced_only": "false"}
    ).json()
    assert answer["length"] == 3
    assert ["orgn:undp", "orgn:un", "orgn:unep", "sec:cites"] in [_ids(p) for p in answer["paths"]]


def test_bounds(client):
    too_short = client.get("/api/paths", params={"from": "orgn:undp", "to": "sec:cites", "max": 2})
    assert too_short.status_code == 200
    assert too_short.json()["length"] is None and too_short.json()["paths"] == []
    same = client.get("/api/paths", params={"from": "orgn:undp", "to": "orgn:undp"}).json()
    assert same["length"] == 0 and _ids(same["paths"][0]) == ["orgn:undp"]
    assert (
        client.get("/api/paths", params={"from": "a:b", "to": "c:d", "max": 7}).status_code == 422
    )
    limited = client.get(
        "/api/paths", params={"from": "orgn:undp", "to": "sec:cites", "limit": 1}
    ).json()
    assert len(limited["paths"]) == 1 and limited["truncated"] is True


def test_unknown_endpoint_is_named(client):
    response = client.get("/api/paths", params={"from": "orgn:nobody", "to": "sec:cites"})
    assert response.status_code == 404
    assert "orgn:nobody" in response.json()["detail"]


def test_neighbors_of_the_jaguar_collaboration(client):
    answer = client.get(
        "/api/neighbors", params={"id": "collab:cms-undp-jaguar-conservation"}
    ).json()
    near = {n["entity"]["id"]: n["distance"] for n in answer["nodes"]}
    # Its members, its taxon and the paragraph it comes from (paragraph 33).
    for ident in ("orgn:undp", "sec:cms", "taxon:panthera-onca", "d181:para-33"):
        assert near[ident] == 1
    assert near["collab:cms-undp-jaguar-conservation"] == 0
    member = [
        link
        for link in answer["links"]
        if link["predicate"]["id"] == "org:hasMember" and link["object"]["id"] == "orgn:undp"
    ]
    assert [e["paragraph_id"] for e in member[0]["evidence"]] == ["d181:para-33"]
    assert "rdf:type" not in {link["predicate"]["id"] for link in answer["links"]}


def test_neighbors_along_one_predicate(client):
    answer = client.get(
        "/api/neighbors", params={"id": "sec:cms", "predicate": "org:hasMember", "depth": 2}
    ).json()
    assert {link["predicate"]["id"] for link in answer["links"]} == {"org:hasMember"}
    near = {n["entity"]["id"]: n["distance"] for n in answer["nodes"]}
    assert near["collab:cms-undp-jaguar-conservation"] == 1 and near["orgn:undp"] == 2
    assert client.get("/api/neighbors", params={"id": "sec:cms", "depth": 0}).status_code == 422
    assert client.get("/api/neighbors", params={"id": "orgn:nobody"}).status_code == 404
