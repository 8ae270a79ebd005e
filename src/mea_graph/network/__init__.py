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

:func:`cached_project` keeps each projection per dataset version (see
:mod:`mea_graph.synergy.cache`) and hands out a frozen graph, shared by every caller:

>>> backend = sample_backend()
>>> cached_project(backend, "partners") is cached_project(backend, "partners")
True
>>> nx.is_frozen(cached_project(backend, "partners"))
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    "cached_project",
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


def cached_project(backend: GraphBackend, kind: str, **options) -> nx.Graph:
    """:func:`project`, built once per dataset version and options, then shared: the graph
    is frozen (``networkx.freeze``), so copy it before changing it."""
    from ..synergy.cache import cached_table  # here: mea_graph.synergy imports this package

    if kind not in KINDS:
        raise UnknownChoice("network", kind, KINDS)
    key = f"projection {kind} {_hashable(options)!r}"
    return cached_table(backend, key, build=lambda: nx.freeze(project(backend, kind, **options)))


def _hashable(value: Any) -> Any:
    """Options as a value that compares equal for equal options (lists and sets as sorted
    tuples, dicts as sorted pairs).

    >>> _hashable({"types": ["b", "a"], "fold_secretariats": True})
    (('fold_secretariats', True), ('types', ('a', 'b')))
    """
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(_hashable(v) for v in value))
    return value
