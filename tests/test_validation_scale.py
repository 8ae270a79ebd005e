"""At scale, the fast validator gives pyshacl's findings (issue 6).

The 100k synthetic graph of ``bench/generate.py`` gets a dozen deliberate violations of
different kinds (missing, ill-typed and malformed values, a dangling IRI, a link to the
wrong class, a lineage triple without provenance, an untyped resource, a missing
warning-level property). :func:`mea_graph.validation.validate_files` loads the files
straight into pyoxigraph; pyshacl validates an rdflib graph of the same files and stays
the reference.

pyshacl runs the core constraints of every shape on the whole graph (about 30 s), and the
reports must be identical, result for result. It cannot do the same for the SPARQL
constraints in a test: rdflib evaluates each one once per focus node over the whole graph
(about 120 s for ``shape:Entity``; about 60 s *per focus node* for the provenance check of
``shape:LegalResource``, some 7 hours for its 421 focus nodes). So the SPARQL constraints
are checked against their definition in SHACL, the query run once per focus node with
``$this`` pre-bound (on pyoxigraph, without our rewriting), for every focus node; and
pyshacl checks them on a sample of focus nodes that includes every node either side
reports, except for the provenance check, which pyshacl checks in full on the shipped
data and the shape test cases (``tests/test_validation.py``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from bench.generate import SYNTHETIC_BASE, write_file
from mea_graph._rdf import to_rdflib
from mea_graph._sparql_constraints import split_sparql_constraints
from mea_graph.dataset import read_triples
from mea_graph.validation import ValidationReport, load_shapes, validate_files

pytestmark = pytest.mark.slow

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHAPE = "https://w3id.org/mea-graph/shapes#"
MEA = "https://w3id.org/mea-graph/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT_SUBJECT = "http://purl.org/dc/terms/subject"
TYPE = ox.NamedNode(str(RDF.type))
SLOW_IN_PYSHACL = SHAPE + "LegalResource"  # its SPARQL constraint: ~60 s per focus node
SAMPLE = 100  # focus nodes per SPARQL constraint that pyshacl checks besides the reported ones

Key = tuple  # (focus, shape, severity, path, value)


@dataclass(frozen=True)
class Broken:
    """The files to validate (context and broken graph) and what they must give."""

    paths: list[Path]
    core: set[Key]  # results the injected violations give, from core constraints
    sparql: set[Key]  # and from SPARQL constraints


# ------------------------------------------------------------------------ reports


def pyshacl_report(data: rdflib.Graph, shapes: rdflib.Graph, **options) -> Counter[Key]:
    """pyshacl on its own: each result's focus, shape, severity, path and value."""
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, **options
    )
    found: Counter[Key] = Counter()
    for node in results.subjects(RDF.type, SH.ValidationResult):
        focus, shape, severity, path, value = (
            None if (v := results.value(node, p)) is None else str(v)
            for p in (SH.focusNode, SH.sourceShape, SH.resultSeverity, SH.resultPath, SH.value)
        )
        found[(focus, shape, severity.rsplit("#", 1)[-1], path, value)] += 1
    return found


def our_report(report: ValidationReport) -> Counter[Key]:
    return Counter(
        (r.focus_node, r.shape, r.severity.value, r.path, r.value) for r in report.results
    )


def differences(ours: Counter[Key], reference: Counter[Key]) -> str:
    return (
        f"only ours: {sorted((ours - reference).elements())[:10]}; "
        f"only the reference's: {sorted((reference - ours).elements())[:10]}"
    )


# ------------------------------------------------------------------ the broken graph


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(name)


def first_of(triples: list[ox.Triple], cls: str) -> ox.NamedNode:
    """The instance of ``cls`` with the smallest IRI (the generator is deterministic)."""
    return min(
        (t.subject for t in triples if t.predicate == TYPE and t.object == node(MEA + cls)),
        key=lambda s: s.value,
    )


