"""The SHACL core constraints compiled to SPARQL give exactly pyshacl's results.

pyshacl is the reference: each test compares whole result multisets (focus, source shape,
severity, path, value and message) with pyshacl's, and checks by hand that deliberate
violations are found."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, XSD

from bench.generate import generate
from mea_graph._rdf import to_rdflib
from mea_graph._sparql_constraints import split_sparql_constraints
from mea_graph._sparql_core import compile_core, evaluate_core, load_store
from mea_graph.dataset import Dataset
from mea_graph.errors import MeaGraphError
from mea_graph.sources import read_turtle_file
from mea_graph.validation import load_shapes, parse_turtle, validate

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHAPE = rdflib.Namespace("https://w3id.org/mea-graph/shapes#")
MEA = rdflib.Namespace("https://w3id.org/mea-graph/ontology#")
ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
CASES = sorted((Path(__file__).parent / "shapes" / "cases").glob("*.ttl"))


def pyshacl_results(data: rdflib.Graph, shapes: rdflib.Graph) -> Counter:
    """pyshacl alone: (focus, shape, severity, path, value, messages) with multiplicity."""
    _, graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    found: Counter = Counter()
    for node in graph.subjects(RDF.type, SH.ValidationResult):
        focus, shape, severity, path, value = (
            None if (v := graph.value(node, p)) is None else str(v)
            for p in (SH.focusNode, SH.sourceShape, SH.resultSeverity, SH.resultPath, SH.value)
        )
        messages = tuple(sorted(str(m) for m in graph.objects(node, SH.resultMessage)))
        found[(focus, shape, severity, path, value, messages)] += 1
    return found


def compiled_results(data: rdflib.Graph, core: rdflib.Graph) -> Counter:
    compiled, rest = compile_core(core)
    assert len(rest) == 0, "every project shape compiles"
    findings = evaluate_core(load_store(data), data, compiled)
    return Counter((f.focus, f.shape, f.severity, f.path, f.value, f.messages) for f in findings)


@pytest.fixture(scope="module")
def core(layout) -> rdflib.Graph:
    """The project's shapes without their SPARQL constraints (those have their own path)."""
    return split_sparql_constraints(load_shapes(layout.shape_paths()))[0]


def context_files(layout) -> list[Path]:
    return [
        *sorted(layout.ontology_dir.glob("*.ttl")),
        layout.data_dir / "vocabularies.ttl",
        layout.data_dir / "themes.ttl",
    ]


@pytest.fixture(scope="module")
def synthetic(layout) -> rdflib.Graph:
    """About 5k generated triples plus the ontology and vocabularies."""
    out = io.StringIO()
    generate(out, triples=5000, seed=3)
    graph = rdflib.Graph().parse(data=out.getvalue(), format="nt")
    return graph + to_rdflib(
        q for p in context_files(layout) for q in read_turtle_file(p, graph="urn:t")
    )


def one_instance(graph: rdflib.Graph, cls) -> rdflib.URIRef:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, rdflib.URIRef))[0]


def test_every_project_shape_is_compiled(core):
    compiled, rest = compile_core(core)
    targeted = {str(s) for s in core.subjects(SH.targetClass)} | {
        str(s) for s in core.subjects(SH.target)
    }
    assert len(targeted) >= 25
    assert {c.shape for c in compiled} == targeted
    assert len(rest) == 0


