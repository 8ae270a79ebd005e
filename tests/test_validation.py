"""The fast validator (pyshacl for core constraints, pyoxigraph for SPARQL constraints)
gives exactly what pyshacl alone gives: pyshacl stays the reference."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF

from mea_graph._rdf import to_rdflib
from mea_graph.dataset import Dataset
from mea_graph.sources import read_turtle_file
from mea_graph.validation import load_shapes, validate

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


def ours(data: rdflib.Graph, shapes: rdflib.Graph) -> set[tuple]:
    return {
        (r.focus_node, r.shape, r.severity.value, r.path, r.value)
        for r in validate(data, shapes).results
    }


@pytest.fixture(scope="module")
def shapes(layout) -> rdflib.Graph:
    return load_shapes(layout.shape_paths())


def test_case_files_agree_with_pyshacl(layout, shapes):
    context = [
        *layout.ontology_dir.glob("*.ttl"),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
        Path(__file__).parent / "shapes" / "context.ttl",
    ]
    data = to_rdflib(q for p in [*CASES, *context] for q in read_turtle_file(p, graph="urn:t"))
    expected = reference(data, shapes)
    assert len(expected) > 100  # the cases do produce many results
    assert ours(data, shapes) == expected


@pytest.mark.slow
def test_shipped_data_agrees_with_pyshacl(layout, shapes):
    data = Dataset.read(layout).union_graph()
    assert ours(data, shapes) == reference(data, shapes)
