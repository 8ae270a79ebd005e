"""SHACL validation with pyshacl, and its findings as plain data.

Findings are data, not exceptions: a :class:`ValidationReport` keeps violations,
warnings and infos apart, and :meth:`ValidationReport.raise_for_violations` is there for
callers that want an exception.

>>> shapes = parse_turtle('''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name" ] .''')
>>> data = parse_turtle('@prefix ex: <http://example.org/> . ex:a a ex:C .')
>>> report = validate(data, shapes)
>>> report.conforms, [r.message for r in report.violations]
(False, ['needs a name'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import RDF, RDFS

from ._rdf import to_oxigraph, to_rdflib
from ._sparql_constraints import SparqlFinding, evaluate, split_sparql_constraints
from ._sparql_core import CompiledShape, CoreFinding, compile_core, evaluate_core, load_store
from .errors import MeaGraphError, ValidationFailed
from .namespaces import SH, SKOS
from .sources import read_turtle_file


class Severity(Enum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @classmethod
    def from_iri(cls, iri: rdflib.term.Node) -> Severity:
        return cls(str(iri).rsplit("#", 1)[-1])


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL finding, with what a person needs to fix it."""

    severity: Severity
    focus_node: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    shape: str | None
    source_files: tuple[str, ...] = ()


@dataclass
class ValidationReport:
    """All findings of one validation run."""

    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is Severity.VIOLATION]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is Severity.WARNING]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos do not count)."""
        return not self.violations

    def raise_for_violations(self) -> None:
        if not self.conforms:
            raise ValidationFailed(self)


def parse_turtle(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


def load_shapes(paths: Iterable[Path]) -> rdflib.Graph:
    """The union of the shapes files; a malformed file raises ``DataFileError``."""
    quads = [q for path in paths for q in read_turtle_file(path, graph="urn:mea-graph:shapes")]
    return to_rdflib(quads)


def validate(
    data: rdflib.Graph,
    shapes: rdflib.Graph,
    *,
    sources_of: Mapping[str, Iterable[str]] | None = None,
) -> ValidationReport:
    """Validate ``data`` (which should include the ontology's class hierarchy) against
    ``shapes``. ``sources_of`` maps subject IRIs to the files that describe them.

    Core constraints that :mod:`mea_graph._sparql_core` supports run as SPARQL on
    pyoxigraph and are checked exactly on ``data``; node shapes that use anything else run
    in pyshacl. SPARQL constraints run on pyoxigraph, one query each (see
    :mod:`mea_graph._sparql_constraints`). The findings are pyshacl's in every case.
    """
    core, constraints = split_sparql_constraints(shapes)
    sources_of = sources_of or {}
    compiled: list[CompiledShape] = []
    rest = core
    try:
        store = load_store(data)
    except MeaGraphError:  # pyoxigraph would merge literals rdflib keeps apart
        store = to_oxigraph(data)
    else:
        compiled, rest = compile_core(core)
    results = [
        _core_result(finding, data, sources_of) for finding in evaluate_core(store, data, compiled)
    ]
    if len(rest):
        _, results_graph, text = pyshacl.validate(
            data, shacl_graph=rest, inference="none", advanced=True, allow_warnings=True
        )
        if not isinstance(results_graph, rdflib.Graph):  # pyshacl could not run the shapes
            raise MeaGraphError(f"SHACL shapes could not be applied: {text}")
        results.extend(
            _result(results_graph, node, data, sources_of)
            for node in results_graph.subjects(RDF.type, SH.ValidationResult)
        )
    for constraint in constraints:
        results.extend(
            _sparql_result(finding, data, sources_of) for finding in evaluate(store, constraint)
        )
    results.sort(key=lambda r: (r.severity.value != "Violation", r.focus_node, r.path or ""))
    return ValidationReport(results)


def _core_result(finding: CoreFinding, data: rdflib.Graph, sources_of) -> ValidationResult:
    return ValidationResult(
        severity=Severity.from_iri(rdflib.URIRef(finding.severity)),
        focus_node=finding.focus,
        focus_label=label_of(data, _node(finding.focus)),
        path=finding.path,
        value=finding.value,
        message="; ".join(finding.messages) or "constraint not met",
        shape=finding.shape,
        source_files=tuple(sorted(sources_of.get(finding.focus, ()))),
    )


def _node(text: str) -> rdflib.term.Node:
    """The IRI or blank node that a finding names by its string."""
    return rdflib.URIRef(text) if ":" in text else rdflib.BNode(text)


def _sparql_result(finding: SparqlFinding, data: rdflib.Graph, sources_of) -> ValidationResult:
    focus = finding.focus.value
    return ValidationResult(
        severity=Severity.from_iri(rdflib.URIRef(finding.constraint.severity)),
        focus_node=focus,
        focus_label=label_of(data, rdflib.URIRef(focus)),
        path=finding.path.value if finding.path is not None else None,
        value=finding.value.value if finding.value is not None else None,
        message=finding.message(),
        shape=finding.constraint.shape,
        source_files=tuple(sorted(sources_of.get(focus, ()))),
    )


def _result(results: rdflib.Graph, node, data: rdflib.Graph, sources_of) -> ValidationResult:
    def one(predicate):
        value = results.value(node, predicate)
        return None if value is None else str(value)

    focus = results.value(node, SH.focusNode)
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage))
    return ValidationResult(
        severity=Severity.from_iri(results.value(node, SH.resultSeverity)),
        focus_node=str(focus),
        focus_label=label_of(data, focus),
        path=one(SH.resultPath),
        value=one(SH.value),
        message="; ".join(messages) or "constraint not met",
        shape=one(SH.sourceShape),
        source_files=tuple(sorted(sources_of.get(str(focus), ()))),
    )


def label_of(graph: rdflib.Graph, node, language: str = "en") -> str | None:
    """The node's label in ``language``, else any label, else ``None``."""
    labels = [*graph.objects(node, SKOS.prefLabel), *graph.objects(node, RDFS.label)]
    for label in labels:
        if getattr(label, "language", None) == language:
            return str(label)
    return str(labels[0]) if labels else None
