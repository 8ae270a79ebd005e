"""IRIs and prefixes shared by the whole package.

>>> str(MEA.Mandate)
'https://w3id.org/mea-graph/ontology#Mandate'
>>> entity_iri("org/unep")
'https://w3id.org/mea-graph/id/org/unep'
>>> sparql_prolog(["mea", "skos"]).splitlines()[0]
'PREFIX mea: <https://w3id.org/mea-graph/ontology#>'
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Namespace

BASE = "https://w3id.org/mea-graph/"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"

MEA = Namespace(BASE + "ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "mea": str(MEA),
    "eli": str(ELI),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": str(SH),
    "agr": ID_BASE + "agreement/",
    "sec": ID_BASE + "secretariat/",
    "body": ID_BASE + "body/",
    "mtg": ID_BASE + "meeting/",
    "orgn": ID_BASE + "org/",
    "grp": ID_BASE + "group/",
    "doc": ID_BASE + "doc/",
    "res": ID_BASE + "resolution/",
    "dec": ID_BASE + "decision/",
    "mandate": ID_BASE + "mandate/",
    "collab": ID_BASE + "collaboration/",
    "init": ID_BASE + "initiative/",
    "membership": ID_BASE + "membership/",
    "participation": ID_BASE + "participation/",
    "statement": ID_BASE + "statement/",
    "fw": ID_BASE + "framework/",
    "place": ID_BASE + "place/",
    "taxon": ID_BASE + "taxon/",
    "theme": ID_BASE + "theme/",
    "verb": ID_BASE + "verb/",
    "status": ID_BASE + "status/",
    "pkind": ID_BASE + "paragraph-kind/",
    "change": ID_BASE + "change/",
    "action": ID_BASE + "action/",
    "kind": ID_BASE + "actor-kind/",
    "scheme": ID_BASE + "scheme/",
    # The first source document and the resolution it amends, whose parts are cited often.
    "d181": ID_BASE + "doc/unep-cms-cop14-doc.18.1/",
    "r1110": ID_BASE + "resolution/cms-11.10-rev-cop14/",
}


def entity_iri(path: str) -> str:
    """The full IRI of an entity from its path under ``id/``."""
    return ID_BASE + path.lstrip("/")


def sparql_prolog(names: Iterable[str] | None = None) -> str:
    """``PREFIX`` lines for the named prefixes (all of them by default)."""
    chosen = PREFIXES if names is None else {n: PREFIXES[n] for n in names}
    return "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in chosen.items()) + "\n"
