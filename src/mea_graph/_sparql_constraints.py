"""SHACL-SPARQL constraints evaluated on pyoxigraph, one query per constraint.

pyshacl evaluates a SPARQL constraint once per focus node with rdflib's engine, which
took seconds on the shipped data. Here each constraint is joined with its shape's target
and run once on pyoxigraph; pyshacl keeps the core constraints. Supported targets:
``sh:targetClass`` (following ``rdfs:subClassOf``), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` and SHACL-AF ``sh:SPARQLTarget``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF

from .namespaces import SH


@dataclass(frozen=True)
class SparqlConstraint:
    shape: str
    severity: str  # the IRI of sh:Violation, sh:Warning or sh:Info
    messages: tuple[str, ...]
    target: str  # a group graph pattern binding ?this
    select: str
    prefixes: dict[str, str]


@dataclass(frozen=True)
class SparqlFinding:
    constraint: SparqlConstraint
    focus: ox.NamedNode | ox.BlankNode
    path: ox.NamedNode | None
    value: ox.NamedNode | ox.Literal | ox.BlankNode | None

    def message(self) -> str:
        """The constraint's message with {?var} and {$var} filled in."""
        values = {"this": self.focus, "path": self.path, "value": self.value}

        def fill(match: re.Match) -> str:
            term = values.get(match.group(1))
            return term.value if term is not None else match.group(0)

        template = self.constraint.messages[0] if self.constraint.messages else "constraint not met"
        return re.sub(r"\{[?$](\w+)\}", fill, template)


def split_sparql_constraints(shapes: rdflib.Graph) -> tuple[rdflib.Graph, list[SparqlConstraint]]:
    """The shapes without their SPARQL constraints, and those constraints."""
    core = rdflib.Graph()
    core += shapes
    constraints = []
    for shape, node in shapes.subject_objects(SH.sparql):
        severity = shapes.value(shape, SH.severity, default=SH.Violation)
        constraints.append(
            SparqlConstraint(
                shape=str(shape),
                severity=str(severity),
                messages=tuple(str(m) for m in shapes.objects(node, SH.message)),
                target=_target_pattern(shapes, shape),
                select=str(shapes.value(node, SH.select)),
                prefixes=_prefixes(shapes, node),
            )
        )
        core.remove((shape, SH.sparql, node))
        core.remove((node, None, None))
    return core, constraints


def evaluate(store: ox.Store, constraint: SparqlConstraint) -> Iterator[SparqlFinding]:
    """Run one constraint over all its focus nodes at once."""
    query = f"SELECT * WHERE {{ {constraint.target} {{ {constraint.select} }} }}"
    solutions = store.query(query, prefixes=constraint.prefixes)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        focus = row["this"]
        value = _get(row, "value")  # SHACL: an unbound ?value defaults to the focus node
        yield SparqlFinding(constraint, focus, _get(row, "path"), focus if value is None else value)


def _get(row: ox.QuerySolution, name: str):
    try:
        return row[name]
    except KeyError:
        return None


def _target_pattern(shapes: rdflib.Graph, shape) -> str:
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(f"{{ ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}")
    for node in shapes.objects(shape, SH.targetNode):
        parts.append(f"{{ BIND(<{node}> AS ?this) }}")
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ ?this <{predicate}> ?any }} }}")
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ ?any <{predicate}> ?this }} }}")
    for target in shapes.objects(shape, SH.target):
        if (target, RDF.type, SH.SPARQLTarget) not in shapes:
            raise ValueError(f"unsupported target on {shape}: {target}")
        parts.append(f"{{ {shapes.value(target, SH.select)} }}")
    if not parts:
        raise ValueError(f"shape {shape} has SPARQL constraints but no target")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _prefixes(shapes: rdflib.Graph, constraint) -> dict[str, str]:
    found = {}
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            found[str(prefix)] = str(namespace)
    return found
