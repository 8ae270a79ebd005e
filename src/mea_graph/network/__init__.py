"""Network projections of the graph, built with SPARQL through a
:class:`~mea_graph.backends.GraphBackend` (embedded store or remote endpoint).

Every projection is a networkx graph whose nodes are IRIs with ``label_en`` and
``label_fr``, and whose edges carry ``type``, ``weight``, ``start``/``end`` and the IRIs
of their ``evidence`` paragraphs. ``graph.graph`` records the projection's name, options
and the SHA-256 of the queries that made it.

>>> from mea_graph.network._sample import sample_backend
>>> graph = project(sample_backend(), "partners")
>>> graph.graph["network"], graph.number_of_nodes()
('partners', 5)
>>> project(sample_backend(), "friends")
Traceback (most recent call last):
...
mea_graph.errors.UnknownChoice: unknown network 'friends': choose one of partners, ...
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from ..backends import GraphBackend
from ..errors import UnknownChoice
from .lineage import lineage
from .mandates import mandates
from .partners import EDGE_TYPES, TYPE_WEIGHTS, convention_partner, partners

__all__ = [
    "EDGE_TYPES",
    "KINDS",
    "TYPE_WEIGHTS",
    "convention_partner",
    "lineage",
    "mandates",
    "partners",
    "project",
]

KINDS: dict[str, Callable[..., nx.Graph]] = {
    "partners": partners,
    "convention-partner": convention_partner,
    "mandates": mandates,
    "lineage": lineage,
}


def project(backend: GraphBackend, kind: str, **options) -> nx.Graph:
    """The projection named ``kind`` (one of :data:`KINDS`), built with ``options``."""
    if kind not in KINDS:
        raise UnknownChoice("network", kind, KINDS)
    return KINDS[kind](backend, **options)
