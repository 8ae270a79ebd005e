"""List routes are capped, and a cut list says so (X-Mea-Truncated, X-Total-Count)."""

from __future__ import annotations


def test_mandates_are_paged_and_truncation_is_said(client):
    everything = client.get("/api/mandates", params={"addressee": "sec:cms", "limit": 5000})
    total = int(everything.headers["X-Total-Count"])
    # The Secretariat is addressed in 24 paragraphs of Doc.18.1 (queries/04), some with
    # several verbs, so there are more than 24 mandates.
    assert total >= 24 and len(everything.json()) == total
    assert everything.headers["X-Mea-Truncated"] == "false"
    first = client.get("/api/mandates", params={"addressee": "sec:cms", "limit": 3})
    assert len(first.json()) == 3
    assert first.headers["X-Mea-Truncated"] == "true"
    assert first.headers["X-Total-Count"] == str(total)
    rest = client.get(
        "/api/mandates", params={"addressee": "sec:cms", "limit": 5000, "offset": 3}
    ).json()
    assert first.json() + rest == everything.json()


def test_limit_is_bounded(client):
    assert client.get("/api/overlaps", params={"limit": 0}).status_code == 422
    assert client.get("/api/overlaps", params={"limit": 5001}).status_code == 422
