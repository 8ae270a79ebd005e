"""Synthetic MEA graphs in mea-graph's own ontology, for benchmarks at 100k to 5M triples.

The generator is deterministic (the same seed and size give byte-identical output),
streams its output (memory grows with the number of conventions and meetings, not with
the number of triples) and writes the number of triples asked for (exactly, save for a
rare overshoot of a few triples when the last instrument does not fit). Every IRI
lives under ``https://w3id.org/mea-graph/id/synthetic/``; the only curated IRIs it uses
are the concepts of ``data/vocabularies.ttl`` and ``data/themes.ttl``, which it reads and
never redefines. The output conforms to ``shapes/mea-shapes.ttl`` when validated with
``ontology/*.ttl`` and those two vocabulary files (see :func:`validate_file`).

What it writes, in the patterns of ``docs/modelling.md``: about 40 agreements with their
secretariats, governing bodies (COP or MOP), scientific councils and dated meetings;
resolutions and decisions with numbers, revisions, statuses and lineage chains
(``eli:amends`` and ``dcterms:replaces`` for revisions, ``eli:repeals``,
``dcterms:replaces`` between decisions), each described by an ``rdf:Statement`` citing
its paragraph; ten ``mea:Paragraph``s per instrument with French text; ``mea:Mandate``s
with a verb, one or more addressees and one or more themes; about 500 organisations
whose partner degrees follow a power law; collaborations of several kinds with
``org:hasMember`` and ``prov:wasDerivedFrom``; memberships and participations.

>>> import io
>>> out = io.StringIO()
>>> summary = generate(out, triples=3000, seed=7)
>>> summary.triples, len(out.getvalue().splitlines())
(3000, 3000)
>>> out.getvalue().count("<https://w3id.org/mea-graph/ontology#Mandate> .") > 0
True
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
import rdflib

from mea_graph.errors import MeaGraphError
from mea_graph.layout import Layout
from mea_graph.namespaces import GRAPH_BASE, ID_BASE, PREFIXES
from mea_graph.sources import read_turtle_file
from mea_graph.validation import ValidationReport, load_shapes, validate

__all__ = [
    "MIN_TRIPLES",
    "SYNTHETIC_BASE",
    "Concept",
    "DegreeSummary",
    "GenerationSummary",
    "Vocabularies",
    "generate",
    "main",
    "validate_file",
    "write_file",
]

SYNTHETIC_BASE = ID_BASE + "synthetic/"
GRAPH_PREFIX = GRAPH_BASE + "synthetic/"
MIN_TRIPLES = 3000
"""Below this the fixed part (agreements, bodies, organisations) does not fit."""

FULL_SCALE = 100_000  # from this size on: 40 agreements and 500 organisations
COST_GUESS = 230  # triples per instrument with its paragraphs and mandates, before measuring
MEETING_COST = 18  # a meeting and its outcome document
REFERENCE_DATE = date(2025, 1, 1)  # statuses are as of this date; later meetings are upcoming


def _curie(name: str) -> str:
    prefix, local = name.split(":", 1)
    return f"<{PREFIXES[prefix]}{local}>"


def _term(name: str) -> str:
    """A bracketed IRI: ``mea:Mandate``, or a path under ``id/`` such as ``verb/requests``."""
    return _curie(name) if ":" in name else f"<{ID_BASE}{name}>"


A = _curie("rdf:type")
PREF = _curie("skos:prefLabel")
ALT = _curie("skos:altLabel")
XSD = PREFIXES["xsd"]


# --- vocabularies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of the project's vocabularies: its IRI and English and French labels."""

    iri: str
    en: str
    fr: str

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def ref(self) -> str:
        """The IRI in N-Triples form, ``<…>``."""
        return f"<{self.iri}>"


@dataclass(frozen=True)
class Vocabularies:
    """The themes and operative verbs that synthetic mandates use, read from the project."""

    themes: tuple[Concept, ...]
    verbs: tuple[Concept, ...]

    @classmethod
    def load(cls, layout: Layout | None = None) -> Vocabularies:
        """Read ``data/themes.ttl`` and ``data/vocabularies.ttl``.

        Raises ``MeaGraphError`` naming the file if a concept the generator needs is missing.

        >>> vocabularies = Vocabularies.load()
        >>> "requests" in [v.slug for v in vocabularies.verbs]
        True
        """
        layout = layout or Layout.discover()
        paths = [layout.data_dir / "vocabularies.ttl", layout.data_dir / "themes.ttl"]
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        schemes: dict[str, str] = {}
        for path in paths:
            if not path.is_file():
                raise MeaGraphError(f"{path}: vocabulary file not found")
            for quad in read_turtle_file(path, graph="urn:mea-graph:vocabularies"):
                subject, predicate, value = quad.subject, quad.predicate.value, quad.object
                if not isinstance(subject, ox.NamedNode):
                    continue
                if predicate == PREFIXES["skos"] + "inScheme":
                    schemes[subject.value] = value.value
                elif predicate == PREFIXES["skos"] + "prefLabel" and isinstance(value, ox.Literal):
                    labels[subject.value][value.language or ""] = value.value

        def concepts(scheme: str) -> tuple[Concept, ...]:
            found = sorted(s for s, sc in schemes.items() if sc == ID_BASE + "scheme/" + scheme)
            return tuple(
                Concept(s, labels[s].get("en", ""), labels[s].get("fr", "")) for s in found
            )

        missing = sorted(iri for iri in _REQUIRED_CONCEPTS if ID_BASE + iri not in schemes)
        if missing:
            raise MeaGraphError(
                f"{paths[0]}: the generator needs these concepts, which are not defined: "
                + ", ".join(missing)
            )
        themes, verbs = concepts("theme"), concepts("verb")
        for scheme, found, path in (("theme", themes, paths[1]), ("verb", verbs, paths[0])):
            if len(found) < 3:
                raise MeaGraphError(f"{path}: fewer than 3 concepts in scheme:{scheme}")
        return cls(themes=themes, verbs=verbs)


_KINDS = [
    "secretariat",
    "governing-body",
    "subsidiary-body",
    "parties",
    "ngo",
    "igo",
    "un-entity",
    "government",
    "regional-organization",
    "private-sector",
    "local-government-network",
    "youth-network",
    "financial-institution",
    "stakeholders",
    "indigenous-peoples-and-local-communities",
]
_REQUIRED_CONCEPTS = (
    [f"actor-kind/{k}" for k in _KINDS]
    + [
        f"status/{s}"
        for s in ["in-force", "proposed", "repealed", "superseded", "deleted", "to-be-deleted"]
    ]
    + ["paragraph-kind/operative", "paragraph-kind/preambular", "change/amended"]
)
_VERB_WEIGHTS = {
    "requests": 20,
    "encourages": 14,
    "invites": 12,
    "urges": 8,
    "decides": 8,
    "instructs": 6,
    "recommends": 5,
    "welcomes": 4,
    "notes": 3,
    "recognizes": 3,
    "emphasizes": 2,
    "recalls": 2,
}

# --- names ---------------------------------------------------------------------------------

