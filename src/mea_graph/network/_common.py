"""Helpers shared by the projections: running SELECT queries through a backend, node
attributes (bilingual labels, kind, group), secretariat folding and edge aggregation.

>>> from mea_graph.network._sample import sample_backend
>>> secretariat_map(sample_backend())["https://w3id.org/mea-graph/id/secretariat/a"]
'https://w3id.org/mea-graph/id/agreement/a'
>>> len(query_hash("SELECT * WHERE { ?s ?p ?o }"))
64
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from ..backends import GraphBackend
from ..errors import EmptyNetwork
from ..namespaces import MEA

__all__ = [
    "EdgeBuilder",
    "add_node_attributes",
    "agreements",
    "query_hash",
    "secretariat_map",
    "select",
]

_MEA = str(MEA)


def select(backend: GraphBackend, sparql: str) -> list[dict[str, str]]:
    """Rows of a SELECT query as dicts (unbound variables are left out)."""
    result = backend.query(sparql)
    return [
        {v: value for v, value in zip(result.variables, row, strict=True) if value is not None}
        for row in result.rows
    ]


def query_hash(*queries: str) -> str:
    """The SHA-256 of the query texts that made a projection (recorded in every export)."""
    digest = hashlib.sha256()
    for text in queries:
        digest.update(text.encode())
    return digest.hexdigest()


def secretariat_map(backend: GraphBackend) -> dict[str, str]:
    """Secretariat IRI -> the agreement (or organisation) it serves (``mea:secretariatOf``)."""
    rows = select(backend, "SELECT ?s ?a WHERE { ?s mea:secretariatOf ?a }")
    return {row["s"]: row["a"] for row in rows}


def agreements(backend: GraphBackend) -> set[str]:
    """IRIs of every environmental agreement (conventions, species agreements, MOUs...)."""
    rows = select(
        backend,
        "SELECT DISTINCT ?a WHERE { ?a a/rdfs:subClassOf* mea:EnvironmentalAgreement }",
    )
    return {row["a"] for row in rows}


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def add_node_attributes(backend: GraphBackend, graph: nx.Graph) -> None:
    """Give every node ``label_en``, ``label_fr``, ``short_en``, ``short_fr`` (the shortest
    alternative label, else the preferred one) and ``kind`` (its ``mea:`` class)."""
    if not graph:
        return
    rows = select(
        backend,
        f"""SELECT ?n ?type WHERE {{
          VALUES ?n {{ {_values(graph.nodes)} }}
          ?n a ?type FILTER(STRSTARTS(STR(?type), "{_MEA}"))
        }}""",
    )
    found: dict[str, dict[str, list[str]]] = {}
    raw = backend.query(
        f"""SELECT ?n ?label ?lang WHERE {{
          VALUES ?n {{ {_values(graph.nodes)} }}
          {{ ?n skos:prefLabel ?label }} UNION {{ ?n skos:altLabel ?label BIND("alt" AS ?k) }}
          BIND(CONCAT(LANG(?label), COALESCE(CONCAT("-", ?k), "")) AS ?lang)
        }}"""
    )
    for node, label, lang in raw.rows:
        # ?lang is unbound for a label that is not a literal: such a label is not used
        if node is not None and label is not None and lang is not None:
            found.setdefault(node, {}).setdefault(lang, []).append(label)
    kinds: dict[str, list[str]] = {}
    for row in rows:
        if "type" in row:
            kinds.setdefault(row["n"], []).append(row["type"][len(_MEA) :])
    for node, data in graph.nodes(data=True):
        labels = found.get(node, {})
        for lang in ("en", "fr"):
            preferred = sorted(labels.get(lang, [])) or [node.rsplit("/", 1)[-1]]
            alternatives = sorted(labels.get(f"{lang}-alt", []), key=lambda s: (len(s), s))
            data[f"label_{lang}"] = preferred[0]
            shortest = alternatives[0] if alternatives else preferred[0]
            data[f"short_{lang}"] = shortest if len(shortest) <= len(preferred[0]) else preferred[0]
        data.setdefault("kind", sorted(kinds.get(node, ["Thing"]))[0])


@dataclass
class _Aggregate:
    types: dict[str, float] = field(default_factory=dict)
    via: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    starts: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)


class EdgeBuilder:
    """Collects typed relations between node pairs, then writes one aggregated edge per
    pair: ``type`` (the types joined by ``|``), ``weight`` (the sum of the relations'
    weights), ``start``/``end`` (earliest start, latest end, ISO text or ``""``),
    ``evidence`` and ``via`` (sorted tuples of IRIs).

    >>> edges = EdgeBuilder(directed=False)
    >>> edges.add("a", "b", "membership", 1.0, via="m1", evidence=["p1"])
    >>> edges.add("b", "a", "funding", 2.0, via="c1", evidence=["p2"], start="2020")
    >>> graph = edges.graph(kind="demo", queries=["q"])
    >>> sorted(graph.edges["a", "b"].items())  # doctest: +NORMALIZE_WHITESPACE
    [('end', ''), ('evidence', ('p1', 'p2')), ('start', '2020'), ('type', 'funding|membership'),
     ('via', ('c1', 'm1')), ('weight', 3.0)]
    """

    def __init__(self, *, directed: bool):
        self.directed = directed
        self._edges: dict[tuple[str, str], _Aggregate] = {}
        self._nodes: dict[str, dict] = {}

    def node(self, iri: str, **attributes) -> None:
        self._nodes.setdefault(iri, {}).update(attributes)

    def add(
        self,
        source: str,
        target: str,
        kind: str,
        weight: float,
        *,
        via: str | None = None,
        evidence: Iterable[str] = (),
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        if source == target:
            return
        key = (source, target) if self.directed else (min(source, target), max(source, target))
        aggregate = self._edges.setdefault(key, _Aggregate())
        aggregate.types[kind] = aggregate.types.get(kind, 0.0) + weight
        if via:
            aggregate.via.add(via)
        aggregate.evidence.update(evidence)
        if start:
            aggregate.starts.add(start)
        if end:
            aggregate.ends.add(end)
        self._nodes.setdefault(source, {})
        self._nodes.setdefault(target, {})

    def graph(self, *, kind: str, queries: Iterable[str], options: dict | None = None) -> nx.Graph:
        """The finished networkx graph; :class:`EmptyNetwork` if it has no edge."""
        if not self._edges:
            described = ", ".join(f"{k}={v!r}" for k, v in (options or {}).items())
            raise EmptyNetwork(
                f"the {kind} projection is empty"
                + (f" with {described}" if described else "")
                + ": no relation of that kind in the graph"
            )
        graph = nx.DiGraph() if self.directed else nx.Graph()
        graph.graph.update(
            network=kind,
            query_sha256=query_hash(*queries),
            options=";".join(f"{k}={v}" for k, v in sorted((options or {}).items())),
        )
        for iri, attributes in sorted(self._nodes.items()):
            graph.add_node(iri, **attributes)
        for (source, target), aggregate in sorted(self._edges.items()):
            graph.add_edge(
                source,
                target,
                type="|".join(sorted(aggregate.types)),
                weight=float(sum(aggregate.types.values())),
                start=min(aggregate.starts, default=""),
                end=max(aggregate.ends, default=""),
                evidence=tuple(sorted(aggregate.evidence)),
                via=tuple(sorted(aggregate.via)),
            )
        return graph
