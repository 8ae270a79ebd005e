"""A tiny hand-made dataset for doctests and unit tests: two conventions, their
secretariats, three partners, two collaborations and a membership.

>>> backend = sample_backend()
>>> backend.query("ASK { sec:a mea:secretariatOf agr:a }").boolean
True
"""

from __future__ import annotations

import pyoxigraph

from ..backends import EmbeddedBackend
from ..namespaces import sparql_prolog

__all__ = ["SAMPLE_TURTLE", "backend_from_turtle", "sample_backend"]

# The few ontology axioms the projections rely on (subclasses of mea:Collaboration and of
# mea:EnvironmentalAgreement, mea:RecommendedAction under mea:Mandate).
ONTOLOGY_TURTLE = """
mea:JointWorkProgramme rdfs:subClassOf mea:Collaboration .
mea:JointEvent rdfs:subClassOf mea:Collaboration .
mea:Partnership rdfs:subClassOf mea:Collaboration .
mea:WorkingGroup rdfs:subClassOf mea:Collaboration .
mea:MemorandumOfCooperation rdfs:subClassOf mea:Collaboration .
mea:Initiative rdfs:subClassOf mea:Collaboration .
mea:Convention rdfs:subClassOf mea:EnvironmentalAgreement .
mea:RecommendedAction rdfs:subClassOf mea:Mandate .
mea:Resolution rdfs:subClassOf eli:LegalResource .
mea:Decision rdfs:subClassOf eli:LegalResource .
"""

SAMPLE_TURTLE = """
agr:a a mea:Convention ; skos:prefLabel "Convention A"@en, "Convention Ä"@fr ;
    skos:altLabel "CA"@en, "CÄ"@fr .
agr:b a mea:Convention ; skos:prefLabel "Convention B"@en, "Convention B"@fr .
sec:a a mea:Secretariat ; mea:secretariatOf agr:a ;
    skos:prefLabel "Secretariat A"@en, "Secrétariat A"@fr .
sec:b a mea:Secretariat ; mea:secretariatOf agr:b ;
    skos:prefLabel "Secretariat B"@en, "Secrétariat B"@fr .
orgn:x a mea:NonGovernmentalOrganization ; skos:prefLabel "X"@en, "X"@fr .
orgn:y a mea:UNEntity ; skos:prefLabel "Y"@en, "Y"@fr .
orgn:z a mea:UNEntity ; skos:prefLabel "Z"@en, "Z"@fr .
collab:jwp a mea:JointWorkProgramme ; skos:prefLabel "JWP"@en, "PTC"@fr ;
    org:hasMember sec:a, orgn:x ; mea:ledBy orgn:x ; mea:fundedBy orgn:y ;
    mea:startDate "2021-01-01"^^xsd:date ; mea:endDate "2025-12-31"^^xsd:date ;
    dcterms:subject theme:t1 ;
    prov:wasDerivedFrom d181:para-1, d181:para-2 .
collab:event a mea:JointEvent ; skos:prefLabel "Event"@en, "Événement"@fr ;
    org:hasMember sec:a, sec:b, orgn:x ; mea:startDate "2022-06"^^xsd:gYearMonth ;
    dcterms:subject theme:t1, theme:t2 ;
    prov:wasDerivedFrom d181:para-3 .
membership:z-in-b a org:Membership ; org:member orgn:z ; org:organization sec:b ;
    prov:wasDerivedFrom d181:para-4 .
"""


def backend_from_turtle(turtle: str, *, with_ontology: bool = True) -> EmbeddedBackend:
    """An in-memory backend holding ``turtle`` (the project's prefixes are predeclared)."""
    store = pyoxigraph.Store()
    text = sparql_prolog().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")
    body = (ONTOLOGY_TURTLE if with_ontology else "") + turtle
    store.load(
        (text + body).encode(),
        format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode("https://w3id.org/mea-graph/graph/sample"),
    )
    return EmbeddedBackend(store)


def sample_backend() -> EmbeddedBackend:
    """The backend of :data:`SAMPLE_TURTLE`."""
    return backend_from_turtle(SAMPLE_TURTLE)
