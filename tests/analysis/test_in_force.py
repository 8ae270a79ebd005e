"""Instruments in force at a date or meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from mea_graph.analysis import Standing, in_force
from mea_graph.errors import UnknownEntity
from mea_graph.namespaces import PREFIXES
from mea_graph.network._sample import backend_from_turtle


def iri(name: str) -> str:
    prefix, local = name.split(":")
    return PREFIXES[prefix] + local


SMALL = """
mtg:m1 a mea:Meeting ; mea:startDate "2010-05"^^xsd:gYearMonth ; skos:prefLabel "Meeting one"@en .
mtg:m2 a mea:Meeting ; mea:startDate "2015-03-01"^^xsd:date .
mtg:m3 a mea:Meeting ; mea:startDate "2020-06-01"^^xsd:date .
res:old a mea:Resolution ; mea:adoptedAt mtg:m1 .
res:new a mea:Resolution ; mea:adoptedAt mtg:m2 ; eli:repeals res:old .
statement:s a rdf:Statement ; rdf:subject res:new ; rdf:predicate eli:repeals ;
    rdf:object res:old ; prov:wasDerivedFrom d181:para-8 .
res:draft a mea:Resolution ; mea:adoptedAt mtg:m3 ; mea:status status:proposed ;
    dcterms:replaces res:new .
mandate:adopt a mea:RecommendedAction ; mea:actionType action:adopt ; mea:actionTarget res:draft ;
    mea:reportingMeeting mtg:m3 ; mea:sourceParagraph d181:para-9 .
res:gone a mea:Resolution ; mea:status status:repealed .
"""


def test_standings_by_hand():
    backend = backend_from_turtle(SMALL)
    # 2012: old adopted (2010-05), new not yet (2015), draft only proposed.
    early = in_force(backend, "2012-01-01")
    assert early.get(iri("res:old")).standing is Standing.IN_FORCE
    assert early.get(iri("res:new")).standing is Standing.NOT_YET_ADOPTED
    assert early.get(iri("res:draft")).standing is Standing.PROPOSED
    gone = early.get(iri("res:gone"))
    assert gone.standing is Standing.REPEALED and "not recorded" in gone.reason
    # 2016: new repeals old, citing para. 8.
    later = in_force(backend, dt.date(2016, 1, 1))
    old = later.get(iri("res:old"))
    assert old.standing is Standing.REPEALED
    assert old.evidence == (iri("d181:para-8"),) and "res:new" in old.reason
    # At m3 the draft is still only proposed...
    at_m3 = in_force(backend, "mtg:m3")
    assert at_m3.date == "2020-06-01" and at_m3.meeting == iri("mtg:m3")
    assert at_m3.get(iri("res:draft")).standing is Standing.PROPOSED
    assert at_m3.get(iri("res:new")).in_force
    # ...unless the recommendations addressed to m3 apply: adopted, and it replaces new.
    applied = in_force(backend, "mtg:m3", apply_recommendations=True)
    assert applied.get(iri("res:draft")).in_force
    new = applied.get(iri("res:new"))
    assert new.standing is Standing.REPLACED and new.evidence == (iri("d181:para-9"),)
    assert {s.iri for s in applied.in_force} == {iri("res:draft")}


def test_meeting_by_label_and_unknown_meeting():
    backend = backend_from_turtle(SMALL)
    assert in_force(backend, "meeting ONE").date == "2010-05-01"
    with pytest.raises(UnknownEntity, match="'mtg:nowhere'"):
        in_force(backend, "mtg:nowhere")


def test_shipped_once_cop14_recommendations_apply(shipped):
    """Para. 52: adopt Res. 11.10 (Rev.COP14) and draft decisions 14.AA and 14.BB, delete
    Decisions 13.9 and 13.10, at COP14."""
    result = in_force(shipped, "mtg:cms-cop14", apply_recommendations=True)
    decision_13_9 = result.get(iri("dec:cms-13.9"))
    assert decision_13_9.standing is Standing.DELETED
    assert decision_13_9.evidence == (iri("d181:para-52-c"),)
    assert result.get(iri("dec:cms-13.10")).standing is Standing.DELETED
    assert result.get(iri("dec:cms-14.aa")).in_force
    assert result.get(iri("dec:cms-14.bb")).in_force
    assert result.get(iri("res:cms-11.10-rev-cop14")).in_force
    assert result.get(iri("res:cms-11.10-rev-cop13")).standing is Standing.REPLACED


def test_shipped_before_cop14_decisions_apply(shipped):
    """Without applying para. 52, 13.9 (adopted at COP13) stays in force and 14.AA is only
    proposed; Res. 11.10 (Rev.COP13) repealed 7.9, 8.11, 9.6, 10.21 and 11.11 (Annex 1
    para. 29)."""
    result = in_force(shipped, "cms-cop14")
    assert result.get(iri("dec:cms-13.9")).in_force
    assert "recommended for deletion" in result.get(iri("dec:cms-13.9")).reason
    assert result.get(iri("dec:cms-14.aa")).standing is Standing.PROPOSED
    for number in ("7.9", "8.11", "9.6", "10.21", "11.11"):
        standing = result.get(iri(f"res:cms-{number}"))
        assert standing.standing is Standing.REPEALED
        assert standing.evidence == (iri("r1110:para-29"),)
    # COP13 opened in February 2020: in 2019, Decision 13.9 did not exist yet.
    assert in_force(shipped, "2019-06-01").get(iri("dec:cms-13.9")).standing is (
        Standing.NOT_YET_ADOPTED
    )
