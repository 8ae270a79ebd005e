"""SHACL validation, with pyshacl as the reference, and its findings as plain data.

Findings are data, not exceptions: a :class:`ValidationReport` keeps violations,
warnings and infos apart, and :meth:`ValidationReport.raise_for_violations` is there for
callers that want an exception.

Two ways in. :func:`validate` takes an rdflib graph. :func:`validate_triples` takes
pyoxigraph triples (and :func:`validate_files` RDF files) and never builds an rdflib graph
of the data: it loads them into an in-memory pyoxigraph store, checks that rdflib would
have read every literal the way the store holds it (else it falls back to
:func:`validate`), and runs :func:`validate_store`. A million triples validate in about
6 s that way, instead of 80 s through rdflib. Both give pyshacl's findings (the tests
compare).

>>> shapes = parse_turtle('''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name" ] .''')
>>> data = parse_turtle('@prefix ex: <http://example.org/> . ex:a a ex:C .')
>>> report = validate(data, shapes)
>>> report.conforms, [r.message for r in report.violations]
(False, ['needs a name'])
>>> text = '@prefix ex: <http://example.org/> . ex:a a ex:C .'
>>> triples = list(ox.parse(text, format=ox.RdfFormat.TURTLE))
>>> [r.message for r in validate_triples(lambda: triples, shapes).violations]
['needs a name']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, RDFS, XSD

from ._rdf import to_oxigraph, to_rdflib
from ._sparql_constraints import SparqlFinding, evaluate, split_sparql_constraints
from ._sparql_core import (
    CoreFinding,
    Data,
    StoreView,
    candidates,
    check_candidates,
    class_closure,
    compile_core,
    load_store,
)
from .dataset import rdf_errors, read_triples
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
    try:
        store = load_store(data)
    except MeaGraphError:  # pyoxigraph would merge literals rdflib keeps apart
        return _validate(to_oxigraph(data), shapes, data, sources_of, core_in_sparql=False)
    return _validate(store, shapes, data, sources_of)


def validate_store(
    store: ox.Store,
    shapes: rdflib.Graph,
    *,
    sources_of: Mapping[str, Iterable[str]] | None = None,
) -> ValidationReport:
    """Validate the default graph of ``store`` against ``shapes``, reading the data from
    the store only (an rdflib copy is made only if some shape needs pyshacl).

    The findings are pyshacl's on the same triples provided the store holds every term
    as rdflib would: :func:`validate_triples` checks that before it calls this.
    """
    return _validate(store, shapes, None, sources_of)


def validate_triples(
    read: Callable[[], Iterable[ox.Triple]],
    shapes: rdflib.Graph,
    *,
    sources_of: Mapping[str, Iterable[str]] | None = None,
) -> ValidationReport:
    """Validate the triples that ``read()`` gives, without an rdflib graph of them.

    The triples go into an in-memory store. If one of their literals would be written
    differently by rdflib and by the store (``"1.0"^^xsd:decimal`` is ``1`` in the store,
    ``"01"^^xsd:integer`` is ``1`` in both), ``read()`` is called again and the
    triples go through :func:`validate`, so that the findings are still pyshacl's.
    """
    store, literals = ox.Store(), _TypedLiterals()
    store.extend(literals.watch(read()))  # type: ignore[arg-type]  # triples: default graph
    return _validate_loaded(store, literals, shapes, read, sources_of)


def validate_files(paths: Iterable[Path], shapes: rdflib.Graph) -> ValidationReport:
    """Validate the union of RDF files (Turtle, N-Triples or N-Quads, by suffix; graph
    names are dropped) as :func:`validate_triples` does.

    N-Triples files without blank nodes go straight to pyoxigraph's bulk loader, and only
    their lines with a datatype (``^^``) are parsed in Python, to check the literals:
    a million triples load in 2.4 s instead of 3.9 s. Raises
    :class:`~mea_graph.errors.DataFileError` for a malformed file.
    """
    chosen = list(paths)
    store, literals = ox.Store(), _TypedLiterals()
    for path in chosen:
        _load_file(store, path, literals)

    def read() -> Iterator[ox.Triple]:
        for path in chosen:
            yield from read_triples(path)

    return _validate_loaded(store, literals, shapes, read, None)


def _load_file(store: ox.Store, path: Path, literals: _TypedLiterals) -> None:
    """Add the triples of ``path`` to the default graph of ``store``."""
    if path.suffix == ".nt":
        with rdf_errors(path):
            text = path.read_bytes()
        if b"_:" not in text:  # the bulk loader renames blank nodes; the parser does not
            with rdf_errors(path):
                store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES)
            literals.see(ox.parse(_lines_with(text, b"^^"), format=ox.RdfFormat.N_TRIPLES))
            return
    store.extend(literals.watch(read_triples(path)))  # type: ignore[arg-type]  # as above


def _lines_with(text: bytes, piece: bytes) -> bytes:
    """The lines of ``text`` that contain ``piece``.

    >>> _lines_with(b"a .\\nb^^c .\\nd .\\ne^^", b"^^").split()
    [b'b^^c', b'.', b'e^^']
    """
    lines = []
    at = text.find(piece)
    while at >= 0:
        end = text.find(b"\n", at)
        end = len(text) if end < 0 else end
        lines.append(text[text.rfind(b"\n", 0, at) + 1 : end])
        at = text.find(piece, end)
    return b"\n".join(lines)


def _validate_loaded(
    store: ox.Store,
    literals: _TypedLiterals,
    shapes: rdflib.Graph,
    read: Callable[[], Iterable[ox.Triple]],
    sources_of: Mapping[str, Iterable[str]] | None,
) -> ValidationReport:
    """:func:`validate_store` if the store holds the literals as rdflib would, else
    :func:`validate` on an rdflib graph of ``read()``."""
    if literals.same_in_rdflib():
        return validate_store(store, shapes, sources_of=sources_of)
    del store
    return validate(to_rdflib(read()), shapes, sources_of=sources_of)


def with_sources(
    report: ValidationReport, files_of: Callable[[Collection[str]], Mapping[str, Iterable[str]]]
) -> ValidationReport:
    """``report`` with the source files of each focus node, asked from ``files_of`` once
    for all the focus nodes of the report (so nothing is looked up when it is empty)."""
    if not report.results:
        return report
    files = files_of({r.focus_node for r in report.results})
    return ValidationReport(
        [
            replace(r, source_files=tuple(sorted(files.get(r.focus_node, ()))))
            for r in report.results
        ]
    )


class _TypedLiterals:
    """Collects the typed literals of triples on their way to a store, to tell whether
    rdflib would read each of them as the store holds it (pyoxigraph keeps some
    datatypes in a canonical form; rdflib normalises its own way)."""

    _PLAIN = {str(XSD.string), str(RDF.langString)}

    def __init__(self) -> None:
        self.seen: set[ox.Literal] = set()

    def watch(self, triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
        """The triples, unchanged; their typed literals are kept aside."""
        seen, plain, literal = self.seen, self._PLAIN, ox.Literal
        for triple in triples:
            term = triple.object
            if type(term) is literal and not term.language and term.datatype.value not in plain:
                seen.add(term)
            yield triple

    def see(self, triples: Iterable[ox.Triple]) -> None:
        """Keep the typed literals of ``triples``."""
        for _ in self.watch(triples):
            pass

    def same_in_rdflib(self) -> bool:
        """True if every literal seen has the same lexical form in a pyoxigraph store
        and in rdflib.

        >>> literals = _TypedLiterals()
        >>> xsd = "http://www.w3.org/2001/XMLSchema#"
        >>> def sees(text, datatype):
        ...     term = ox.Literal(text, datatype=ox.NamedNode(xsd + datatype))
        ...     return list(literals.watch([ox.Triple(ox.NamedNode("http://e/a"),
        ...                                           ox.NamedNode("http://e/p"), term)]))
        >>> _ = sees("2020-01-01", "date"), sees("01", "integer")
        >>> literals.same_in_rdflib()
        True
        >>> _ = sees("1.0", "decimal")
        >>> literals.same_in_rdflib()
        False
        """
        literals = sorted(self.seen, key=str)
        scratch = ox.Store()
        predicate = ox.NamedNode("urn:mea-graph:literal")
        scratch.extend(
            ox.Quad(ox.NamedNode(f"urn:mea-graph:literal:{i}"), predicate, term)
            for i, term in enumerate(literals)
        )
        stored = {int(q.subject.value.rsplit(":", 1)[1]): q.object.value for q in scratch}
        return all(
            stored[i] == str(rdflib.Literal(term.value, datatype=term.datatype.value))
            for i, term in enumerate(literals)
        )


_QUERY_THREADS = min(4, os.cpu_count() or 1)


def _validate(
    store: ox.Store,
    shapes: rdflib.Graph,
    data: rdflib.Graph | None,
    sources_of: Mapping[str, Iterable[str]] | None,
    *,
    core_in_sparql: bool = True,
) -> ValidationReport:
    """The findings on ``store``; the exact checks, labels and pyshacl read ``data``, or
    the store itself when ``data`` is ``None``.

    The queries run side by side on a few threads (pyoxigraph releases the GIL while it
    evaluates), and their rows are checked here, in order.
    """
    core, constraints = split_sparql_constraints(shapes)
    sources = sources_of or {}
    view: Data = StoreView(store) if data is None else data
    compiled, rest = (
        compile_core(core, classes=class_closure(store)) if core_in_sparql else ([], core)
    )
    results: list[ValidationResult] = []
    with ThreadPoolExecutor(max_workers=_QUERY_THREADS) as pool:
        core_rows = [pool.submit(candidates, store, shape) for shape in compiled]
        sparql_rows = [pool.submit(list, evaluate(store, c)) for c in constraints]
        if len(rest):
            graph = data if data is not None else _rdflib_copy(store)
            results.extend(_pyshacl_results(graph, rest, view, sources))
        for shape, rows in zip(compiled, core_rows, strict=True):
            found = check_candidates(shape, rows.result(), view)
            results.extend(_core_result(f, view, sources) for f in found)
        for job in sparql_rows:
            results.extend(_sparql_result(f, view, sources) for f in job.result())
    results.sort(key=lambda r: (r.severity.value != "Violation", r.focus_node, r.path or ""))
    return ValidationReport(results)


def _rdflib_copy(store: ox.Store) -> rdflib.Graph:
    """The store's default graph as an rdflib graph, for the shapes pyshacl runs."""
    return to_rdflib(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def _pyshacl_results(
    data: rdflib.Graph, shapes: rdflib.Graph, view: Data, sources_of
) -> list[ValidationResult]:
    _, results_graph, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if not isinstance(results_graph, rdflib.Graph):  # pyshacl could not run the shapes
        raise MeaGraphError(f"SHACL shapes could not be applied: {text}")
    return [
        _result(results_graph, node, view, sources_of)
        for node in results_graph.subjects(RDF.type, SH.ValidationResult)
    ]


def _core_result(finding: CoreFinding, data: Data, sources_of) -> ValidationResult:
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


def _sparql_result(finding: SparqlFinding, data: Data, sources_of) -> ValidationResult:
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


def _result(results: rdflib.Graph, node, data: Data, sources_of) -> ValidationResult:
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


def label_of(graph: Data, node, language: str = "en") -> str | None:
    """The node's label in ``language``, else any label, else ``None``."""
    labels = [*graph.objects(node, SKOS.prefLabel), *graph.objects(node, RDFS.label)]
    for label in labels:
        if getattr(label, "language", None) == language:
            return str(label)
    return str(labels[0]) if labels else None
