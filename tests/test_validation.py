"""The fast validator (core constraints compiled to SPARQL, SPARQL constraints, both on
pyoxigraph) gives exactly what pyshacl alone gives: pyshacl stays the reference.

Both ways in are compared: :func:`validate` (an rdflib graph) and the store-only path
(:func:`validate_files`, :func:`validate_triples`), including the literals for which
the store-only path must fall back to rdflib."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF

from mea_graph._rdf import to_rdflib
from mea_graph.dataset import Dataset, read_triples
from mea_graph.sources import read_turtle_file
from mea_graph.validation import (
    ValidationReport,
    load_shapes,
    parse_turtle,
    validate,
    validate_files,
    validate_triples,
)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
CASES = sorted((Path(__file__).parent / "shapes" / "cases").glob("*.ttl"))


def reference(data: rdflib.Graph, shapes: rdflib.Graph) -> set[tuple]:
    """pyshacl on its own, as (focus, shape, severity, path, value) tuples."""
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    found = set()
    for node in results.subjects(RDF.type, SH.ValidationResult):
        focus, shape, severity, path, value = (
            None if (v := results.value(node, p)) is None else str(v)
            for p in (SH.focusNode, SH.sourceShape, SH.resultSeverity, SH.resultPath, SH.value)
        )
        found.add((focus, shape, severity.rsplit("#", 1)[-1], path, value))
    return found


def keys(report: ValidationReport) -> set[tuple]:
    return {(r.focus_node, r.shape, r.severity.value, r.path, r.value) for r in report.results}


def ours(data: rdflib.Graph, shapes: rdflib.Graph) -> set[tuple]:
    return keys(validate(data, shapes))


@pytest.fixture(scope="module")
def shapes(layout) -> rdflib.Graph:
    return load_shapes(layout.shape_paths())


def case_files(layout) -> list[Path]:
    return [
        *CASES,
        *layout.ontology_dir.glob("*.ttl"),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
        Path(__file__).parent / "shapes" / "context.ttl",
    ]


def test_case_files_agree_with_pyshacl(layout, shapes):
    data = to_rdflib(q for p in case_files(layout) for q in read_turtle_file(p, graph="urn:t"))
    expected = reference(data, shapes)
    assert len(expected) > 100  # the cases do produce many results
    assert ours(data, shapes) == expected


def test_case_files_read_into_a_store_agree_with_pyshacl(layout, shapes):
    """The store-only path: no rdflib graph of the data, exact checks on the store."""
    files = case_files(layout)
    expected = reference(to_rdflib(t for p in files for t in read_triples(p)), shapes)
    assert len(expected) > 100
    assert keys(validate_files(files, shapes)) == expected


EX = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
ONE_VALUE = parse_turtle(
    EX + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:n ; sh:maxCount 1 ;"
    ' sh:message "one n" ] .'
)


def test_literals_the_store_would_merge_fall_back_to_rdflib(tmp_path):
    """``1.0`` and ``1.00`` are two values for rdflib but one in a pyoxigraph store: the
    store-only path must notice and still report the second value, as pyshacl does."""
    text = (
        f"<http://example.org/a> <{RDF.type}> <http://example.org/C> .\n"
        f'<http://example.org/a> <http://example.org/n> "1.0"^^<{DECIMAL}> .\n'
        f'<http://example.org/a> <http://example.org/n> "1.00"^^<{DECIMAL}> .\n'
    )
    path = tmp_path / "two.nt"
    path.write_text(text, encoding="utf-8")
    expected = reference(rdflib.Graph().parse(data=text, format="nt"), ONE_VALUE)
    assert len(expected) == 1
    assert keys(validate_files([path], ONE_VALUE)) == expected
    triples = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    assert keys(validate_triples(lambda: triples, ONE_VALUE)) == expected


def test_blank_nodes_in_n_triples_keep_their_labels(tmp_path):
    """N-Triples with blank nodes are parsed, not bulk loaded (the bulk loader renames
    blank nodes, so the same label in two files would become two nodes)."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.nt").write_text(
            f'_:x <{RDF.type}> <http://example.org/C> .\n_:x <http://example.org/n> "{name}" .\n',
            encoding="utf-8",
        )
    report = validate_files([tmp_path / "a.nt", tmp_path / "b.nt"], ONE_VALUE)
    assert [r.message for r in report.results] == ["one n"]  # one node with two values


@pytest.mark.slow
def test_shipped_data_agrees_with_pyshacl(layout, shapes):
    data = Dataset.read(layout).union_graph()
    assert ours(data, shapes) == reference(data, shapes)
