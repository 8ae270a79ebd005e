"""A network projection (:func:`mea_graph.network.project`) as JSON node-link data.

Each link keeps the projection's attributes and gets its evidence paragraphs in full
(document, paragraph, number, text) instead of bare IRIs.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..backends import GraphBackend
from ..network import cached_project
from .evidence import Evidence, fetch_evidence
from .models import Frozen

__all__ = ["NetworkLink", "NodeLinkNetwork", "network_json"]


class NetworkLink(Frozen):
    source: str
    target: str
    type: str
    weight: float
    start: str = ""
    end: str = ""
    via: list[str] = []
    evidence: list[Evidence] = []


class NodeLinkNetwork(Frozen):
    """networkx's node-link layout: graph attributes, nodes (``id`` plus labels), links."""

    directed: bool
    graph: dict[str, Any]
    nodes: list[dict[str, Any]]
    links: list[NetworkLink]


def network_json(backend: GraphBackend, kind: str) -> NodeLinkNetwork:
    """The projection named ``kind`` ("partners", "mandates"…) as node-link data (the
    projection is cached per dataset version)."""
    data = nx.node_link_data(cached_project(backend, kind), edges="links")
    cited = fetch_evidence(backend, {e for link in data["links"] for e in link.get("evidence", ())})
    links = [
        NetworkLink(
            **{k: v for k, v in link.items() if k not in ("evidence", "via")},
            via=list(link.get("via", ())),
            evidence=[cited[e] for e in link.get("evidence", ()) if e in cited],
        )
        for link in data["links"]
    ]
    return NodeLinkNetwork(
        directed=data["directed"], graph=data["graph"], nodes=data["nodes"], links=links
    )