def inject(triples: list[ox.Triple]) -> tuple[list[ox.Triple], set[Key], set[Key]]:
    """The triples with deliberate violations, and the core and SPARQL constraint results
    they must give (worked out by hand from the shapes)."""
    paragraph, mandate = first_of(triples, "Paragraph"), first_of(triples, "Mandate")
    meeting, instrument = first_of(triples, "Meeting"), first_of(triples, "Resolution")
    entity, decision = (
        first_of(triples, "NonGovernmentalOrganization"),
        first_of(triples, "Decision"),
    )
    nowhere = node(SYNTHETIC_BASE + "org/nowhere")
    untyped = node(SYNTHETIC_BASE + "org/untyped")
    operative_verb = node(MEA + "operativeVerb")
    verb = next(t.object for t in triples if t.subject == mandate and t.predicate == operative_verb)

    def drop(subject, predicate: str, language: str | None = None) -> None:
        triples[:] = [
            t
            for t in triples
            if not (
                t.subject == subject
                and t.predicate == node(predicate)
                and (language is None or getattr(t.object, "language", None) == language)
            )
        ]

    def add(subject, predicate: str, obj) -> None:
        triples.append(ox.Triple(subject, node(predicate), obj))

    drop(paragraph, MEA + "inDocument")  # 1. a missing required property
    drop(entity, SKOS + "prefLabel", "fr")  # 2. a missing French label
    add(mandate, MEA + "deadline", ox.Literal("soon"))  # 3. a string for an xsd:date
    add(paragraph, MEA + "order", ox.Literal("x", datatype=node(XSD + "integer")))  # 4. two
    add(mandate, MEA + "addressee", nowhere)  # 5. a dangling IRI, and not an actor
    drop(paragraph, ELI + "number")
    add(paragraph, ELI + "number", ox.Literal("12-b"))  # 6. a malformed number
    add(meeting, MEA + "startDate", ox.Literal("1999-01-01", datatype=node(XSD + "date")))  # 7.
    add(mandate, DCT_SUBJECT, verb)  # 8. a theme from another scheme
    add(decision, ELI + "amends", instrument)  # 9. lineage without its rdf:Statement
    add(untyped, SKOS + "prefLabel", ox.Literal("Untyped", language="en"))  # 10. no rdf:type
    drop(instrument, MEA + "status")  # 11. a warning: no status
    core = {
        (paragraph.value, SHAPE + "Paragraph-inDocument", "Violation", MEA + "inDocument", None),
        (entity.value, SHAPE + "Entity-prefLabel-fr", "Violation", SKOS + "prefLabel", None),
        (mandate.value, SHAPE + "Mandate-deadline", "Violation", MEA + "deadline", "soon"),
        (paragraph.value, SHAPE + "Paragraph-order", "Violation", MEA + "order", None),
        (paragraph.value, SHAPE + "Paragraph-order", "Violation", MEA + "order", "x"),
        (mandate.value, SHAPE + "Mandate-addressee", "Violation", MEA + "addressee", nowhere.value),
        (paragraph.value, SHAPE + "Paragraph-number", "Violation", ELI + "number", "12-b"),
        (meeting.value, SHAPE + "Event-startDate", "Violation", MEA + "startDate", None),
        (mandate.value, SHAPE + "Mandate-theme", "Violation", DCT_SUBJECT, verb.value),
        (untyped.value, SHAPE + "Untyped-type", "Violation", str(RDF.type), None),
        (instrument.value, SHAPE + "Instrument-status-required", "Warning", MEA + "status", None),
    }
    sparql = {
        (mandate.value, SHAPE + "Entity", "Violation", MEA + "addressee", nowhere.value),
        (decision.value, SHAPE + "LegalResource", "Violation", ELI + "amends", instrument.value),
    }
    return triples, core, sparql


@pytest.fixture(scope="module")
def broken(layout, tmp_path_factory) -> Broken:
    folder = tmp_path_factory.mktemp("scale")
    generated = folder / "synthetic-100k.nt"
    write_file(generated, triples=100_000, seed=1)
    triples, core, sparql = inject(read_triples(generated))
    path = folder / "broken-100k.nt"
    ox.serialize(triples, output=str(path), format=ox.RdfFormat.N_TRIPLES)
    context = [
        *sorted(layout.ontology_dir.glob("*.ttl")),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
    ]
    return Broken([*context, path], core, sparql)


@pytest.fixture(scope="module")
def graph(broken) -> rdflib.Graph:
    """What pyshacl validates: an rdflib graph of the same files."""
    return to_rdflib(t for p in broken.paths for t in read_triples(p))


@pytest.fixture(scope="module")
def shapes(layout) -> rdflib.Graph:
    return load_shapes(layout.shape_paths())


# -------------------------------------------------------------------------- tests


def test_core_constraints_at_100k_agree_with_pyshacl(broken, graph, shapes):
    core = split_sparql_constraints(shapes)[0]
    ours = our_report(validate_files(broken.paths, core))
    assert broken.core <= set(ours), f"not found: {sorted(broken.core - set(ours))}"
    reference = pyshacl_report(graph, core)
    assert ours == reference, differences(ours, reference)


def test_sparql_constraints_at_100k_agree_with_their_definition(broken, graph, shapes):
    ours = our_report(validate_files(broken.paths, sparql_only(shapes)))
    assert broken.sparql <= set(ours), f"not found: {sorted(broken.sparql - set(ours))}"
    store = ox.Store()
    store.extend(t for p in broken.paths for t in read_triples(p))
    reference = by_definition(store, graph, shapes)
    assert ours == reference, differences(ours, reference)