_TOPICS = [
    ("Migratory Seabirds", "des oiseaux de mer migrateurs"),
    ("Coral Reefs", "des récifs coralliens"),
    ("Mountain Ecosystems", "des écosystèmes de montagne"),
    ("Arid Lands", "des terres arides"),
    ("Tropical Forests", "des forêts tropicales"),
    ("Freshwater Fishes", "des poissons d'eau douce"),
    ("Marine Mammals", "des mammifères marins"),
    ("Polar Habitats", "des habitats polaires"),
    ("Grassland Birds", "des oiseaux des prairies"),
    ("Mangroves", "des mangroves"),
    ("Peatlands", "des tourbières"),
    ("Sea Turtles", "des tortues marines"),
    ("Bats", "des chauves-souris"),
    ("Raptors", "des rapaces"),
    ("Sharks and Rays", "des requins et des raies"),
    ("Large Carnivores", "des grands carnivores"),
    ("Pollinators", "des pollinisateurs"),
    ("Transboundary Rivers", "des fleuves transfrontières"),
    ("Regional Seas", "des mers régionales"),
    ("Wetland Flyways", "des voies de migration des zones humides"),
    ("Desert Antelopes", "des antilopes du désert"),
    ("Great Apes", "des grands singes"),
    ("Island Biodiversity", "de la biodiversité insulaire"),
    ("Deep-Sea Ecosystems", "des écosystèmes des grands fonds"),
    ("Alpine Flora", "de la flore alpine"),
    ("Migratory Ungulates", "des ongulés migrateurs"),
    ("Cetaceans", "des cétacés"),
    ("Savanna Ecosystems", "des écosystèmes de savane"),
    ("Boreal Forests", "des forêts boréales"),
    ("Kelp Forests", "des forêts de varech"),
    ("Estuaries", "des estuaires"),
    ("Steppe Ecosystems", "des écosystèmes de steppe"),
    ("Amphibians", "des amphibiens"),
    ("Songbirds", "des passereaux chanteurs"),
    ("Seagrass Meadows", "des herbiers marins"),
    ("Cave Ecosystems", "des écosystèmes souterrains"),
    ("Migratory Insects", "des insectes migrateurs"),
    ("Lake Basins", "des bassins lacustres"),
    ("Coastal Dunes", "des dunes côtières"),
    ("Cloud Forests", "des forêts de nuages"),
    ("Wild Crop Relatives", "des espèces sauvages apparentées aux plantes cultivées"),
    ("Soil Biodiversity", "de la biodiversité des sols"),
]
# class, English and French name patterns, governing body code ({t}: topic)
_AGREEMENT_KINDS = {
    "Convention": (
        "Convention on the Conservation of {t}",
        "Convention sur la conservation {t}",
        "COP",
    ),
    "Protocol": ("Protocol on {t}", "Protocole relatif à la conservation {t}", "MOP"),
    "SpeciesAgreement": (
        "Agreement on the Conservation of {t}",
        "Accord sur la conservation {t}",
        "MOP",
    ),
    "MemorandumOfUnderstanding": (
        "Memorandum of Understanding on {t}",
        "Mémorandum d'entente sur la conservation {t}",
        "MOP",
    ),
}
_AGREEMENT_CYCLE = ["Convention"] * 5 + [
    "Protocol",
    "SpeciesAgreement",
    "MemorandumOfUnderstanding",
]

_SCOPES = [  # English, French masculine, French feminine
    ("Global", "mondial", "mondiale"),
    ("International", "international", "internationale"),
    ("African", "africain", "africaine"),
    ("Asian", "asiatique", "asiatique"),
    ("European", "européen", "européenne"),
    ("Andean", "andin", "andine"),
    ("Arctic", "arctique", "arctique"),
    ("Caribbean", "caribéen", "caribéenne"),
    ("Mediterranean", "méditerranéen", "méditerranéenne"),
    ("Nordic", "nordique", "nordique"),
    ("Sahelian", "sahélien", "sahélienne"),
    ("Amazonian", "amazonien", "amazonienne"),
    ("Pacific", "pacifique", "pacifique"),
    ("Alpine", "alpin", "alpine"),
    ("Southern", "austral", "australe"),
    ("Atlantic", "atlantique", "atlantique"),
]
_CORES = [
    ("Wetland", "pour les zones humides"),
    ("Wildlife", "pour la faune sauvage"),
    ("Ocean", "pour l'océan"),
    ("Forest", "pour les forêts"),
    ("Bird", "pour les oiseaux"),
    ("River", "pour les rivières"),
    ("Nature", "pour la nature"),
    ("Biodiversity", "pour la biodiversité"),
    ("Climate", "pour le climat"),
    ("Coastal", "pour le littoral"),
    ("Mountain", "pour la montagne"),
    ("Species", "pour les espèces"),
    ("Habitat", "pour les habitats"),
    ("Marine", "pour le milieu marin"),
    ("Savanna", "pour la savane"),
    ("Reef", "pour les récifs"),
    ("Migratory Species", "pour les espèces migratrices"),
    ("Desert", "pour les déserts"),
    ("Polar", "pour les régions polaires"),
    ("Island", "pour les îles"),
]
# organisation kinds: class, actor kind, weight, [(English type, French type, gender)]
_ORG_KINDS = [
    (
        "NonGovernmentalOrganization",
        "ngo",
        45,
        [
            ("Trust", "Fondation", "f"),
            ("Network", "Réseau", "m"),
            ("Alliance", "Alliance", "f"),
            ("Fund", "Fonds", "m"),
            ("Society", "Société", "f"),
            ("Council", "Conseil", "m"),
            ("Institute", "Institut", "m"),
            ("Centre", "Centre", "m"),
            ("Federation", "Fédération", "f"),
            ("Association", "Association", "f"),
            ("Coalition", "Coalition", "f"),
            ("Foundation", "Fondation", "f"),
        ],
    ),
    (
        "IntergovernmentalOrganization",
        "igo",
        10,
        [
            ("Commission", "Commission", "f"),
            ("Organization", "Organisation", "f"),
            ("Agency", "Agence", "f"),
            ("Authority", "Autorité", "f"),
        ],
    ),
    (
        "RegionalOrganization",
        "regional-organization",
        6,
        [("Community", "Communauté", "f"), ("Union", "Union", "f")],
    ),
    (
        "IntergovernmentalOrganization",
        "financial-institution",
        2,
        [("Development Bank", "Banque de développement", "f"), ("Facility", "Mécanisme", "m")],
    ),
    (
        "NonGovernmentalOrganization",
        "private-sector",
        7,
        [
            ("Group", "Groupe", "m"),
            ("Corporation", "Société", "f"),
            ("Partners", "Consortium", "m"),
        ],
    ),
    (
        "LocalGovernmentNetwork",
        "local-government-network",
        2,
        [("Cities Network", "Réseau des villes", "m")],
    ),
    ("YouthNetwork", "youth-network", 2, [("Youth Network", "Réseau de jeunes", "m")]),
]
_UN_TYPES = [("Programme", "Programme"), ("Office", "Bureau"), ("Fund", "Fonds")]
_REGIONS = [
    ("Africa", "pour l'Afrique"),
    ("Europe", "pour l'Europe"),
    ("Asia and the Pacific", "pour l'Asie et le Pacifique"),
    ("Latin America and the Caribbean", "pour l'Amérique latine et les Caraïbes"),
    ("West Asia", "pour l'Asie occidentale"),
    ("North America", "pour l'Amérique du Nord"),
]
_COUNTRIES = [  # English, French with its preposition ("du", "de la", "de l'", "des")
    ("Kenya", "du Kenya"),
    ("Brazil", "du Brésil"),
    ("India", "de l'Inde"),
    ("Germany", "de l'Allemagne"),
    ("France", "de la France"),
    ("Senegal", "du Sénégal"),
    ("Peru", "du Pérou"),
    ("Norway", "de la Norvège"),
    ("Australia", "de l'Australie"),
    ("Chile", "du Chili"),
    ("Kazakhstan", "du Kazakhstan"),
    ("Morocco", "du Maroc"),
    ("Philippines", "des Philippines"),
    ("Ecuador", "de l'Équateur"),
    ("Ghana", "du Ghana"),
    ("Mongolia", "de la Mongolie"),
    ("Costa Rica", "du Costa Rica"),
    ("Fiji", "des Fidji"),
    ("Uganda", "de l'Ouganda"),
    ("Switzerland", "de la Suisse"),
    ("Japan", "du Japon"),
    ("Mexico", "du Mexique"),
    ("Egypt", "de l'Égypte"),
    ("Colombia", "de la Colombie"),
    ("South Africa", "de l'Afrique du Sud"),
    ("Indonesia", "de l'Indonésie"),
    ("Madagascar", "de Madagascar"),
    ("Canada", "du Canada"),
    ("Tunisia", "de la Tunisie"),
    ("Bolivia", "de la Bolivie"),
    ("Georgia", "de la Géorgie"),
    ("Nepal", "du Népal"),
    ("Cameroon", "du Cameroun"),
    ("Sweden", "de la Suède"),
    ("Viet Nam", "du Viet Nam"),
    ("Argentina", "de l'Argentine"),
    ("Côte d'Ivoire", "de la Côte d'Ivoire"),
    ("United Arab Emirates", "des Émirats arabes unis"),
    ("Samoa", "du Samoa"),
    ("Uzbekistan", "de l'Ouzbékistan"),
]
_CITIES = [  # city English, French, country English, French
    ("Geneva", "Genève", "Switzerland", "Suisse"),
    ("Nairobi", "Nairobi", "Kenya", "Kenya"),
    ("Bonn", "Bonn", "Germany", "Allemagne"),
    ("Montreal", "Montréal", "Canada", "Canada"),
    ("Cape Town", "Le Cap", "South Africa", "Afrique du Sud"),
    ("Quito", "Quito", "Ecuador", "Équateur"),
    ("Manila", "Manille", "Philippines", "Philippines"),
    ("Samarkand", "Samarcande", "Uzbekistan", "Ouzbékistan"),
    ("Gandhinagar", "Gandhinagar", "India", "Inde"),
    ("Dakar", "Dakar", "Senegal", "Sénégal"),
    ("Lima", "Lima", "Peru", "Pérou"),
    ("Bergen", "Bergen", "Norway", "Norvège"),
    ("Marrakesh", "Marrakech", "Morocco", "Maroc"),
    ("Ulaanbaatar", "Oulan-Bator", "Mongolia", "Mongolie"),
    ("Nadi", "Nadi", "Fiji", "Fidji"),
    ("Kampala", "Kampala", "Uganda", "Ouganda"),
    ("Cancún", "Cancún", "Mexico", "Mexique"),
    ("Sharm El-Sheikh", "Charm el-Cheikh", "Egypt", "Égypte"),
    ("Cartagena", "Carthagène", "Colombia", "Colombie"),
    ("Bali", "Bali", "Indonesia", "Indonésie"),
]
_GROUPS = [  # slug, English, French, French with article, actor kind
    (
        "ngos",
        "Non-governmental organisations",
        "Organisations non gouvernementales",
        "les organisations non gouvernementales",
        "ngo",
    ),
    (
        "igos",
        "Intergovernmental organisations",
        "Organisations intergouvernementales",
        "les organisations intergouvernementales",
        "igo",
    ),
    ("private-sector", "Private sector", "Secteur privé", "le secteur privé", "private-sector"),
    (
        "iplcs",
        "Indigenous peoples and local communities",
        "Peuples autochtones et communautés locales",
        "les peuples autochtones et les communautés locales",
        "indigenous-peoples-and-local-communities",
    ),
    (
        "youth",
        "Youth organisations",
        "Organisations de jeunes",
        "les organisations de jeunes",
        "youth-network",
    ),
    ("stakeholders", "Stakeholders", "Parties prenantes", "les parties prenantes", "stakeholders"),
]
# collaboration classes: weight, English and French kind names
_COLLABORATION_KINDS = [
    ("Partnership", 30, "Partnership", "Partenariat"),
    ("JointWorkProgramme", 12, "Joint Work Programme", "Programme de travail conjoint"),
    ("MemorandumOfCooperation", 12, "Memorandum of Cooperation", "Mémorandum de coopération"),
    ("WorkingGroup", 10, "Working Group", "Groupe de travail"),
    ("TaskForce", 8, "Task Force", "Équipe spéciale"),
    ("Project", 8, "Project", "Projet"),
    ("JointEvent", 6, "Joint side event", "Événement parallèle conjoint"),
    (
        "ProjectCooperationAgreement",
        5,
        "Project Cooperation Agreement",
        "Accord de coopération de projet",
    ),
    ("Programme", 4, "Programme", "Programme"),
    ("LiaisonGroup", 3, "Liaison Group", "Groupe de liaison"),
    ("CoordinationMechanism", 3, "Coordination Mechanism", "Mécanisme de coordination"),
    ("Campaign", 3, "Campaign", "Campagne"),
    ("Platform", 3, "Platform", "Plateforme"),
]
_INITIATIVES = {"Project", "Programme", "Campaign", "Platform"}  # under id/initiative/
_TITLES = [
    ("Cooperation on {t}", "Coopération en matière {de}{t}"),
    ("Strengthening action on {t}", "Renforcement de l'action en matière {de}{t}"),
    ("Implementation of measures on {t}", "Mise en œuvre des mesures en matière {de}{t}"),
    ("Guidelines on {t}", "Lignes directrices en matière {de}{t}"),
]
_PREAMBLES = [
    "Rappelant les travaux menés au titre de la {acr} en matière {de}{t},",
    "Reconnaissant l'importance {de}{t} pour la conservation {topic},",
    "Notant avec satisfaction les progrès accomplis par les Parties en matière {de}{t},",
    "Consciente des menaces qui pèsent sur la conservation {topic},",
]
_ACTIONS = [
    "de renforcer la coopération en matière {de}{t}",
    "de présenter un rapport sur les progrès réalisés en matière {de}{t} à la prochaine session",
    "d'élaborer des lignes directrices en matière {de}{t}",
    "de mobiliser des ressources pour les activités en matière {de}{t}",
    "de poursuivre les travaux en matière {de}{t} avec {partner}",
    "d'intégrer les questions {de}{t} dans les stratégies nationales",
]
_LETTERS = "abcdefghij"


