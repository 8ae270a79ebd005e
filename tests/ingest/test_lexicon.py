"""Verbs, addressees, mentions and themes on short texts."""

from __future__ import annotations

import pytest

from mea_graph.namespaces import ID_BASE


def _codes(extractor, text):
    return [h.code for h in extractor.lexicon.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prie instamment les Parties d'agir;", ["urges"]),
        ("Exhorte les Parties à agir;", ["urges"]),
        ("Demande également au Secrétariat d'agir;", ["requests"]),
        ("Il est demandé au Secrétariat :", ["requests"]),
        ("Le Secrétariat est chargé de :", ["instructs"]),
        ("Les Parties sont invitées à agir.", ["invites"]),
        (
            "Se félicite du rapport et prie en outre le Secrétariat d'agir;",
            ["welcomes", "requests"],
        ),
        ("Prend note du rapport;", ["notes"]),
        (
            "Welcomes the report and further requests the Secretariat to act;",
            ["welcomes", "requests"],
        ),
        ("Also encourages Parties to act;", ["encourages"]),
        ("Calls upon Parties to act;", ["urges"]),
        ("It is requested that the Secretariat act;", ["requests"]),
        ("Le Secrétariat a participé aux réunions et invitait les Parties.", []),
    ],
)
def test_verbs(extractor, text, expected):
    assert _codes(extractor, text) == expected


def _addressees(extractor, text):
    hits = extractor.lexicon.find(text)
    return [a.iri for hit in hits for a in extractor.addressees.find(text, hit, hits)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prie le Secrétaire exécutif d'informer les Parties;", ["secretariat/cms"]),
        (
            "Invite les Secrétariats de la CDB et de la CITES à coopérer;",
            ["secretariat/cbd", "secretariat/cites"],
        ),
        (
            "Demande au Secrétariat, à ses Accords associés dans le cadre des mandats assignés "
            "par les Parties, de coopérer;",
            ["secretariat/cms", "group/cms-agreements"],
        ),
        ("Requests the Standing Committee to review progress;", ["body/cms-standing-committee"]),
        ("Invites the FAO to contribute;", ["org/fao"]),
    ],
)
def test_addressees(extractor, text, expected):
    assert _addressees(extractor, text) == [ID_BASE + e for e in expected]


def _mentions(extractor, text):
    return {m.iri for m in extractor.gazetteer.find(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("avec les bureaux régionaux du PNUE", "org/unep"),  # inflection: du
        ("la participation de la CMS", "agreement/cms"),  # de la
        ("le rôle de l'AEWA", "agreement/aewa"),  # elision
        ("PROGRAMME DES NATIONS UNIES POUR L'ENVIRONNEMENT", "org/unep"),  # case
        ("le Secretariat de la Convention de Ramsar", "secretariat/ramsar"),  # accents
        ("le bureau régional pour l'Europe", "org/unep-roe"),  # unit without its parent
        ("voir UNEP/CMS/COP14/Doc.29.6.1.", "doc/unep-cms-cop14-doc.29.6.1"),
        ("la Résolution 11.10 (Rev.COP13) Synergies", "resolution/cms-11.10-rev-cop13"),
        ("la Décision 13.9 vise", "decision/cms-13.9"),
        ("Resolution 12.25 on coastal habitats", "resolution/cms-12.25"),
        ("les Décisions 13.9 et 13.10.", "decision/cms-13.10"),
    ],
)
def test_mentions(extractor, text, expected):
    assert ID_BASE + expected in _mentions(extractor, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("il a eu lieu au Kenya", "org/african-union"),  # "au" is not AU
        ("UNEP/CMS/COP14/Doc.17", "org/unep"),  # a symbol is not a mention of UNEP
        ("les Secrétariats de ses MdE", "secretariat/cms"),  # plural: not the author
    ],
)
def test_not_mentions(extractor, text, absent):
    assert ID_BASE + absent not in _mentions(extractor, text)


def test_span_points_at_the_text(extractor):
    text = "Le Secrétariat collabore avec le PNUE."
    mention = next(m for m in extractor.gazetteer.find(text) if m.iri == ID_BASE + "org/unep")
    assert text[mention.start : mention.end] == "PNUE"


def test_themes(extractor):
    themes = extractor.themes.find("renforcer les synergies et la pollution lumineuse")
    assert ID_BASE + "theme/synergies" in themes
    assert ID_BASE + "theme/light-pollution" in themes
