"""Overlap between two conventions, and overlapping mandates."""

from __future__ import annotations

import pytest

from mea_graph.analysis import convention_overlap, mandate_overlap
from mea_graph.errors import UnknownEntity
from mea_graph.namespaces import PREFIXES
from mea_graph.network._sample import backend_from_turtle, sample_backend


def iri(name: str) -> str:
    prefix, local = name.split(":")
    return PREFIXES[prefix] + local


def test_convention_overlap_by_hand():
    # SAMPLE_TURTLE: A works with x (JWP, event) and y (funds the JWP); B with x (event)
    # and z (member of B's secretariat). A and B are left out of each other's partners.
    # Partners: {x, y} vs {x, z}: shared {x}, Jaccard 1/3. Themes: A's collaborations are
    # on t1 and t2, B's event on t1 and t2: Jaccard 1. No mandates: no addressee, Jaccard 0.
    result = convention_overlap(sample_backend(), "Convention Ä", "agr:b")
    assert (result.a, result.b) == (iri("agr:a"), iri("agr:b"))
    assert result.partners.shared == (iri("orgn:x"),)
    assert (result.partners.only_a, result.partners.only_b) == ((iri("orgn:y"),), (iri("orgn:z"),))
    assert result.partners.jaccard == pytest.approx(1 / 3)
    assert result.themes.shared == (iri("theme:t1"), iri("theme:t2"))
    assert result.themes.jaccard == 1.0
    assert result.addressees.jaccard == 0.0
    assert result.partners.counts == {"shared": 1, "only_a": 1, "only_b": 1}


def test_unknown_convention_is_named():
    with pytest.raises(UnknownEntity, match="'Convention Q'"):
        convention_overlap(sample_backend(), "agr:a", "Convention Q")


def test_shipped_cms_and_cbd(shipped):
    """Annex 1 para. 15 invites the CBD Secretariat, to which CMS's own mandates and the
    CBD SBSTTA decision of para. 45 are both addressed; CMS and CBD both sit in the BLG
    with CITES (para. 22), so CITES is a shared partner."""
    result = convention_overlap(shipped, "cms", "Convention sur la diversite biologique")
    assert iri("sec:cbd") in result.addressees.shared
    assert iri("agr:cites") in result.partners.shared
    assert iri("theme:synergies") in result.themes.shared
    assert 0 < result.partners.jaccard < 1


MANDATES = """
sec:s mea:actorKind kind:secretariat . sec:t mea:actorKind kind:secretariat .
<https://w3id.org/mea-graph/id/decision/d1/para-a> eli:is_part_of dec:d1 .
<https://w3id.org/mea-graph/id/decision/d1/para-b> eli:is_part_of dec:d1 .
<https://w3id.org/mea-graph/id/decision/d2/para-a> eli:is_part_of dec:d2 .
dec:d1 a mea:Decision . dec:d2 a mea:Decision .
mandate:one a mea:Mandate ; mea:addressee sec:s ; dcterms:subject theme:t, theme:u ;
    mea:sourceParagraph <https://w3id.org/mea-graph/id/decision/d1/para-a> .
mandate:two a mea:Mandate ; mea:addressee sec:s ; dcterms:subject theme:t, theme:u ;
    mea:sourceParagraph <https://w3id.org/mea-graph/id/decision/d1/para-b> .
mandate:three a mea:Mandate ; mea:addressee sec:s ; dcterms:subject theme:t ;
    mea:sourceParagraph <https://w3id.org/mea-graph/id/decision/d2/para-a> .
mandate:four a mea:Mandate ; mea:addressee sec:t ; dcterms:subject theme:u ;
    mea:sourceParagraph <https://w3id.org/mea-graph/id/decision/d2/para-a> .
"""


def test_mandate_overlap_by_hand():
    # one & two: same decision d1: left out. one/two & three (d2): theme t, actor s, kind
    # secretariat: 2*1 + 1 + 1 = 4. one/two & four (d2): theme u, kind only: 0 + 1 + 1 = 2.
    # three & four: same decision d2: left out.
    pairs = mandate_overlap(backend_from_turtle(MANDATES))
    found = [
        (p.first.rsplit("/", 1)[1], p.second.rsplit("/", 1)[1], p.score, p.match) for p in pairs
    ]
    assert found == [
        ("one", "three", 4, "same-actor"),
        ("three", "two", 4, "same-actor"),
        ("four", "one", 2, "same-kind"),
        ("four", "two", 2, "same-kind"),
    ]
    assert pairs[0].first_paragraph.endswith("/decision/d1/para-a")
    assert pairs[0].second_paragraph.endswith("/decision/d2/para-a")
    only_u = mandate_overlap(backend_from_turtle(MANDATES), theme=iri("theme:u"))
    assert len(only_u) == 2
    assert len(mandate_overlap(backend_from_turtle(MANDATES), limit=1)) == 1


def test_shipped_decision_13_9_and_draft_14_aa_overlap(shipped):
    """Para. 52 and Annex 2: draft 14.AA carries forward Decision 13.9; both ask the
    Secretariat to work on NGO participation."""
    pairs = mandate_overlap(shipped, theme=iri("theme:ngo-accreditation"))
    match = [
        p
        for p in pairs
        if p.first_paragraph.endswith("/decision/cms-13.9/para-a")
        and p.second_paragraph.endswith("/decision/cms-14.aa/para-a")
    ]
    assert len(match) == 1
    assert match[0].shared_addressees == (iri("sec:cms"),)
    assert match[0].match == "same-actor"
