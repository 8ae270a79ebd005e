"""GET /api/brokers: who bridges conventions that share no direct collaboration."""

from __future__ import annotations


def test_cms_is_the_top_broker_with_evidence(client):
    """The report is about CMS's own partnerships: with secretariats folded, CMS bridges the
    conventions it works with separately."""
    response = client.get("/api/brokers", params={"limit": 5000})
    assert response.status_code == 200, response.text
    answer = response.json()
    brokers = answer["brokers"]
    assert response.headers["X-Total-Count"] == str(len(brokers))
    assert response.headers["X-Mea-Truncated"] == "false"
    top = brokers[0]
    assert top["broker"]["id"] == "agr:cms"
    assert top["broker"]["label_en"]
    assert top["evidence"] and all(e["text"] for e in top["evidence"])
    assert all(
        "/para-" in e["paragraph"] or "/preamble-" in e["paragraph"] for e in top["evidence"]
    )
    assert answer["unlinked_pairs"] > 0 and len(answer["conventions"]) > 2
    assert answer["excluded"] == []
    scores = [b["score"] for b in brokers]
    assert scores == sorted(scores, reverse=True)
    for broker in brokers:
        for first, second in broker["pairs"]:
            assert {first, second} <= set(answer["conventions"])


def test_the_same_as_the_analysis(client, backend):
    from mea_graph.analysis import brokers
    from mea_graph.network import partners

    expected = brokers(partners(backend, fold_secretariats=True)).brokers
    got = client.get("/api/brokers", params={"limit": 5000}).json()["brokers"]
    assert [(b["broker"]["iri"], b["score"]) for b in got] == [(b.iri, b.score) for b in expected]


def test_excluding_the_hub(client, iri):
    # The shipped report is about CMS: without it, no convention reaches another one.
    answer = client.get("/api/brokers", params={"exclude": "agr:cms"}).json()
    assert answer["excluded"] == [iri("agr:cms")]
    assert iri("agr:cms") not in answer["conventions"]
    assert answer["brokers"] == [] and answer["unlinked_pairs"] == 0
    by_iri = client.get("/api/brokers", params={"exclude": iri("agr:cms")}).json()
    assert by_iri == answer
    # UNEP is not on the shortest paths between CMS's partner conventions.
    without_unep = client.get("/api/brokers", params={"exclude": "orgn:unep"}).json()
    assert [b["broker"]["id"] for b in without_unep["brokers"]] == ["agr:cms"]


def test_paging(client):
    everything = client.get("/api/brokers").json()["brokers"]
    assert len(everything) == 1  # CMS only, in the shipped data
    first = client.get("/api/brokers", params={"limit": 1})
    assert first.headers["X-Total-Count"] == "1"
    assert first.headers["X-Mea-Truncated"] == "false"
    assert first.json()["brokers"] == everything
    after = client.get("/api/brokers", params={"offset": 1})
    assert after.headers["X-Total-Count"] == "1" and after.json()["brokers"] == []
    assert client.get("/api/brokers", params={"limit": 0}).status_code == 422


def test_bad_exclusions(client):
    unknown = client.get("/api/brokers", params={"exclude": "orgn:nobody"})
    assert unknown.status_code == 404 and "orgn:nobody" in unknown.json()["detail"]
    # A secretariat is folded onto its convention: it is not a node of the network.
    folded = client.get("/api/brokers", params={"exclude": "sec:cms"})
    assert folded.status_code == 400 and "sec:cms" in folded.json()["detail"]
