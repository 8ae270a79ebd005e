"""Segmentation of plain text pulled from a PDF."""

from __future__ import annotations

import pytest

from mea_graph.errors import IngestError
from mea_graph.ingest.segment import segment

OPENERS = ("rappelant", "recalling", "consciente", "noting")


def test_seed_structure(seed):
    # counted by hand in the source: report paragraphs 1-52 with 52 a) to c), 21 preambular
    # paragraphs and paragraphs 1-29 plus 8bis in Annex 1, 14.AA (items a-c) and 14.BB
    by = {}
    for p in seed.paragraphs:
        by.setdefault((p.section, p.segment.role), []).append(p.number)
    assert by[("body", "numbered")] == [str(n) for n in range(1, 53)]
    assert by[("body", "item")] == ["52 a)", "52 b)", "52 c)"]
    assert len(by[("annex 1", "preamble")]) == 21
    assert by[("annex 1", "numbered")] == [str(n) for n in range(1, 9)] + ["8bis"] + [
        str(n) for n in range(9, 30)
    ]
    assert by[("annex 2", "numbered")] == ["14.AA", "14.BB"]
    assert by[("annex 2", "item")] == ["14.AA a)", "14.AA b)", "14.AA c)"]


def test_seed_artefacts(seed):
    text = {(p.section, p.number): p.segment.text for p in seed.paragraphs}
    # number split from its first line by a blank line
    assert text[("body", "1")].startswith("La Conférence des Parties, lors de sa 13e réunion")
    assert "a réaffirmé l'importance de l'engagement" in text[("body", "1")]
    # link targets on their own lines are dropped, the sentence is joined up
    assert "l'inclusion des dispositions et obligations" in text[("body", "5")]
    assert "https://" not in text[("body", "5")]
    # page footer (symbol and page number) between the two halves of paragraph 40
    assert "ainsi que de leur contribution à divers processus" in text[("body", "40")]
    # bulleted sub-items stay in their paragraph
    assert text[("body", "15")].count("−") == 5
    # a preambular paragraph whose continuation follows a comma at a line end
    assert text[("annex 1", "PP3")].endswith(
        "aider considérablement les Parties à mettre en œuvre la Convention,"
    )


def test_headings_and_kinds(seed):
    para = {(p.section, p.number): p for p in seed.paragraphs}
    assert para[("body", "4")].segment.heading == "Agenda 2030 pour le développement durable"
    assert para[("annex 1", "1")].segment.heading.startswith("La Conférence des Parties à la")
    assert para[("body", "3")].kind == "narrative"
    assert para[("body", "52")].kind == "operative"
    assert para[("annex 1", "PP1")].kind == "preambular"
    assert para[("annex 2", "14.BB")].kind == "operative"


def test_small_document():
    text = "1. One:\n\na) first;\nb) second.\n\n2. Two.\nUNEP/X/Y/Doc.1\n7\n3. Three."
    document = segment(text, openers=OPENERS)
    assert document.symbol == "UNEP/X/Y/Doc.1"
    assert [s.label for s in document.segments] == ["1", "1 a)", "1 b)", "2", "3"]


def test_numbers_out_of_sequence_are_text():
    # "2 mars" (no full stop) and "11.11" inside a sentence do not start paragraphs
    text = "1. Adopted on\n2 mars 2022 and\n11.11 Renforcement, as said.\n2. Next."
    document = segment(text)
    assert [s.number for s in document.segments] == ["1", "2"]
    assert "11.11 Renforcement" in document.segments[0].text


@pytest.mark.parametrize("text", ["Just prose.\nNo numbers here.", "Résumé:\n\n(a) x"])
def test_no_numbered_paragraphs(text):
    with pytest.raises(IngestError, match="no numbered paragraphs"):
        segment(text)
