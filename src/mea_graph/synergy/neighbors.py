"""The neighbourhood of an entity: what lies within ``depth`` hops, in either direction.

Edges come with their evidence. ``rdf:type`` is not followed. The answer is bounded:
past ``limit`` edges it stops and says so (``truncated``), never silently.
"""

from __future__ import annotations

from ..backends import GraphBackend
from ._graph import step
from .evidence import Evidence, evidence_for_edges
from .labels import fetch_refs
from .models import Frozen, Ref

__all__ = ["Link", "Neighborhood", "Node", "neighbors"]

MAX_DEPTH = 3


class Node(Frozen):
    entity: Ref
    distance: int


class Link(Frozen):
    """A triple of the neighbourhood, as stated in the graph, with its evidence."""

    subject: Ref
    predicate: Ref
    object: Ref
    evidence: list[Evidence]


class Neighborhood(Frozen):
    center: Ref
    depth: int
    nodes: list[Node]
    links: list[Link]
    truncated: bool


def neighbors(
    backend: GraphBackend,
    entity: str,
    *,
    depth: int = 1,
    predicate: str | None = None,
    limit: int = 500,
) -> Neighborhood:
    """Entities within ``depth`` hops of ``entity`` (1 to 3), optionally along one predicate."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    distance = {entity: 0}
    edges: set = set()
    frontier = {entity}
    truncated = False
    for level in range(1, depth + 1):
        found = step(backend, frontier, predicate=predicate)
        frontier = set()
        for edge in sorted(found):
            if edge in edges:
                continue
            if len(edges) >= limit:
                truncated = True
                break
            edges.add(edge)
            for node in (edge[0], edge[2]):
                if node not in distance:
                    distance[node] = level
                    frontier.add(node)
        if truncated or not frontier:
            break
    evidence = evidence_for_edges(backend, edges)
    refs = fetch_refs(backend, [*distance, *(p for _, p, _ in edges)])
    return Neighborhood(
        center=refs[entity],
        depth=depth,
        nodes=[
            Node(entity=refs[n], distance=d)
            for n, d in sorted(distance.items(), key=lambda item: (item[1], item[0]))
        ],
        links=[
            Link(
                subject=refs[s],
                predicate=refs[p],
                object=refs[o],
                evidence=list(evidence[(s, p, o)]),
            )
            for s, p, o in sorted(edges)
        ],
        truncated=truncated,
    )
