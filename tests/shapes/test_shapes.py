"""Every SHACL shape has a valid and an invalid example, and each invalid example gives
exactly the results it expects.

Each file in ``cases/`` is self-describing: a node with ``test:expect shape:X`` must
produce results from exactly those shapes (property shapes, or node shapes for SPARQL
constraints); every other node of the file must produce none. Cases are validated in
the context of the ontology, the shipped vocabularies and ``context.ttl``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF

from mea_graph._rdf import to_rdflib
from mea_graph.sources import read_turtle_file
from mea_graph.validation import load_shapes, validate

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.ttl"))
TEST = rdflib.Namespace("https://w3id.org/mea-graph/test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _graph(*paths: Path) -> rdflib.Graph:
    return to_rdflib(q for p in paths for q in read_turtle_file(p, graph="urn:test"))


@pytest.fixture(scope="module")
def shapes(layout) -> rdflib.Graph:
    return load_shapes(layout.shape_paths())


@pytest.fixture(scope="module")
def context(layout) -> list[Path]:
    data = layout.data_dir
    return [
        *sorted(layout.ontology_dir.glob("*.ttl")),
        data / "vocabularies.ttl",
        data / "themes.ttl",
        HERE / "context.ttl",
    ]


def _node_shapes(shapes: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, rdflib.URIRef)}


def _checked_shapes(shapes: rdflib.Graph) -> set[rdflib.URIRef]:
    """Every property shape, plus every node shape that carries SPARQL constraints."""
    properties = {s for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    with_sparql = {s for s in _node_shapes(shapes) if (s, SH.sparql, None) in shapes}
    return properties | with_sparql


def test_case_files_are_there():
    assert len(CASES) >= 20, "the shape test cases went missing"


def test_every_node_shape_has_a_valid_and_an_invalid_example(shapes):
    covered_valid, covered_invalid = set(), set()
    for case in CASES:
        graph = _graph(case)
        for shape in graph.objects(None, TEST.validFor):
            covered_valid.add(shape)
        for shape in graph.objects(None, TEST.expect):
            covered_invalid.add(shape)
    node_shapes = _node_shapes(shapes)
    missing_valid = node_shapes - covered_valid
    assert not missing_valid, f"node shapes without a valid example: {sorted(missing_valid)}"
    shape_of_property = {p: n for n, p in shapes.subject_objects(SH.property)}
    invalid_nodes = {shape_of_property.get(s, s) for s in covered_invalid}
    missing_invalid = node_shapes - invalid_nodes
    assert not missing_invalid, f"node shapes without an invalid example: {sorted(missing_invalid)}"


def test_every_constraint_is_exercised(shapes):
    expected = set()
    for case in CASES:
        expected |= set(_graph(case).objects(None, TEST.expect))
    missing = _checked_shapes(shapes) - expected
    assert not missing, f"constraints no invalid example triggers: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, shapes, context):
    data = _graph(case, *context)
    case_graph = _graph(case)
    case_nodes = {str(s) for s in case_graph.subjects() if isinstance(s, rdflib.URIRef)}
    report = validate(data, shapes)
    got: dict[str, set[str]] = defaultdict(set)
    for result in report.results:
        if result.focus_node in case_nodes:
            got[result.focus_node].add(result.shape)
    expected = {
        str(node): {str(shape) for shape in case_graph.objects(node, TEST.expect)}
        for node in case_graph.subjects()
        if isinstance(node, rdflib.URIRef)
    }
    expected = {node: shapes_ for node, shapes_ in expected.items() if shapes_ or node in got}
    assert {n: s for n, s in got.items()} == {n: s for n, s in expected.items() if s}
