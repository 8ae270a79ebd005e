"""SHACL-SPARQL constraints evaluated on pyoxigraph, one query per constraint.

pyshacl evaluates a SPARQL constraint once per focus node with rdflib's engine, which
took seconds on the shipped data. Here each constraint is joined with its shape's target
and run once on pyoxigraph; pyshacl keeps the core constraints. Supported targets:
``sh:targetClass`` (following ``rdfs:subClassOf``), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` and SHACL-AF ``sh:SPARQLTarget``.

pyoxigraph (0.5) plans the pattern inside ``FILTER NOT EXISTS { … }`` without the
variables the outer pattern binds, and so scans it again for each outer solution: the
provenance check of ``shape:LegalResource`` took 15 s on a million triples. Where the
two are provably equivalent, :func:`minus_form` writes ``MINUS { … }`` instead, which
pyoxigraph evaluates once (0.3 s).
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

    def query(self) -> str:
        """The whole query: the target joined with the select (in its MINUS form)."""
        return f"SELECT * WHERE {{ {self.target} {{ {minus_form(self.select)} }} }}"


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
    solutions = store.query(constraint.query(), prefixes=constraint.prefixes)
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


# ------------------------------------------------------------- NOT EXISTS as MINUS

_HIDDEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.DOTALL,
)  # strings, IRIs and comments: their text must not count as syntax
_NOT_EXISTS = re.compile(r"\bFILTER\s+NOT\s+EXISTS\s*\{", re.IGNORECASE)
_FILTER_CALL = re.compile(r"\bFILTER\s*\((?:[^()]|\([^()]*\))*\)", re.IGNORECASE)
_NOT_A_BGP = re.compile(
    r"\b(?:OPTIONAL|UNION|MINUS|BIND|VALUES|GRAPH|SERVICE|SELECT|EXISTS|FILTER|LATERAL)\b"
    r"|[{}()]",
    re.IGNORECASE,
)  # anything that makes a pattern more than a basic graph pattern
_PREBOUND = ("shapesGraph", "currentShape")  # pyshacl binds these in every group
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_]+)")


def minus_form(select: str) -> str:
    """``select`` with each ``FILTER NOT EXISTS { P }`` moved to a final ``MINUS { P }``
    when that cannot change the result, else ``select`` unchanged.

    The two agree when the WHERE group is a basic graph pattern plus ``FILTER(…)``\\s (so
    every variable its triple patterns bind is bound in every solution), ``P`` is a basic
    graph pattern, and ``P`` shares a variable with those triple patterns: MINUS then
    removes exactly the solutions for which ``P``, with their values put in, has a match.
    Anything else (OPTIONAL, UNION, nested groups, ``$this`` only inside ``P``) keeps the
    NOT EXISTS, and so does a ``P`` of one triple pattern, which pyoxigraph already
    evaluates fast.

    >>> minus_form('SELECT $this WHERE { $this ex:p ?o . '
    ...            'FILTER NOT EXISTS { ?s ex:q $this ; ex:r ?o } }')
    'SELECT $this WHERE { $this ex:p ?o .   MINUS { ?s ex:q $this ; ex:r ?o } }'
    >>> query = ('SELECT $this WHERE { $this ex:p ?o . OPTIONAL { ?o ex:q ?x } '
    ...          'FILTER NOT EXISTS { ?s ex:q ?x ; ex:r ?o } }')
    >>> minus_form(query) == query
    True
    """
    masked = _HIDDEN.sub(lambda m: " " * len(m.group(0)), select)
    open_at = masked.find("{")
    close_at = _closing(masked, open_at) if open_at >= 0 else None
    if close_at is None or masked[close_at + 1 :].strip():
        return select  # no plain WHERE group, or solution modifiers after it
    if any(name in _VARIABLE.findall(masked) for name in _PREBOUND):
        return select
    blocks = _top_level_not_exists(masked, open_at, close_at)
    if not blocks:
        return select
    outer = _FILTER_CALL.sub(" ", _without(masked, open_at + 1, close_at, blocks))
    bound = set(_VARIABLE.findall(outer))
    if _NOT_A_BGP.search(outer):
        return select
    for _, inner_start, end in blocks:
        inner = masked[inner_start:end]
        used = set(_VARIABLE.findall(inner))
        if _NOT_A_BGP.search(inner) or not used & bound or "this" in used - bound:
            return select
        if not re.search(r"[.;,]\s*\S", inner.strip()):
            return select  # one triple pattern
    kept, moved, last = [], [], open_at + 1
    for start, inner_start, end in blocks:
        kept.append(select[last:start])
        moved.append(f" MINUS {{{select[inner_start:end]}}}")
        last = end + 1
    kept.append(select[last:close_at])
    return select[: open_at + 1] + "".join(kept) + "".join(moved) + " " + select[close_at:]


def _top_level_not_exists(masked: str, open_at: int, close_at: int) -> list[tuple[int, int, int]]:
    """(start, body start, closing brace) of each ``FILTER NOT EXISTS {`` directly in the
    group that opens at ``open_at``; empty if one sits deeper or cannot be closed."""
    blocks: list[tuple[int, int, int]] = []
    for match in _NOT_EXISTS.finditer(masked, open_at + 1, close_at):
        if blocks and match.start() < blocks[-1][2]:
            continue  # inside the previous block
        prefix = masked[open_at : match.start()]
        depth = prefix.count("{") - prefix.count("}")
        end = _closing(masked, match.end() - 1)
        if depth != 1 or prefix.count("(") != prefix.count(")") or end is None:
            return []
        blocks.append((match.start(), match.end(), end))
    return blocks


def _closing(masked: str, open_at: int) -> int | None:
    """The index of the brace that closes the one at ``open_at``."""
    depth = 0
    for index in range(open_at, len(masked)):
        if masked[index] == "{":
            depth += 1
        elif masked[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


def _without(masked: str, start: int, end: int, blocks: list[tuple[int, int, int]]) -> str:
    """``masked[start:end]`` without the blocks."""
    pieces, last = [], start
    for block_start, _, block_end in blocks:
        pieces.append(masked[last:block_start])
        last = block_end + 1
    pieces.append(masked[last:end])
    return " ".join(pieces)