def test_synthetic_graph_with_violations_agrees_with_pyshacl(synthetic, core):
    g = rdflib.Graph()
    g += synthetic
    mandate = one_instance(g, MEA.Mandate)
    paragraph = one_instance(g, MEA.Paragraph)
    entity = sorted(
        s
        for s, o in g.subject_objects(SKOS.prefLabel)
        if o.language == "fr" and str(s).startswith("https://w3id.org/mea-graph/id/synthetic/")
    )[0]
    french = [o for o in g.objects(entity, SKOS.prefLabel) if o.language == "fr"]
    for label in french:  # 1. a missing French label
        g.remove((entity, SKOS.prefLabel, label))
    g.add((mandate, MEA.addressee, paragraph))  # 2. a wrong class
    g.set((paragraph, ELI.number, rdflib.Literal("12-b")))  # 3. a bad number pattern
    g.add((paragraph, MEA.order, rdflib.Literal("99", datatype=XSD.integer)))  # 4. maxCount 1
    g.add((paragraph, MEA.order, rdflib.Literal("x", datatype=XSD.integer)))  # 5. ill-typed
    verb = next(
        g.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/mea-graph/id/scheme/verb"))
    )
    g.add((mandate, DCT.subject, verb))  # 6. a theme from the wrong scheme (sh:node)

    ours = compiled_results(g, core)
    assert ours == pyshacl_results(g, core)

    shape = str(SHAPE)
    expected = {  # worked out from the shapes file by hand
        (str(entity), shape + "Entity-prefLabel-fr", str(SKOS.prefLabel), None),
        (str(mandate), shape + "Mandate-addressee", str(MEA.addressee), str(paragraph)),
        (str(paragraph), shape + "Paragraph-number", str(ELI.number), "12-b"),
        (str(paragraph), shape + "Paragraph-order", str(MEA.order), None),  # maxCount
        (str(paragraph), shape + "Paragraph-order", str(MEA.order), "x"),  # datatype
        (str(mandate), shape + "Mandate-theme", str(DCT.subject), str(verb)),
        (str(verb), None, str(SKOS.inScheme), None),  # the nested sh:node result
    }
    found = {(f, s if s.startswith(shape) else None, p, v) for f, s, _, p, v, _ in ours}
    assert expected <= found
    # four results on the paragraph's mea:order: maxCount once, datatype for "x" only
    order = [k for k in ours.elements() if k[0] == str(paragraph) and k[3] == str(MEA.order)]
    assert sorted(k[4] or "" for k in order) == ["", "x"]


def test_shape_test_cases_agree_with_pyshacl(layout, core):
    files = [*CASES, *context_files(layout), Path(__file__).parent / "shapes" / "context.ttl"]
    data = to_rdflib(q for p in files for q in read_turtle_file(p, graph="urn:t"))
    reference = pyshacl_results(data, core)
    assert sum(reference.values()) > 100
    assert compiled_results(data, core) == reference


def test_shipped_data_agrees_with_pyshacl(layout, core):
    data = Dataset.read(layout).union_graph()
    assert compiled_results(data, core) == pyshacl_results(data, core)


EX = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "


def test_unsupported_shape_falls_back_to_pyshacl():
    shapes = parse_turtle(
        EX + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:name ; "
        'sh:minLength 3 ; sh:message "name too short" ] .'
        "ex:T a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:name ; "
        'sh:maxCount 1 ; sh:message "one name" ] .'
    )
    compiled, rest = compile_core(shapes)
    assert [c.shape for c in compiled] == ["http://example.org/T"]
    assert (rdflib.URIRef("http://example.org/S"), SH.targetClass, None) in rest
    data = parse_turtle('@prefix ex: <http://example.org/> . ex:a a ex:C ; ex:name "ab", "cd" .')
    messages = sorted(r.message for r in validate(data, shapes).results)
    assert messages == ["name too short", "name too short", "one name"]


def test_lexical_edge_cases_match_pyshacl():
    """Forms where pyoxigraph and rdflib differ: a date rdflib cannot parse, an integer
    with spaces (Python accepts it), a string ending in a newline (Python's $ matches)."""
    shapes = parse_turtle(
        EX + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S-d, ex:S-i, ex:S-p ."
        'ex:S-d sh:path ex:d ; sh:datatype xsd:date ; sh:message "date" .'
        'ex:S-i sh:path ex:i ; sh:datatype xsd:integer ; sh:message "integer" .'
        'ex:S-p sh:path ex:p ; sh:pattern "^[0-9]+$" ; sh:message "digits" .'
    )
    data = parse_turtle(
        "@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
        'ex:a a ex:C ; ex:d "2020-02-30"^^xsd:date, "2020-01-01"^^xsd:date ;'
        ' ex:i " 7"^^xsd:integer, "7.5"^^xsd:integer ; ex:p "12\\n", "1a" .'
    )
    found = Counter((f, v) for f, _, _, _, v, _ in compiled_results(data, shapes).elements())
    assert found == Counter({("http://example.org/a", "2020-02-30"): 1,
                             ("http://example.org/a", "7.5"): 1,
                             ("http://example.org/a", "1a"): 1})  # fmt: skip
    assert compiled_results(data, shapes) == pyshacl_results(data, shapes)


def test_store_refuses_literals_pyoxigraph_would_merge():
    data = parse_turtle(
        "@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
        ' ex:a ex:n "1.0"^^xsd:decimal, "1"^^xsd:decimal .'
    )
    with pytest.raises(MeaGraphError, match="merged 1 of 2"):
        load_store(data)
