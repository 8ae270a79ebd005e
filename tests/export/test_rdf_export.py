"""RDF dumps re-parse to graphs isomorphic with the store."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic

from mea_graph.errors import UnknownChoice
from mea_graph.export import rdf_bytes, write_rdf
from mea_graph.network._sample import backend_from_turtle

FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def union(store) -> rdflib.Graph:
    graph = rdflib.Graph()
    dump = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store)
    graph.parse(data=dump, format="nt")
    return graph


@pytest.mark.parametrize("fmt", FORMATS)
def test_triple_formats_are_isomorphic_with_the_union(shipped, union, fmt):
    data, info = rdf_bytes(shipped, fmt, dataset_version="v9")
    back = rdflib.Graph().parse(data=data, format=FORMATS[fmt])
    assert isomorphic(back, union)
    assert len(info.query_sha256) == 64
    if fmt != "jsonld":
        assert b"# dataset_version: v9" in data[:400]


def test_trig_keeps_the_named_graphs(shipped, store):
    data, _ = rdf_bytes(shipped, "trig", dataset_version="v9")
    back = rdflib.Dataset()
    back.parse(data=data, format="trig")
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    expected = {q.graph_name.value for q in store}
    assert names == expected
    for name in expected:
        original = rdflib.Graph().parse(
            data="".join(
                f"{q.subject} {q.predicate} {q.object} .\n"
                for q in store
                if q.graph_name.value == name
            ),
            format="nt",
        )
        assert isomorphic(back.graph(rdflib.URIRef(name)), original), name


def test_jsonld_sidecar_and_bad_format(tmp_path):
    backend = backend_from_turtle('agr:a skos:prefLabel "A"@en .', with_ontology=False)
    files = write_rdf(backend, tmp_path / "d.jsonld", "jsonld", dataset_version="v1")
    assert [f.name for f in files] == ["d.jsonld", "d.jsonld.meta.json"]
    assert '"dataset_version": "v1"' in files[1].read_text()
    with pytest.raises(UnknownChoice, match="'rdfxml'"):
        rdf_bytes(backend, "rdfxml", dataset_version="v1")
