"""GET /api/overlaps: two instruments asking the same (kind of) actor on the same theme."""

from __future__ import annotations


def _pairs(overlaps):
    return {(o["first"]["mandate"]["id"], o["second"]["mandate"]["id"]) for o in overlaps}


def test_decision_13_9_and_draft_14_aa_ask_the_secretariat_the_same_thing(client):
    # Decision 13.9 a) (quoted in paragraph 2) and draft decision 14.AA a) (Annex 2) both ask
    # the Secretariat to set up an intersessional working group on NGO accreditation.
    overlaps = client.get("/api/overlaps").json()
    pair = [
        o
        for o in overlaps
        if {o["first"]["mandate"]["id"], o["second"]["mandate"]["id"]}
        == {"mandate:cms-13.9-para-13.9-a-instructs", "mandate:cms-14.aa-para-14.aa-a-requests"}
    ]
    assert len(pair) == 1
    (overlap,) = pair
    assert [a["id"] for a in overlap["same_addressees"]] == ["sec:cms"]
    assert "theme:ngo-accreditation" in {t["id"] for t in overlap["themes"]}
    for side in ("first", "second"):
        (evidence,) = overlap[side]["evidence"]
        assert "groupe de travail intersessions" in evidence["text"]


def test_every_pair_is_a_real_overlap(client):
    overlaps = client.get("/api/overlaps").json()
    assert len(overlaps) >= 3
    for o in overlaps:
        first, second = o["first"], o["second"]
        assert (
            first["instrument"] != second["instrument"]
            or first["conventions"] != second["conventions"]
        )
        assert o["themes"] and (o["same_addressees"] or o["same_kinds"])
        assert {t["id"] for t in o["themes"]} <= {t["id"] for t in first["themes"]}
        assert {t["id"] for t in o["themes"]} <= {t["id"] for t in second["themes"]}
        assert first["evidence"][0]["text"] and second["evidence"][0]["text"]
        # "notes", "welcomes"… ask nobody to work
        assert first["verb"]["id"] not in {"verb:notes", "verb:welcomes", "verb:recognizes"}


def test_theme_filter(client):
    # Decision 13.9 c) and draft decision 14.AA c): both ask the Secretariat to explore ways
    # of increasing the participation of indigenous peoples, youth and local communities.
    overlaps = client.get(
        "/api/overlaps", params={"theme": "theme:indigenous-local-youth-engagement"}
    ).json()
    assert (
        "mandate:cms-13.9-para-13.9-c-instructs",
        "mandate:cms-14.aa-para-14.aa-c-requests",
    ) in (_pairs(overlaps))
    assert all(
        "theme:indigenous-local-youth-engagement" in {t["id"] for t in o["themes"]}
        for o in overlaps
    )


def test_convention_filter(client):
    # The only CBD mandate in the document (paragraph 45, SBSTTA-25) has no counterpart.
    assert client.get("/api/overlaps", params={"convention": "agr:cbd"}).json() == []
    assert client.get("/api/overlaps", params={"convention": "agr:cms"}).json()
    assert client.get("/api/overlaps", params={"theme": "theme:nothing"}).status_code == 404


def _brute_force(mandates, theme=None):
    """Every pair, checked against the definition, with no grouping (the oracle)."""
    from itertools import combinations

    def ids(refs):
        return {r.iri for r in refs}

    pairs = []
    for first, second in combinations(mandates, 2):
        if first.instrument == second.instrument and ids(first.conventions) == ids(
            second.conventions
        ):
            continue
        shared_themes = ids(first.themes) & ids(second.themes)
        actors = ids([a.entity for a in first.addressees]) & ids(
            [a.entity for a in second.addressees]
        )
        kinds = {k.iri for a in first.addressees for k in a.kinds} & {
            k.iri for a in second.addressees for k in a.kinds
        }
        if (shared_themes or theme) and (actors or kinds):
            pairs.append((first.mandate.iri, second.mandate.iri))
    return pairs


def test_grouped_search_finds_exactly_the_brute_force_pairs(backend, iri):
    from mea_graph.synergy.mandates import find_mandates
    from mea_graph.synergy.overlaps import DECLARATIVE_VERBS, find_overlaps

    for theme in (None, iri("theme:ngo-accreditation")):
        mandates = [
            m
            for m in find_mandates(backend, theme=theme)
            if not (m.verb and m.verb.iri in DECLARATIVE_VERBS)
        ]
        expected = _brute_force(mandates, theme)
        got = [
            (o.first.mandate.iri, o.second.mandate.iri) for o in find_overlaps(backend, theme=theme)
        ]
        assert got == expected
        assert expected  # the shipped data has overlapping mandates on both filters