def _de(phrase: str) -> str:
    """French "de" before ``phrase``, elided before a vowel: ``d'`` or ``de ``."""
    first = unicodedata.normalize("NFD", phrase[:1])[:1].lower()
    return "d'" if first in "aeiouyh" else "de "


def _slug(text: str) -> str:
    """ASCII lower-case slug; dots are kept (``5.12``) as in the project's IRIs.

    >>> _slug("Côte d'Ivoire Network 5.12")
    'cote-d-ivoire-network-5.12'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out, dash = [], False
    for char in ascii_text.lower():
        if char.isalnum() or char == ".":
            out.append(char)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def _initials(text: str) -> str:
    skip = {"on", "the", "of", "and", "to", "for", "pour", "les", "la", "le", "de", "des", "du"}
    words = [w for w in text.replace("-", " ").replace("'", " ").split() if w.lower() not in skip]
    return "".join(_slug(w)[:1] for w in words if _slug(w)).upper()


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ordinal_fr(n: int) -> str:
    return "1re" if n == 1 else f"{n}e"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _lit(text: str, lang: str) -> str:
    return f'"{text.translate(_ESCAPES)}"@{lang}'


def _typed(text: str, datatype: str) -> str:
    return f'"{text}"^^<{XSD}{datatype}>'


# --- output and summary --------------------------------------------------------------------


@dataclass(frozen=True)
class DegreeSummary:
    """Partner degrees of actors (distinct co-members over all collaborations)."""

    actors: int
    with_partners: int
    minimum: int
    median: float
    p90: int
    p99: int
    maximum: int
    top1pct_share_of_ties: float
    histogram: dict[str, int]  # log2 bins: "1", "2-3", "4-7", …

    @classmethod
    def of(cls, degrees: Sequence[int]) -> DegreeSummary:
        """
        >>> DegreeSummary.of([0, 1, 2, 3, 8]).histogram
        {'0': 1, '1': 1, '2-3': 2, '8-15': 1}
        """
        ranked = sorted(degrees)
        positive = [d for d in ranked if d > 0]
        histogram: Counter[str] = Counter()
        for d in ranked:
            low = 0 if d == 0 else 1 << (d.bit_length() - 1)
            histogram[str(low) if low <= 1 else f"{low}-{2 * low - 1}"] += 1
        keys = sorted(histogram, key=lambda k: int(k.split("-")[0]))
        top = ranked[len(ranked) - max(1, len(ranked) // 100) :]

        def pct(q: float) -> int:
            return ranked[min(len(ranked) - 1, int(q * len(ranked)))] if ranked else 0

        n = len(ranked)
        median = (ranked[(n - 1) // 2] + ranked[n // 2]) / 2 if ranked else 0.0
        return cls(
            actors=n,
            with_partners=len(positive),
            minimum=ranked[0] if ranked else 0,
            median=median,
            p90=pct(0.9),
            p99=pct(0.99),
            maximum=ranked[-1] if ranked else 0,
            top1pct_share_of_ties=round(sum(top) / sum(ranked), 3) if sum(ranked) else 0.0,
            histogram={k: histogram[k] for k in keys},
        )


@dataclass(frozen=True)
class GenerationSummary:
    """What one run wrote: sizes, instances by class, lineage and degree statistics."""

    seed: int
    requested: int
    triples: int
    classes: dict[str, int]
    lineage: dict[str, int]
    mandates_with_several_themes: int
    mandates_with_several_addressees: int
    partner_degrees: DegreeSummary

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


class _Writer:
    """Writes N-Triples (or N-Quads, one named graph per section) and counts them."""

    def __init__(self, out: TextIO, *, quads: bool):
        self._out, self._quads, self._buffer = out, quads, []
        self.count, self.graph = 0, ""
        self.classes: Counter[str] = Counter()
        self.last_subject = ""

    def section(self, name: str) -> None:
        self.graph = f" <{GRAPH_PREFIX}{name}>" if self._quads else ""

    def t(self, s: str, p: str, o: str) -> None:
        self._buffer.append(f"{s} {p} {o}{self.graph} .\n")
        self.count += 1
        self.last_subject = s
        if len(self._buffer) >= 8192:
            self.flush()

    def a(self, s: str, cls: str) -> None:
        self.t(s, A, _curie(cls))
        self.classes[cls] += 1

    def labels(self, s: str, en: str, fr: str, predicate: str = PREF) -> None:
        self.t(s, predicate, _lit(en, "en"))
        self.t(s, predicate, _lit(fr, "fr"))

    def flush(self) -> None:
        self._out.write("".join(self._buffer))
        self._buffer.clear()


# --- the model being generated -------------------------------------------------------------


@dataclass(eq=False)
class _Actor:
    iri: str
    slug: str
    en: str
    fr: str
    fr_text: str  # with its article, for paragraph text


@dataclass(eq=False)
class _Meeting:
    conv: _Agreement
    index: int
    ordinal: int
    start: date
    upcoming: bool
    place: str
    iri: str = ""
    slug: str = ""
    doc: str = ""
    evidence: str = ""  # a paragraph adopted at this meeting, for participations
    weight: float = 1.0
    counters: Counter[str] = field(default_factory=Counter)


@dataclass(eq=False)
class _Agreement:
    index: int
    cls: str
    slug: str
    acronym: str
    iri: str
    topic_fr: str
    code: str  # COP or MOP
    secretariat: _Actor
    body: _Actor
    council: _Actor
    parties: _Actor
    themes: tuple[int, ...]
    meetings: list[_Meeting] = field(default_factory=list)


@dataclass(eq=False)
class _Instrument:
    iri: str
    slug: str
    kind: str  # "resolution" or "decision"
    number: str
    revision: str | None
    title: tuple[str, str]
    meeting: _Meeting
    themes: tuple[int, ...]

    def short(self, lang: str) -> str:
        name = {"resolution": ("Resolution", "Résolution"), "decision": ("Decision", "Décision")}
        base = f"{name[self.kind][lang == 'fr']} {self.number}"
        return f"{base} ({self.revision})" if self.revision else base


@dataclass
class _Pending:
    amend: list[_Instrument] = field(default_factory=list)
    repeal: list[_Instrument] = field(default_factory=list)
    replace: list[_Instrument] = field(default_factory=list)

    def forced(self) -> int:
        return len(self.amend) + len(self.replace) + (1 if self.repeal else 0)


class _Weighted:
    """Weighted sampling with precomputed cumulative weights."""

    def __init__(self, items: Sequence, weights: Sequence[float]):
        self.items = list(items)
        self.cumulative, total = [], 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)

    def pick(self, rng: random.Random):
        x = rng.random() * self.cumulative[-1]
        return self.items[min(bisect.bisect_right(self.cumulative, x), len(self.items) - 1)]

    def distinct(self, rng: random.Random, k: int, exclude=()) -> list:
        chosen = list(exclude)
        k = min(k, len(self.items) - len(chosen))
        picked: list = []
        while len(picked) < k:
            item = self.pick(rng)
            if item not in chosen:
                chosen.append(item)
                picked.append(item)
        return picked


class _Generator:
    def __init__(self, writer: _Writer, *, triples: int, seed: int, vocabularies: Vocabularies):
        self.w, self.target, self.rng = writer, triples, random.Random(seed)
        self.themes, self.verbs = vocabularies.themes, vocabularies.verbs
        self.verb_picker = _Weighted(self.verbs, [_VERB_WEIGHTS.get(v.slug, 1) for v in self.verbs])
        # themes follow a Zipf law over a seeded random order
        order = list(range(len(self.themes)))
        self.rng.shuffle(order)
        self.theme_picker = _Weighted(order, [1 / (r + 1) for r in range(len(order))])
        scale = min(1.0, triples / FULL_SCALE)
        self.n_agreements = max(3, round(40 * scale))
        self.n_orgs = max(20, round(500 * scale))
        self.pending: dict[tuple[int, int], _Pending] = defaultdict(_Pending)
        self.partners: dict[str, set[str]] = defaultdict(set)
        self.lineage: Counter[str] = Counter()
        self.multi_theme = self.multi_addressee = 0
        self.instrument_cost, self.instruments_made = 0, 0
        self.collab_count = 0
        self.recent_collabs: list[str] = []
        self.participations = 0

    # -- fixed part ---------------------------------------------------------------------

    def places(self) -> None:
        self.w.section("places")
        self.cities: list[str] = []
        countries: dict[str, str] = {}
        for city_en, city_fr, country_en, country_fr in _CITIES:
            if country_en not in countries:
                country = f"<{SYNTHETIC_BASE}place/{_slug(country_en)}>"
                self.w.a(country, "mea:Country")
                self.w.labels(country, country_en, country_fr)
                countries[country_en] = country
            city = f"<{SYNTHETIC_BASE}place/{_slug(city_en)}>"
            self.w.a(city, "mea:Place")
            self.w.labels(city, city_en, city_fr)
            self.w.t(city, _curie("mea:locatedIn"), countries[country_en])
            self.cities.append(city)

    def actor(
        self, path: str, cls: str, kind: str, en: str, fr: str, fr_text: str, **extra
    ) -> _Actor:
        slug = path.rsplit("/", 1)[-1]
        actor = _Actor(f"<{SYNTHETIC_BASE}{path}>", slug, en, fr, fr_text)
        self.w.a(actor.iri, cls)
        self.w.labels(actor.iri, en, fr)
        for acronym in extra.get("acronyms", ()):
            self.w.labels(actor.iri, *acronym, predicate=ALT)
        self.w.t(actor.iri, _curie("mea:actorKind"), _term(f"actor-kind/{kind}"))
        for predicate, value in extra.get("links", ()):
            self.w.t(actor.iri, _curie(predicate), value)
        return actor

    def groups(self) -> None:
        self.w.section("organisations")
        self.global_groups = [
            self.actor(f"group/{slug}", "mea:ActorGroup", kind, en, fr, text)
            for slug, en, fr, text, kind in _GROUPS
        ]

    def organisations(self) -> None:
        """UN entities first (they administer secretariats), then the rest by weight."""
        rng, seen = self.rng, set()
        self.orgs: list[_Actor] = []
        self.un: list[_Actor] = []
        n_un = max(2, round(self.n_orgs * 0.04))
        n_offices = max(1, round(self.n_orgs * 0.03))
        n_governments = min(len(_COUNTRIES), round(self.n_orgs * 0.12))
        cores = list(_CORES)
        rng.shuffle(cores)
        for i in range(n_un):
            core_en, core_fr = cores[i % len(cores)]
            type_en, type_fr = _UN_TYPES[i % len(_UN_TYPES)]
            en, fr = f"United Nations {core_en} {type_en}", f"{type_fr} des Nations Unies {core_fr}"
            acronyms = [
                (
                    f"UN{_initials(core_en + ' ' + type_en)}",
                    f"{_initials(type_fr + ' ' + core_fr)}NU",
                )
            ]
            self.un.append(
                self.actor(
                    f"org/{_slug(en)}",
                    "mea:UNEntity",
                    "un-entity",
                    en,
                    fr,
                    f"le {fr}",
                    acronyms=acronyms,
                )
            )
        for i in range(n_offices):
            parent = self.un[i % len(self.un)]
            region_en, region_fr = _REGIONS[i % len(_REGIONS)]
            en = f"{parent.en} Regional Office for {region_en}"
            fr = f"Bureau régional {region_fr} du {parent.fr}"
            self.orgs.append(
                self.actor(
                    f"org/{_slug(en)}",
                    "mea:RegionalOffice",
                    "un-entity",
                    en,
                    fr,
                    f"le {fr}",
                    links=[("org:unitOf", parent.iri)],
                )
            )
        countries = list(_COUNTRIES)
        rng.shuffle(countries)
        for country_en, country_fr in countries[:n_governments]:
            en, fr = f"Government of {country_en}", f"Gouvernement {country_fr}"
            self.orgs.append(
                self.actor(f"org/{_slug(en)}", "mea:Government", "government", en, fr, f"le {fr}")
            )
        kinds = _Weighted(_ORG_KINDS, [k[2] for k in _ORG_KINDS])
        while len(self.orgs) + len(self.un) < self.n_orgs:
            cls, kind, _, types = kinds.pick(rng)
            scope_en, scope_m, scope_f = rng.choice(_SCOPES)
            core_en, core_fr = rng.choice(_CORES)
            type_en, type_fr, gender = rng.choice(types)
            en = f"{scope_en} {core_en} {type_en}"
            if en in seen:
                continue
            seen.add(en)
            fr = f"{type_fr} {scope_f if gender == 'f' else scope_m} {core_fr}"
            article = "l'" if _de(fr) == "d'" else ("la " if gender == "f" else "le ")
            acronyms = [(_initials(en), _initials(fr))]
            self.orgs.append(
                self.actor(
                    f"org/{_slug(en)}", f"mea:{cls}", kind, en, fr, article + fr, acronyms=acronyms
                )
            )
        self.orgs.extend(self.un)
        # addressee and partner popularity follow a Zipf law over a seeded random order
        ranked = list(self.orgs)
        rng.shuffle(ranked)
        self.org_picker = _Weighted(ranked, [1 / (r + 1) for r in range(len(ranked))])

    def agreements(self) -> None:
        self.w.section("agreements")
        rng = self.rng
        self.agreements_: list[_Agreement] = []
        used: set[str] = set()
        for i, (topic_en, topic_fr) in enumerate(_TOPICS[: self.n_agreements]):
            cls = _AGREEMENT_CYCLE[i % len(_AGREEMENT_CYCLE)]
            pattern_en, pattern_fr, code = _AGREEMENT_KINDS[cls]
            en, fr = pattern_en.format(t=topic_en), pattern_fr.format(t=topic_fr)
            acronym = _initials(en)
            while acronym in used:
                acronym += "2"
            used.add(acronym)
            slug = acronym.lower()
            iri = f"<{SYNTHETIC_BASE}agreement/{slug}>"
            self.w.a(iri, f"mea:{cls}")
            self.w.labels(iri, en, fr)
            self.w.labels(iri, acronym, acronym, predicate=ALT)
            self.w.t(iri, _curie("mea:administeredBy"), self.un[i % len(self.un)].iri)
            parents = [a for a in self.agreements_ if a.cls == "Convention"]
            if cls != "Convention" and parents:
                self.w.t(iri, _curie("mea:concludedUnder"), rng.choice(parents).iri)
            body_en = "Conference of the Parties" if code == "COP" else "Meeting of the Parties"
            body_fr = "Conférence des Parties" if code == "COP" else "Réunion des Parties"
            body = self.actor(
                f"body/{slug}-{code.lower()}",
                "mea:GoverningBody",
                "governing-body",
                f"{body_en} to {acronym}",
                f"{body_fr} à la {acronym}",
                f"la {body_fr}",
                acronyms=[(f"{acronym} {code}", f"{code} de la {acronym}")],
                links=[("mea:governingBodyOf", iri)],
            )
            secretariat = self.actor(
                f"secretariat/{slug}",
                "mea:Secretariat",
                "secretariat",
                f"{acronym} Secretariat",
                f"Secrétariat de la {acronym}",
                f"le Secrétariat de la {acronym}",
                links=[
                    ("mea:secretariatOf", iri),
                    ("mea:administeredBy", self.un[i % len(self.un)].iri),
                ],
            )
            council = self.actor(
                f"body/{slug}-scientific-council",
                "mea:SubsidiaryBody",
                "subsidiary-body",
                f"Scientific Council of {acronym}",
                f"Conseil scientifique de la {acronym}",
                "le Conseil scientifique",
            )
            parties = self.actor(
                f"group/{slug}-parties",
                "mea:ActorGroup",
                "parties",
                f"Parties to {acronym}",
                f"Parties à la {acronym}",
                "les Parties",
            )
            profile = tuple(self.theme_picker.distinct(rng, 5))
            self.agreements_.append(
                _Agreement(
                    i,
                    cls,
                    slug,
                    acronym,
                    iri,
                    topic_fr,
                    code,
                    secretariat,
                    body,
                    council,
                    parties,
                    profile,
                )
            )

    def plan_meetings(self) -> list[_Meeting]:
        """Meetings of every governing body, in date order; the last of each is upcoming."""
        rng = self.rng
        fixed = self.w.count
        per_agreement = max(1.0, (self.target - fixed) / COST_GUESS / self.n_agreements)
        past = min(20, max(2, round(1.2 * math.sqrt(per_agreement))))
        meetings = []
        for agreement in self.agreements_:
            interval = 3 if past * 3 <= 45 else 2
            last_past = 2024 - rng.randint(0, 2)
            years = [last_past - interval * (past - 1 - k) for k in range(past)] + [
                last_past + interval
            ]
            for index, year in enumerate(years):
                start = date(year, rng.randint(1, 12), rng.randint(1, 20))
                meeting = _Meeting(
                    agreement,
                    index,
                    index + 1,
                    start,
                    start >= REFERENCE_DATE,
                    rng.choice(self.cities),
                )
                meeting.weight = (1 + 0.15 * index) * (0.5 if meeting.upcoming else 1.0)
                meeting.slug = f"{agreement.slug}-{agreement.code.lower()}{meeting.ordinal}"
                meeting.iri = f"<{SYNTHETIC_BASE}meeting/{meeting.slug}>"
                meeting.doc = f"<{SYNTHETIC_BASE}doc/{meeting.slug}-outcomes>"
                agreement.meetings.append(meeting)
                meetings.append(meeting)
        meetings.sort(key=lambda m: (m.start, m.conv.index))
        return meetings

    # -- meetings and instruments ---------------------------------------------------------

    def meeting(self, m: _Meeting) -> None:
        ag, w = m.conv, self.w
        w.section("meetings")
        short_en, short_fr = (
            f"{ag.acronym} {ag.code}{m.ordinal}",
            f"{ag.code}{m.ordinal} de la {ag.acronym}",
        )
        body_en = "Conference of the Parties" if ag.code == "COP" else "Meeting of the Parties"
        body_fr = "Conférence des Parties" if ag.code == "COP" else "Réunion des Parties"
        w.a(m.iri, "mea:Meeting")
        w.labels(
            m.iri,
            f"{_ordinal_en(m.ordinal)} Meeting of the {body_en} to {ag.acronym}",
            f"{_ordinal_fr(m.ordinal)} réunion de la {body_fr} à la {ag.acronym}",
        )
        w.labels(m.iri, short_en, short_fr, predicate=ALT)
        w.t(m.iri, _curie("mea:meetingOf"), ag.body.iri)
        w.t(m.iri, _curie("mea:ordinal"), _typed(str(m.ordinal), "integer"))
        w.t(m.iri, _curie("mea:startDate"), _typed(m.start.isoformat(), "date"))
        end = m.start + timedelta(days=self.rng.randint(4, 11))
        w.t(m.iri, _curie("mea:endDate"), _typed(end.isoformat(), "date"))
        w.t(m.iri, _curie("mea:place"), m.place)
        w.a(m.doc, "mea:MeetingDocument")
        drafts = m.upcoming
        title_en = (
            "Draft resolutions and decisions for "
            if drafts
            else "Resolutions and decisions adopted at "
        ) + short_en
        title_fr = (
            "Projets de résolutions et de décisions pour la "
            if drafts
            else "Résolutions et décisions adoptées à la "
        ) + short_fr
        w.labels(m.doc, title_en, title_fr)
        w.labels(m.doc, title_en, title_fr, predicate=_curie("dcterms:title"))
        w.t(m.doc, _curie("mea:symbol"), f'"{ag.acronym}/{ag.code}{m.ordinal}/Outcomes"')
        w.t(m.doc, _curie("mea:presentedTo"), m.iri)

    def status_and_fate(self, inst: _Instrument) -> str:
        """Decide now what later meetings do to ``inst``; its status follows from that."""
        m = inst.meeting
        if m.upcoming:
            return "status/proposed"
        meetings, r = m.conv.meetings, self.rng.random()
        if m.index + 1 >= len(meetings):  # the last meeting held, none planned after it
            return "status/in-force"

        def later(span: int) -> _Meeting:
            return meetings[self.rng.randint(m.index + 1, min(m.index + span, len(meetings) - 1))]

        if inst.kind == "resolution":
            if r < 0.30:
                target = later(3)
                self.pending[(m.conv.index, target.index)].amend.append(inst)
                return "status/in-force" if target.upcoming else "status/superseded"
            if r < 0.45:
                target = later(4)
                self.pending[(m.conv.index, target.index)].repeal.append(inst)
                return "status/in-force" if target.upcoming else "status/repealed"
            return "status/in-force"
        following = meetings[m.index + 1]
        if r < 0.45:
            return "status/to-be-deleted" if following.upcoming else "status/deleted"
        if r < 0.75:
            self.pending[(m.conv.index, following.index)].replace.append(inst)
            return "status/in-force" if following.upcoming else "status/superseded"
        return "status/in-force"

    def pick_themes(self, agreement: _Agreement, k: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < k:
            t = (
                self.rng.choice(agreement.themes)
                if self.rng.random() < 0.75
                else self.theme_picker.pick(self.rng)
            )
            if t not in chosen:
                chosen.append(t)
        return chosen

    def instrument(
        self,
        m: _Meeting,
        kind: str,
        *,
        amends: _Instrument | None = None,
        repeals: Sequence[_Instrument] = (),
        replaces: _Instrument | None = None,
    ) -> None:
        w, rng, ag = self.w, self.rng, m.conv
        w.section("instruments")
        before = w.count
        if amends is not None:
            number, themes, title = amends.number, amends.themes, amends.title
            revision = f"Rev.{ag.code}{m.ordinal}"
            slug = f"{ag.slug}-{number}-rev-{ag.code.lower()}{m.ordinal}"
        else:
            m.counters[kind] += 1
            number, revision = f"{m.ordinal}.{m.counters[kind]}", None
            slug = f"{ag.slug}-{number}"
            themes = tuple(self.pick_themes(ag, 1 + (rng.random() < 0.4)))
            lead = self.themes[themes[0]]
            title_en, title_fr = rng.choice(_TITLES)
            title = (title_en.format(t=lead.en), title_fr.format(t=lead.fr, de=_de(lead.fr)))
        inst = _Instrument(
            f"<{SYNTHETIC_BASE}{kind}/{slug}>", slug, kind, number, revision, title, m, themes
        )
        status = self.status_and_fate(inst)
        w.a(inst.iri, "mea:Resolution" if kind == "resolution" else "mea:Decision")
        w.labels(inst.iri, f"{inst.short('en')} {title[0]}", f"{inst.short('fr')} {title[1]}")
        w.labels(inst.iri, *title, predicate=_curie("dcterms:title"))
        w.t(inst.iri, _curie("eli:number"), f'"{number}"')
        if revision:
            w.t(inst.iri, _curie("mea:revision"), f'"{revision}"')
        w.t(inst.iri, _curie("eli:passed_by"), ag.body.iri)
        w.t(inst.iri, _curie("mea:adoptedAt"), m.iri)
        w.t(inst.iri, _curie("mea:status"), _term(status))
        w.t(inst.iri, _curie("mea:relatedAgreement"), ag.iri)
        for t in themes:
            w.t(inst.iri, _curie("dcterms:subject"), self.themes[t].ref)
        links = [("eli:amends", amends), ("dcterms:replaces", amends)] if amends else []
        links += [("eli:repeals", r) for r in repeals]
        links += [("dcterms:replaces", replaces)] if replaces else []
        operative = self.paragraphs(inst, lineage=links)
        if not m.upcoming and operative and rng.random() < 0.35:
            self.collaboration(m, rng.choice(operative))
        self.instrument_cost += w.count - before
        self.instruments_made += 1

    def paragraphs(self, inst: _Instrument, *, lineage) -> list[str]:
        """Ten paragraphs; the last states the lineage if there is one. Returns the
        operative paragraphs that carry mandates."""
        w, rng, m, ag = self.w, self.rng, inst.meeting, inst.meeting.conv
        is_res = inst.kind == "resolution"
        specs = [("preamble", f"PP{k}", k, "preambular") for k in (1, 2, 3)] if is_res else []
        specs += (
            [("para", str(k), k, "operative") for k in range(1, 8)]
            if is_res
            else [("para", _LETTERS[k], k, "operative") for k in range(10)]
        )
        amended = (
            set(rng.sample(range(len(specs) - 3, len(specs) - 1), 2)) if inst.revision else set()
        )
        operative: list[str] = []
        name_en = "Resolution" if is_res else "Decision"
        name_fr = "Résolution" if is_res else "Décision"
        for order, (part, number, n, kind) in enumerate(specs, start=1):
            local = f"{part}-{n if part == 'preamble' else number}"
            iri = f"<{inst.iri[1:-1]}/{local}>"
            w.a(iri, "mea:Paragraph")
            short_en, short_fr = inst.short("en"), inst.short("fr")
            if kind == "preambular":
                w.labels(
                    iri,
                    f"{short_en}, preambular paragraph {n}",
                    f"{short_fr}, alinéa {n} du préambule",
                )
            elif is_res:
                w.labels(iri, f"{short_en}, paragraph {number}", f"{short_fr}, paragraphe {number}")
            else:
                w.labels(
                    iri, f"{short_en}, subparagraph {number})", f"{short_fr}, alinéa {number})"
                )
            w.t(iri, _curie("eli:number"), f'"{number}"')
            w.t(iri, _curie("mea:order"), _typed(str(order), "integer"))
            w.t(iri, _curie("mea:paragraphKind"), _term(f"paragraph-kind/{kind}"))
            w.t(iri, _curie("eli:is_part_of"), inst.iri)
            w.t(iri, _curie("mea:inDocument"), m.doc)
            theme = self.themes[rng.choice(inst.themes)]
            if kind == "preambular":
                text = rng.choice(_PREAMBLES).format(
                    acr=ag.acronym, t=theme.fr, de=_de(theme.fr), topic=ag.topic_fr
                )
            elif lineage and order == len(specs):
                text = self.state_lineage(inst, iri, lineage)
            else:
                text = self.mandates(inst, iri, local, number, name_en, name_fr)
                operative.append(iri)
            w.t(iri, _curie("mea:text"), _lit(text, "fr"))
            if (
                order - 1 in amended
                and kind == "operative"
                and not (lineage and order == len(specs))
            ):
                w.t(iri, _curie("mea:changeStatus"), _term("change/amended"))
                w.t(
                    iri,
                    _curie("mea:previousWording"),
                    _lit(text.replace("renforcer", "développer", 1), "fr"),
                )
                w.t(
                    iri,
                    _curie("mea:amendmentNote"),
                    _lit(f"Wording revised at {ag.acronym} {ag.code}{m.ordinal}.", "en"),
                )
            if m.evidence == "":
                m.evidence = iri
        return operative

    def state_lineage(self, inst: _Instrument, paragraph: str, links) -> str:
        w = self.w
        w.section("instruments")
        words = {
            "eli:repeals": ("repeals", "abroge"),
            "eli:amends": ("amends", "modifie"),
            "dcterms:replaces": ("replaces", "remplace"),
        }
        for predicate, target in links:
            w.t(inst.iri, _curie(predicate), target.iri)
            en, fr = words[predicate]
            name = f"{inst.kind[:3]}-{inst.slug}-{en}-{target.kind[:3]}-{target.slug}"
            statement = f"<{SYNTHETIC_BASE}statement/{name}>"
            w.a(statement, "rdf:Statement")
            w.labels(
                statement,
                f"{inst.short('en')} {en} {target.short('en')}",
                f"La {inst.short('fr')} {fr} la {target.short('fr')}",
            )
            w.t(statement, _curie("rdf:subject"), inst.iri)
            w.t(statement, _curie("rdf:predicate"), _curie(predicate))
            w.t(statement, _curie("rdf:object"), target.iri)
            w.t(statement, _curie("prov:wasDerivedFrom"), paragraph)
            self.lineage[predicate] += 1
        targets = sorted({t.short("fr") for _, t in links})
        verb = "Abroge" if links[0][0] == "eli:repeals" else "Décide que le présent texte remplace"
        return f"{verb} : {', '.join(targets)} ;"

    def addressees(self, ag: _Agreement, k: int) -> list[_Actor]:
        rng, chosen = self.rng, []
        while len(chosen) < k:
            r = rng.random()
            if r < 0.35:
                actor = ag.secretariat
            elif r < 0.60:
                actor = ag.parties
            elif r < 0.65:
                actor = ag.body
            elif r < 0.73:
                actor = ag.council
            elif r < 0.93:
                actor = self.org_picker.pick(rng)
            else:
                actor = rng.choice(self.global_groups)
            if actor not in chosen:
                chosen.append(actor)
        return chosen

    def mandates(
        self, inst: _Instrument, paragraph: str, local: str, number: str, name_en, name_fr
    ) -> str:
        w, rng, m, ag = self.w, self.rng, inst.meeting, inst.meeting.conv
        verbs = [self.verb_picker.pick(rng)]
        if rng.random() < 0.2:
            verbs += self.verb_picker.distinct(rng, 1, exclude=verbs)
        clauses = []
        later = ag.meetings[m.index + 1] if m.index + 1 < len(ag.meetings) else None
        for verb in verbs:
            r = rng.random()
            addressees = self.addressees(ag, 1 if r < 0.6 else 2 if r < 0.88 else 3)
            r = rng.random()
            themes = self.pick_themes(ag, 1 if r < 0.45 else 2 if r < 0.8 else 3)
            self.multi_addressee += len(addressees) > 1
            self.multi_theme += len(themes) > 1
            theme = self.themes[themes[0]]
            partner = self.org_picker.pick(rng).fr_text
            action = rng.choice(_ACTIONS).format(t=theme.fr, de=_de(theme.fr), partner=partner)
            iri = f"<{SYNTHETIC_BASE}mandate/{inst.slug}-{local}-{verb.slug}>"
            w.section("mandates")
            w.a(iri, "mea:Mandate")
            abbr = "Res." if inst.kind == "resolution" else "Dec."
            abbr_fr = "Rés." if inst.kind == "resolution" else "Déc."
            rev_en = f" ({inst.revision})" if inst.revision else ""
            w.labels(
                iri,
                f"{abbr} {inst.number}{rev_en} para. {number}: {verb.en}",
                f"{abbr_fr} {inst.number}{rev_en} par. {number} : {verb.fr}",
            )
            w.t(iri, _curie("mea:operativeVerb"), verb.ref)
            for actor in addressees:
                w.t(iri, _curie("mea:addressee"), actor.iri)
            for t in themes:
                w.t(iri, _curie("dcterms:subject"), self.themes[t].ref)
            w.t(iri, _curie("mea:actionText"), _lit(action.split(" ", 1)[1], "fr"))
            w.t(iri, _curie("mea:sourceParagraph"), paragraph)
            w.t(iri, _curie("mea:relatedAgreement"), ag.iri)
            if later is not None and rng.random() < 0.3:
                w.t(iri, _curie("mea:reportingMeeting"), later.iri)
                if rng.random() < 0.3:
                    deadline = later.start - timedelta(days=rng.randint(60, 240))
                    w.t(iri, _curie("mea:deadline"), _typed(deadline.isoformat(), "date"))
            who = " et ".join(a.fr_text for a in addressees)
            clauses.append(f"{verb.fr} {who} {action}")
        w.section("instruments")
        text = " ; ".join(clauses) + " ;"
        return text[:1].upper() + text[1:]

    # -- collaborations, memberships, participations -------------------------------------

    def collaboration(self, m: _Meeting, evidence: str) -> None:
        w, rng, ag = self.w, self.rng, m.conv
        w.section("collaborations")
        cls, _, kind_en, kind_fr = self.collab_kinds.pick(rng)
        self.collab_count += 1
        theme = self.themes[self.pick_themes(ag, 1)[0]]
        size = 2 + min(10, int(rng.paretovariate(1.6)) - 1)
        members = [ag.secretariat] if rng.random() < 0.75 else []
        members += self.partner_picker.distinct(rng, size - len(members), exclude=members)
        slug = f"{ag.slug}-{_slug(kind_en)}-{self.collab_count}"
        path = "initiative" if cls in _INITIATIVES else "collaboration"
        iri = f"<{SYNTHETIC_BASE}{path}/{slug}>"
        en = f"{ag.acronym} {kind_en} on {theme.en} ({members[-1].en})"
        fr = f"{kind_fr} de la {ag.acronym} en matière {_de(theme.fr)}{theme.fr} ({members[-1].fr})"
        w.a(iri, f"mea:{cls}")
        w.labels(iri, en, fr)
        for member in members:
            w.t(iri, _curie("org:hasMember"), member.iri)
        if rng.random() < 0.5:
            w.t(iri, _curie("mea:ledBy"), members[0].iri)
        if rng.random() < 0.2:
            w.t(iri, _curie("mea:fundedBy"), self.org_picker.pick(rng).iri)
        for t in self.pick_themes(ag, rng.randint(1, 3)):
            w.t(iri, _curie("dcterms:subject"), self.themes[t].ref)
        w.t(iri, _curie("mea:relatedAgreement"), ag.iri)
        w.t(iri, _curie("mea:startDate"), _typed(str(m.start.year), "gYear"))
        if rng.random() < 0.3:
            w.t(iri, _curie("mea:endDate"), _typed(str(m.start.year + rng.randint(2, 6)), "gYear"))
        if self.recent_collabs and rng.random() < 0.1:
            w.t(iri, _curie("org:linkedTo"), rng.choice(self.recent_collabs))
        w.t(iri, _curie("prov:wasDerivedFrom"), evidence)
        self.recent_collabs = (self.recent_collabs + [iri])[-50:]
        for a in members:
            for b in members:
                if a is not b:
                    self.partners[a.iri].add(b.iri)
        if rng.random() < 0.5:
            for member in rng.sample(members, min(len(members), rng.randint(1, 2))):
                ms = f"<{SYNTHETIC_BASE}membership/{slug}-{member.slug}>"
                w.a(ms, "org:Membership")
                w.labels(ms, f"{member.en} in {en}", f"{member.fr} au sein de : {fr}")
                w.t(ms, _curie("org:member"), member.iri)
                w.t(ms, _curie("org:organization"), iri)
                w.t(ms, _curie("mea:startDate"), _typed(str(m.start.year), "gYear"))
                w.t(ms, _curie("prov:wasDerivedFrom"), evidence)

    def participation(self, m: _Meeting) -> None:
        w = self.w
        w.section("collaborations")
        actor = self.org_picker.pick(self.rng)
        self.participations += 1
        iri = f"<{SYNTHETIC_BASE}participation/{actor.slug}-{m.slug}-{self.participations}>"
        w.a(iri, "mea:Participation")
        w.labels(
            iri,
            f"{actor.en} at {m.conv.acronym} {m.conv.code}{m.ordinal}",
            f"{actor.fr} à la {m.conv.code}{m.ordinal} de la {m.conv.acronym}",
        )
        w.t(iri, _curie("mea:participant"), actor.iri)
        w.t(iri, _curie("mea:participatedIn"), m.iri)
        w.t(iri, _curie("prov:wasDerivedFrom"), m.evidence)

    # -- the run -----------------------------------------------------------------------------

    def run(self) -> None:
        self.collab_kinds = _Weighted(_COLLABORATION_KINDS, [k[1] for k in _COLLABORATION_KINDS])
        self.places()
        self.groups()
        self.organisations()
        self.agreements()
        meetings = self.plan_meetings()
        # partners in collaborations: organisations and secretariats, Zipf over a random order
        partners = self.orgs + [ag.secretariat for ag in self.agreements_]
        self.rng.shuffle(partners)
        self.partner_picker = _Weighted(partners, [1 / (r + 1) for r in range(len(partners))])
        if self.w.count + MEETING_COST * len(meetings) > self.target:
            raise MeaGraphError(
                f"--triples {self.target} is too small: the agreements, bodies, organisations "
                f"and meetings alone take about {self.w.count + MEETING_COST * len(meetings)} "
                f"triples (ask for at least {MIN_TRIPLES})"
            )
        weights_left = sum(m.weight for m in meetings)
        with_evidence: list[_Meeting] = []
        for k, m in enumerate(meetings):
            self.meeting(m)
            pending = self.pending.pop((m.conv.index, m.index), _Pending())
            forced_left = sum(p.forced() for p in self.pending.values())
            cost = (
                self.instrument_cost / self.instruments_made
                if self.instruments_made
                else COST_GUESS
            )
            # keep one instrument's cost in hand: undershooting is filled exactly, overshooting not
            reserve = MEETING_COST * (len(meetings) - k - 1) + (forced_left + 1) * cost
            share = (self.target - self.w.count - reserve) * m.weight / weights_left
            weights_left -= m.weight
            free = max(0.0, share / cost - pending.forced())
            n_free = int(free) + (self.rng.random() < free - int(free))
            before = self.w.count
            for old in pending.amend:
                self.instrument(m, "resolution", amends=old)
            for old in pending.replace:
                self.instrument(m, "decision", replaces=old)
            kinds = ["resolution" if self.rng.random() < 0.4 else "decision" for _ in range(n_free)]
            if pending.repeal and "resolution" not in kinds:
                kinds.append("resolution")
            repeals = pending.repeal
            for kind in kinds:
                self.instrument(m, kind, repeals=repeals if kind == "resolution" else ())
                if kind == "resolution":
                    repeals = []
            if m.evidence:
                with_evidence.append(m)
                for _ in range(self.rng.randint(0, 1 + (self.w.count - before) // 600)):
                    self.participation(m)
        self.fill(with_evidence)
        self.w.flush()

    def fill(self, meetings: list[_Meeting]) -> None:
        """Participations (six triples each), then comments, up to the exact size."""
        while self.target - self.w.count >= 6 and meetings:
            self.participation(self.rng.choice(meetings))
        subject = self.w.last_subject
        for k in range(self.target - self.w.count):
            self.w.t(
                subject, _curie("rdfs:comment"), _lit(f"Synthetic record, note {k + 1}.", "en")
            )

    def summary(self, seed: int) -> GenerationSummary:
        compact = dict(sorted(self.w.classes.items()))
        actors = [a.iri for a in self.orgs] + [ag.secretariat.iri for ag in self.agreements_]
        degrees = [len(self.partners.get(iri, ())) for iri in actors]
        return GenerationSummary(
            seed=seed,
            requested=self.target,
            triples=self.w.count,
            classes=compact,
            lineage=dict(sorted(self.lineage.items())),
            mandates_with_several_themes=self.multi_theme,
            mandates_with_several_addressees=self.multi_addressee,
            partner_degrees=DegreeSummary.of(degrees),
        )


# --- public functions -----------------------------------------------------------------------


def generate(
    out: TextIO,
    *,
    triples: int,
    seed: int = 1,
    quads: bool = False,
    vocabularies: Vocabularies | None = None,
) -> GenerationSummary:
    """Write a synthetic graph of ``triples`` triples to ``out`` (exactly, or a few more in
    rare cases; the tests hold it within 2%).

    N-Triples by default; with ``quads=True``, N-Quads in one named graph per part
    (``https://w3id.org/mea-graph/graph/synthetic/{agreements,organisations,meetings,
    instruments,mandates,collaborations,places}``). Raises ``MeaGraphError`` if
    ``triples`` is below :data:`MIN_TRIPLES`.
    """
    if not isinstance(triples, int) or triples < MIN_TRIPLES:
        raise MeaGraphError(
            f"triples must be an integer of at least {MIN_TRIPLES}, got {triples!r}"
        )
    writer = _Writer(out, quads=quads)
    generator = _Generator(
        writer, triples=triples, seed=seed, vocabularies=vocabularies or Vocabularies.load()
    )
    generator.run()
    return generator.summary(seed)


def write_file(
    path: Path,
    *,
    triples: int,
    seed: int = 1,
    quads: bool | None = None,
    vocabularies: Vocabularies | None = None,
) -> GenerationSummary:
    """Generate into ``path`` atomically (a temporary file renamed at the end), so a
    failed run leaves any earlier file in place. ``quads`` defaults to ``path``
    ending in ``.nq``."""
    path = Path(path)
    quads = path.suffix == ".nq" if quads is None else quads
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            summary = generate(
                out, triples=triples, seed=seed, quads=quads, vocabularies=vocabularies
            )
        os.replace(partial, path)
    except OSError as error:
        raise MeaGraphError(
            f"{path}: cannot write the output ({error.strerror or error})"
        ) from None
    finally:
        if partial.exists():
            partial.unlink()
    return summary


def validate_file(path: Path, *, layout: Layout | None = None) -> ValidationReport:
    """Validate a generated file (N-Triples or N-Quads) with the project's shapes, in the
    context of ``ontology/*.ttl``, ``data/vocabularies.ttl`` and ``data/themes.ttl``."""
    layout = layout or Layout.discover()
    path = Path(path)
    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.N_TRIPLES
    context = [
        *sorted(layout.ontology_dir.glob("*.ttl")),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
    ]
    quads = [q for p in context for q in read_turtle_file(p, graph="urn:mea-graph:context")]
    try:
        with path.open("rb") as handle:
            parsed = list(ox.parse(handle, format=fmt))
    except FileNotFoundError:
        raise MeaGraphError(f"{path}: no such file") from None
    except SyntaxError as error:
        raise MeaGraphError(f"{path}: not valid {fmt.name}: {error}") from None
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in [*quads, *parsed]]
    data = rdflib.Graph().parse(
        data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    return validate(data, load_shapes(layout.shape_paths()))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.generate --triples N [--seed S] -o FILE [--stats JSON] [--validate]``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a deterministic synthetic MEA graph (.nt, or .nq for named graphs).",
    )
    parser.add_argument("--triples", type=int, required=True, help=f"exact size (>= {MIN_TRIPLES})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="file.nt or file.nq")
    parser.add_argument("--stats", type=Path, help="also write the shape statistics as JSON")
    parser.add_argument("--validate", action="store_true", help="validate the output with SHACL")
    args = parser.parse_args(argv)
    try:
        started = time.perf_counter()
        summary = write_file(args.output, triples=args.triples, seed=args.seed)
        elapsed = time.perf_counter() - started
        size = args.output.stat().st_size
        print(
            f"wrote {summary.triples} triples to {args.output} ({size / 1e6:.1f} MB) "
            f"in {elapsed:.1f} s",
            file=sys.stderr,
        )
        if args.stats:
            args.stats.parent.mkdir(parents=True, exist_ok=True)
            args.stats.write_text(summary.to_json() + "\n", encoding="utf-8")
        if args.validate:
            started = time.perf_counter()
            report = validate_file(args.output)
            elapsed = time.perf_counter() - started
            print(
                f"SHACL: {len(report.violations)} violation(s), {len(report.warnings)} "
                f"warning(s) in {elapsed:.1f} s",
                file=sys.stderr,
            )
            for result in report.results[:20]:
                print(
                    f"  {result.severity.value}: {result.focus_node} {result.path or ''}: "
                    f"{result.message}",
                    file=sys.stderr,
                )
            if not report.conforms:
                return 1
    except MeaGraphError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