def test_sparql_constraints_at_100k_agree_with_pyshacl_on_a_sample(broken, graph, shapes):
    """pyshacl on every focus node that either side reports and on a sample of others
    (see the module docstring for the one constraint left out)."""
    fast = sparql_only(shapes, leave_out=SLOW_IN_PYSHACL)
    ours = our_report(validate_files(broken.paths, fast))
    focus_nodes = sorted({rdflib.URIRef(k[0]) for k in ours} | sample_of_focus_nodes(graph, fast))
    assert len(focus_nodes) > SAMPLE  # a few hundred, of the three node shapes
    reference = pyshacl_report(graph, fast, focus_nodes=focus_nodes)
    assert sum(reference.values()) > 0
    assert ours == reference, differences(ours, reference)


def test_the_whole_report_is_the_sum_of_its_parts(broken, shapes):
    whole = our_report(validate_files(broken.paths, shapes))
    core = our_report(validate_files(broken.paths, split_sparql_constraints(shapes)[0]))
    sparql = our_report(validate_files(broken.paths, sparql_only(shapes)))
    assert whole == core + sparql
    assert broken.core | broken.sparql <= set(whole)


# ------------------------------------------------------------------------ helpers


def sparql_only(shapes: rdflib.Graph, leave_out: str | None = None) -> rdflib.Graph:
    """The shapes with only their SPARQL constraints (but ``leave_out``'s): node shapes
    without one lose their targets, node shapes with one lose their property shapes and
    patterns."""
    only = rdflib.Graph()
    only += shapes
    carriers = {s for s in shapes.subjects(SH.sparql) if str(s) != leave_out}
    for shape in {*shapes.subjects(SH.targetClass), *shapes.subjects(SH.target)}:
        if shape in carriers:
            only.remove((shape, SH.property, None))
            only.remove((shape, SH.pattern, None))
        else:
            only.remove((shape, SH.targetClass, None))
            only.remove((shape, SH.target, None))
            only.remove((shape, SH.sparql, None))
    return only


def focus_nodes_of(graph: rdflib.Graph, shapes: rdflib.Graph, shape) -> set:
    """The focus nodes of a node shape's ``sh:targetClass`` and ``sh:target``, read
    from the rdflib graph (not by our code)."""
    found = set()
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            found.update(graph.subjects(RDF.type, sub))
    for target in shapes.objects(shape, SH.target):
        select = str(shapes.value(target, SH.select))
        prefixes = prefixes_of(shapes, target)
        found.update(row[0] for row in graph.query(select, initNs=prefixes))
    return found


def prefixes_of(shapes: rdflib.Graph, holder) -> dict[str, str]:
    return {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for p in shapes.objects(holder, SH.prefixes)
        for d in shapes.objects(p, SH.declare)
    }


def by_definition(store: ox.Store, graph: rdflib.Graph, shapes: rdflib.Graph) -> Counter[Key]:
    """Each SPARQL constraint as SHACL defines it: its SELECT, unchanged, once per focus
    node with ``$this`` pre-bound; an unbound ``?value`` is the focus node."""
    found: Counter[Key] = Counter()
    this = ox.Variable("this")
    for constraint in split_sparql_constraints(shapes)[1]:
        shape = rdflib.URIRef(constraint.shape)
        severity = constraint.severity.rsplit("#", 1)[-1]
        for focus in sorted(focus_nodes_of(graph, shapes, shape)):
            bound = {this: ox.NamedNode(str(focus))}
            rows = store.query(constraint.select, prefixes=constraint.prefixes, substitutions=bound)
            for row in rows:  # type: ignore[union-attr]
                path, value = (value_of(row, name) for name in ("path", "value"))
                found[(str(focus), constraint.shape, severity, path, value or str(focus))] += 1
    return found


def value_of(row: ox.QuerySolution, name: str) -> str | None:
    try:
        term = row[name]
    except KeyError:
        return None
    return None if term is None else term.value


def sample_of_focus_nodes(graph: rdflib.Graph, shapes: rdflib.Graph) -> set:
    """``SAMPLE`` focus nodes of each node shape with a target, spread over its IRIs."""
    chosen = set()
    for shape in {*shapes.subjects(SH.targetClass), *shapes.subjects(SH.target)}:
        nodes = sorted(focus_nodes_of(graph, shapes, shape))
        chosen.update(nodes[:: max(1, len(nodes) // SAMPLE)])
    return chosen
