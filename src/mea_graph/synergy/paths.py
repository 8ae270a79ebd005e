"""The shortest paths between two entities, each hop with its predicate and evidence.

A breadth-first search runs from the source, one SPARQL query per direction and level,
until it reaches the target or ``max_hops``. Triples are followed in either direction.
Provenance links (``prov:wasDerivedFrom``, ``mea:sourceParagraph``, reification) and
``rdf:type`` are not followed: the paragraphs come back as each hop's evidence instead.

By default (``evidenced_only=True``) only triples that cite a paragraph are followed, so
every hop of every path is backed by the source document; background facts (UNEP
administers CMS) are then left out. Pass ``evidenced_only=False`` to include them.
"""

from __future__ import annotations

from ..backends import GraphBackend
from ._graph import ALWAYS_SKIPPED, PROVENANCE, step
from .evidence import Edge, Evidence, evidence_for_edges
from .labels import fetch_refs
from .models import Frozen, Ref

__all__ = ["Hop", "Path", "PathResult", "shortest_paths"]

MAX_HOPS = 6


class Hop(Frozen):
    """One step of a path: the triple as stated, and whether the path follows it forward."""

    subject: Ref
    predicate: Ref
    object: Ref
    forward: bool
    evidence: list[Evidence]


class Path(Frozen):
    nodes: list[Ref]
    hops: list[Hop]


class PathResult(Frozen):
    """All shortest paths found (up to ``limit``); ``length`` is ``None`` if there is none."""

    source: Ref
    target: Ref
    length: int | None
    paths: list[Path]
    truncated: bool


def shortest_paths(
    backend: GraphBackend,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    limit: int = 20,
    evidenced_only: bool = True,
) -> PathResult:
    """The shortest paths of at most ``max_hops`` hops (1 to 6) from ``source`` to ``target``."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max must be between 1 and {MAX_HOPS}, not {max_hops}")
    parents: dict[str, list[tuple[str, Edge]]] = {source: []}
    level_of = {source: 0}
    frontier = {source}
    length = 0 if source == target else None
    for level in range(1, max_hops + 1):
        if length is not None or not frontier:
            break
        found = step(
            backend, frontier, skip=ALWAYS_SKIPPED | PROVENANCE, evidenced_only=evidenced_only
        )
        reached: set[str] = set()
        for edge in sorted(found):
            s, _, o = edge
            for here, there in ((s, o), (o, s)):
                if here in frontier and level_of.get(there, level) == level and there != here:
                    level_of[there] = level
                    parents.setdefault(there, []).append((here, edge))
                    reached.add(there)
        frontier = reached
        if target in reached:
            length = level
    paths: list[list[tuple[str, Edge]]] = []
    if length:
        _walk(target, source, parents, [], paths, limit + 1)
    truncated = len(paths) > limit
    paths = paths[:limit]
    edges = {edge for path in paths for _, edge in path}
    evidence = evidence_for_edges(backend, edges)
    refs = fetch_refs(backend, [source, target, *(x for e in edges for x in e)])
    return PathResult(
        source=refs[source],
        target=refs[target],
        length=length,
        paths=[_path(source, path, refs, evidence) for path in paths]
        if length
        else ([Path(nodes=[refs[source]], hops=[])] if length == 0 else []),
        truncated=truncated,
    )


def _walk(node, source, parents, suffix, out, cap) -> None:
    """Enumerate paths backwards from ``node`` to ``source`` (at most ``cap`` of them)."""
    if len(out) >= cap:
        return
    if node == source:
        out.append(list(reversed(suffix)))
        return
    for parent, edge in parents.get(node, []):
        _walk(parent, source, parents, [*suffix, (parent, edge)], out, cap)


def _path(source, steps, refs, evidence) -> Path:
    nodes, hops, here = [refs[source]], [], source
    for _, (s, p, o) in steps:
        forward = s == here
        here = o if forward else s
        nodes.append(refs[here])
        hops.append(
            Hop(
                subject=refs[s],
                predicate=refs[p],
                object=refs[o],
                forward=forward,
                evidence=list(evidence[(s, p, o)]),
            )
        )
    return Path(nodes=nodes, hops=hops)
