"""RDF dumps of the whole dataset: Turtle, N-Triples, JSON-LD, and TriG with the named
graphs. The quads are read with one SPARQL query through the backend, so that a remote
endpoint can be dumped too.

Turtle, N-Triples and TriG start with ``#`` comment lines carrying the provenance;
JSON-LD has no comments, so :func:`write_rdf` writes a ``.meta.json`` sidecar (and the
HTTP layer sends headers).

>>> from mea_graph.network._sample import sample_backend
>>> data, info = rdf_bytes(sample_backend(), "ntriples", dataset_version="v1")
>>> data.startswith(b"# generator: mea-graph"), info.source
(True, 'rdf')
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..backends import GraphBackend
from ..errors import EmptyNetwork, MeaGraphError, UnknownChoice
from ..namespaces import PREFIXES
from ..network._common import query_hash
from ..query import Term
from .provenance import ExportInfo

__all__ = ["DUMP_QUERY", "RDF_FORMATS", "rdf_bytes", "write_rdf"]

# name -> (pyoxigraph format, file extension, media type)
RDF_FORMATS = {
    "turtle": (pyoxigraph.RdfFormat.TURTLE, "ttl", "text/turtle; charset=utf-8"),
    "ntriples": (pyoxigraph.RdfFormat.N_TRIPLES, "nt", "application/n-triples"),
    "jsonld": (pyoxigraph.RdfFormat.JSON_LD, "jsonld", "application/ld+json"),
    "trig": (pyoxigraph.RdfFormat.TRIG, "trig", "application/trig; charset=utf-8"),
}

DUMP_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def rdf_bytes(backend: GraphBackend, fmt: str, *, dataset_version: str) -> tuple[bytes, ExportInfo]:
    """The dump in ``fmt`` and its provenance."""
    if fmt not in RDF_FORMATS:
        raise UnknownChoice("RDF format", fmt, RDF_FORMATS)
    rdf_format = RDF_FORMATS[fmt][0]
    result = backend.query(DUMP_QUERY)
    if not result.raw_rows:
        raise EmptyNetwork("nothing to export: the store holds no triple")
    quads = [_quad(row) for row in result.bound_raw_rows()]
    # Only TriG keeps the named graphs; the other formats get their union, each triple once.
    items: list[pyoxigraph.Quad] | list[pyoxigraph.Triple] = (
        quads if fmt == "trig" else list(dict.fromkeys(quad.triple for quad in quads))
    )
    info = ExportInfo.now(dataset_version, query_hash(DUMP_QUERY), source="rdf")
    prefixes = None if rdf_format == pyoxigraph.RdfFormat.N_TRIPLES else PREFIXES
    # Without an output file, serialize returns the bytes (never None).
    body = pyoxigraph.serialize(items, format=rdf_format, prefixes=prefixes) or b""
    if fmt == "jsonld":
        return body, info
    return info.as_comment().encode() + body, info


def _quad(row: list[Term]) -> pyoxigraph.Quad:
    """A solution of :data:`DUMP_QUERY` as a quad (a literal is never a subject, a
    predicate or a graph name)."""
    s, p, o, g = row
    if (
        isinstance(s, pyoxigraph.Literal)
        or not isinstance(p, pyoxigraph.NamedNode)
        or isinstance(g, pyoxigraph.Literal)
    ):
        raise MeaGraphError(f"the dump query answered a solution that is not a quad: {row}")
    return pyoxigraph.Quad(s, p, o, g)


def write_rdf(backend: GraphBackend, path: Path, fmt: str, *, dataset_version: str) -> list[Path]:
    """Write the dump to ``path`` (plus ``PATH.meta.json`` for JSON-LD); return the files."""
    path = Path(path)
    body, info = rdf_bytes(backend, fmt, dataset_version=dataset_version)
    path.write_bytes(body)
    written = [path]
    if fmt == "jsonld":
        sidecar = path.with_name(path.name + ".meta.json")
        sidecar.write_text(info.as_json(), encoding="utf-8")
        written.append(sidecar)
    return written
