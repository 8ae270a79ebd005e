"""Synergy analyses over network projections of the graph.

Graph analyses take a networkx projection (:mod:`mea_graph.network`): :func:`centrality`,
:func:`brokers`, :func:`communities`. Analyses of the data itself take a
:class:`~mea_graph.backends.GraphBackend`: :func:`convention_overlap`,
:func:`mandate_overlap`, :func:`in_force`, :func:`convention_brokers` (brokers in the
partnership projection, cached per dataset version). Results are frozen dataclasses keyed
by IRI; :mod:`.answers` turns two of them into the answers of the HTTP API.
"""

from .brokerage import Broker, BrokerageResult, brokers, convention_brokers
from .centrality import CentralityResult, NodeCentrality, centrality
from .communities import CommunityResult, communities
from .in_force import InForceResult, InstrumentStanding, Standing, in_force
from .mandate_overlap import MandatePair, mandate_overlap
from .overlap import Facet, OverlapResult, convention_overlap

__all__ = [
    "Broker",
    "BrokerageResult",
    "CentralityResult",
    "CommunityResult",
    "Facet",
    "InForceResult",
    "InstrumentStanding",
    "MandatePair",
    "NodeCentrality",
    "OverlapResult",
    "Standing",
    "brokers",
    "centrality",
    "communities",
    "convention_brokers",
    "convention_overlap",
    "in_force",
    "mandate_overlap",
]
