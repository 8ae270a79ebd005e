"""A relation stated by a paragraph cites that very paragraph."""

from __future__ import annotations


def test_a_paragraph_is_its_own_evidence(client, iri):
    # Annex 1 paragraph 13 of the proposed Resolution 11.10 names UNDP ("le Programme des
    # Nations unies pour le développement"): the evidence is paragraph 13, not its annex.
    entity = client.get("/api/entities/orgn:undp").json()
    references = [
        r
        for r in entity["incoming"]
        if r["other"]["iri"] == iri("r1110:para-13")
        and r["predicate"]["id"] == "dcterms:references"
    ]
    assert references, "paragraph 13 should reference UNDP"
    cited = {e["paragraph"] for e in references[0]["evidence"]}
    assert cited == {iri("r1110:para-13")}
    assert "développement" in references[0]["evidence"][0]["text"]
