"""GET /api/overlaps: two instruments asking the same (kind of) actor on the same theme."""

from __future__ import annotations

import pytest


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


def _brute_force_with(mandates, theme=None, convention=None):
    """The oracle, with the convention filter: one side of the pair is related to it."""
    pairs = _brute_force(mandates, theme)
    if convention is None:
        return pairs
    related = {m.mandate.iri for m in mandates if convention in {c.iri for c in m.conventions}}
    return [(a, b) for a, b in pairs if a in related or b in related]


def _check_against_brute_force(backend, theme=None, convention=None):
    from mea_graph.synergy.mandates import find_mandates
    from mea_graph.synergy.overlaps import DECLARATIVE_VERBS, find_overlaps, overlaps_page

    mandates = [
        m
        for m in find_mandates(backend, theme=theme)
        if not (m.verb and m.verb.iri in DECLARATIVE_VERBS)
    ]
    expected = _brute_force_with(mandates, theme, convention)
    whole = find_overlaps(backend, theme=theme, convention=convention)
    assert [(o.first.mandate.iri, o.second.mandate.iri) for o in whole] == expected
    size = len(whole)
    for offset, limit in [(0, 1), (1, 2), (2, 7), (size - 1, 3), (size, 2), (size + 4, 2)]:
        offset = max(offset, 0)
        total, page = overlaps_page(
            backend, theme=theme, convention=convention, offset=offset, limit=limit
        )
        assert total == size
        assert page == whole[offset : offset + limit]
    return expected


def test_pages_and_counts_match_brute_force_on_the_shipped_data(backend, iri):
    for theme, convention in [
        (None, None),
        (iri("theme:ngo-accreditation"), None),
        (None, iri("agr:cms")),
        (iri("theme:indigenous-local-youth-engagement"), iri("agr:cms")),
    ]:
        assert _check_against_brute_force(backend, theme, convention)


def test_pages_through_the_api(client):
    everything = client.get("/api/overlaps", params={"limit": 5000})
    total = int(everything.headers["X-Total-Count"])
    assert total == len(everything.json()) > 4
    first = client.get("/api/overlaps", params={"limit": 4})
    assert first.headers["X-Total-Count"] == str(total)
    assert first.headers["X-Mea-Truncated"] == "true"
    rest = client.get("/api/overlaps", params={"limit": 5000, "offset": 4})
    assert rest.headers["X-Mea-Truncated"] == "false"
    assert first.json() + rest.json() == everything.json()
    beyond = client.get("/api/overlaps", params={"offset": total + 10})
    assert beyond.json() == [] and beyond.headers["X-Total-Count"] == str(total)


def _random_mandates(seed: int) -> str:
    """Turtle for ~40 mandates with random instruments, conventions, themes (one narrower
    than another), verbs (some declarative), addressees and kinds, including an actor whose
    IRI is also an actor kind, and mandates without an instrument or without addressees."""
    import random

    pick = random.Random(seed)
    lines = [
        "theme:narrow skos:broader theme:broad .",
        "kind:k1 skos:inScheme scheme:actor-kind . kind:k2 skos:inScheme scheme:actor-kind .",
        "orgn:a mea:actorKind kind:k1 . orgn:b mea:actorKind kind:k1, kind:k2 .",
        "orgn:c mea:actorKind kind:k2 . kind:k1 mea:actorKind kind:k2 .",
    ]
    for d in range(6):
        lines.append(f"dec:d{d} a mea:Decision .")
    for i in range(40):
        para = f"d181:para-r{i}"
        decision = pick.choice([*range(6), None])
        if decision is not None:
            lines.append(
                f"{para} eli:is_part_of dec:d{decision} ; mea:order {pick.randint(1, 5)} ."
            )
        facts = [f"mea:sourceParagraph {para}"]
        for predicate, choices, most in [
            ("mea:relatedAgreement", ["agr:x", "agr:y"], 2),
            ("dcterms:subject", ["theme:broad", "theme:narrow", "theme:other"], 2),
            ("mea:operativeVerb", ["verb:requests", "verb:notes", "verb:urges"], 2),
            ("mea:addressee", ["orgn:a", "orgn:b", "orgn:c", "orgn:d", "kind:k1"], 2),
        ]:
            for value in pick.sample(choices, pick.randint(0, most)):
                facts.append(f"{predicate} {value}")
        lines.append(f"mandate:r{i} a mea:Mandate ; " + " ; ".join(facts) + " .")
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(6))
def test_random_mandates_match_brute_force(seed):
    from mea_graph.namespaces import PREFIXES
    from mea_graph.network._sample import backend_from_turtle

    backend = backend_from_turtle(_random_mandates(seed))
    broad, other = PREFIXES["theme"] + "broad", PREFIXES["theme"] + "other"
    agreement = PREFIXES["agr"] + "x"
    found = 0
    for theme, convention in [(None, None), (broad, None), (other, agreement), (None, agreement)]:
        found += len(_check_against_brute_force(backend, theme, convention))
    assert found  # the random data has overlaps
