"""Synergy analysis over the MEA graph: lookups, entities, paths, mandates, overlaps, partners.

Every function takes a :class:`~mea_graph.backends.GraphBackend` first, so it runs on the
embedded store and on a remote SPARQL endpoint alike, takes its options keyword-only, and
returns typed (pydantic, frozen) models keyed by IRI. Every answer that states a
relationship carries its evidence: the source document, the paragraph and its text
(:mod:`mea_graph.synergy.evidence`).

Importing this package loads nothing and queries nothing.
"""

from .entities import describe_entity
from .evidence import Evidence, evidence_for_edges, fetch_evidence
from .ids import resolve
from .mandates import find_mandates
from .neighbors import neighbors
from .network import network_json
from .overlaps import find_overlaps
from .partners import find_partners
from .paths import shortest_paths
from .search import normalize, search

__all__ = [
    "Evidence",
    "describe_entity",
    "evidence_for_edges",
    "fetch_evidence",
    "find_mandates",
    "find_overlaps",
    "find_partners",
    "neighbors",
    "network_json",
    "normalize",
    "resolve",
    "search",
    "shortest_paths",
]
