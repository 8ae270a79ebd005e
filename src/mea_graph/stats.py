"""Summary figures of a store: instances by class, label languages, provenance.

Every figure is one SPARQL query over the union of the store's graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .backends import GraphBackend
from .namespaces import ID_BASE

_CLASS_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?s), "{ID_BASE}"))
}} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

_LABELS = f"""
SELECT (COUNT(DISTINCT ?s) AS ?total) (COUNT(DISTINCT ?en) AS ?english)
       (COUNT(DISTINCT ?fr) AS ?french) (COUNT(DISTINCT ?both) AS ?bilingual) WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?s), "{ID_BASE}"))
  OPTIONAL {{ ?s skos:prefLabel ?l1 . FILTER(LANGMATCHES(LANG(?l1), "en")) BIND(?s AS ?en) }}
  OPTIONAL {{ ?s skos:prefLabel ?l2 . FILTER(LANGMATCHES(LANG(?l2), "fr")) BIND(?s AS ?fr) }}
  BIND(IF(BOUND(?en) && BOUND(?fr), ?s, ?unbound) AS ?both)
}}
"""

# What must cite a paragraph, and through which property.
_EVIDENCE = """
SELECT ?kind (COUNT(DISTINCT ?s) AS ?total) (COUNT(DISTINCT ?cited) AS ?with) WHERE {
  VALUES (?kind ?class) {
    ("collaborations" mea:Collaboration) ("mandates" mea:Mandate)
    ("memberships" org:Membership) ("participations" mea:Participation)
    ("statements" rdf:Statement)
  }
  ?type rdfs:subClassOf* ?class . ?s a ?type .
  OPTIONAL {
    ?s prov:wasDerivedFrom|mea:sourceParagraph ?p . ?p a mea:Paragraph . BIND(?s AS ?cited)
  }
} GROUP BY ?kind ORDER BY ?kind
"""


@dataclass(frozen=True)
class Coverage:
    total: int
    covered: int

    @property
    def ratio(self) -> float:
        return self.covered / self.total if self.total else 1.0


@dataclass(frozen=True)
class GraphStats:
    triples: int
    class_counts: dict[str, int]
    entities: int
    english_labels: Coverage
    french_labels: Coverage
    bilingual_labels: Coverage
    evidence: dict[str, Coverage]


def _int(value: str | None) -> int:
    return int(value or 0)


def graph_stats(backend: GraphBackend) -> GraphStats:
    """Figures for the dataset behind ``backend`` (embedded store or remote endpoint)."""
    triples = _int(backend.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    classes = {str(row[0]): _int(row[1]) for row in backend.query(_CLASS_COUNTS).rows}
    total, english, french, both = (_int(v) for v in backend.query(_LABELS).rows[0])
    evidence = {
        str(row[0]): Coverage(_int(row[1]), _int(row[2])) for row in backend.query(_EVIDENCE).rows
    }
    return GraphStats(
        triples=triples,
        class_counts=classes,
        entities=total,
        english_labels=Coverage(total, english),
        french_labels=Coverage(total, french),
        bilingual_labels=Coverage(total, both),
        evidence=evidence,
    )
