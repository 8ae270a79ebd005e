"""Validate an extraction graph and put it into the store, atomically.

The graph is SHACL-validated with the shipped ontology and data before anything is
written. Writing makes a new build of the store (the build in service, minus any earlier
extraction of the same document, plus the new graph), then switches ``current`` to it:
the store in service is never half-written, and re-ingesting a document replaces its
graph. The Turtle of the extraction is kept in ``<store>/extracted/`` so that it can be
reviewed; it is not in ``data/``, so ``mea-graph build`` never ships unreviewed
extractions (a rebuild drops them until the document is ingested again).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import rdflib

from ..dataset import Dataset
from ..layout import Layout
from ..store import OXIGRAPH_SUBDIR, Manifest, StoreFolder
from ..validation import ValidationReport, load_shapes, validate

__all__ = ["validate_extraction", "publish", "EXTRACTED_DIR"]

EXTRACTED_DIR = "extracted"


def validate_extraction(graph: rdflib.Graph, layout: Layout) -> ValidationReport:
    """SHACL results for ``graph`` in the context of the shipped ontology and data: only
    findings about nodes the extraction describes are kept."""
    dataset = Dataset.read(layout)
    union = dataset.union_graph()
    for triple in graph:
        union.add(triple)
    shapes = load_shapes(layout.shape_paths())
    report = validate(union, shapes)
    described = {str(s) for s in graph.subjects()}
    report.results = [r for r in report.results if r.focus_node in described]
    return report


def publish(graph: rdflib.Graph, graph_name: str, folder: StoreFolder, *, slug: str) -> Path:
    """Replace the named graph ``graph_name`` in a new build and put it in service.
    Returns the path of the Turtle copy. Raises ``StoreNotFound`` without a built store."""
    old = folder.open()  # raises StoreNotFound
    manifest = folder.manifest()
    target = ox.NamedNode(graph_name)
    data = graph.serialize(format="nt", encoding="utf-8")
    new_quads = [
        ox.Quad(t.subject, t.predicate, t.object, target)
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]
    turtle_dir = folder.path / EXTRACTED_DIR
    turtle_dir.mkdir(parents=True, exist_ok=True)
    turtle = turtle_dir / f"{slug}.ttl"
    staging = turtle_dir / f".{slug}.ttl.{os.getpid()}"
    staging.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    build = folder.new_build()
    try:
        store = ox.Store(str(build / OXIGRAPH_SUBDIR))
        store.bulk_extend(
            q for q in old.quads_for_pattern(None, None, None) if q.graph_name != target
        )
        store.bulk_extend(new_quads)
        store.flush()
        triples = len(store)
        del store
        graphs = dict(manifest.graphs if manifest else {})
        graphs[graph_name] = (Path(folder.path.name) / EXTRACTED_DIR / turtle.name).as_posix()
        base = manifest or Manifest("unknown", "", 0)
        replace(base, triples=triples, graphs=graphs).write(build)
    except BaseException:
        folder.discard(build)
        staging.unlink(missing_ok=True)
        raise
    folder.publish(build)
    os.replace(staging, turtle)
    return turtle
