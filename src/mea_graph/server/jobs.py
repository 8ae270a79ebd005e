"""The work a query worker does: pure functions of (store, job), run in a worker process.

:func:`run_query` evaluates a query and serialises its answer (so only bytes cross the
process boundary); :func:`apply_update` copies the store into a staging build, applies
the update there and validates the result with SHACL. Neither touches the store in
service: an update is published by the caller only if its report conforms.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> g = ox.NamedNode("http://example.org/g")
>>> store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
...                   ox.Literal("o"), g))
>>> run_query(store, QueryJob("ASK { ?s ?p ?o }", accept="text/csv", max_rows=10)).body
b'_askResult\\r\\ntrue\\r\\n'
>>> job = QueryJob("ASK { ?s ?p ?o }", accept=None, max_rows=10, named_graphs=(g.value,))
>>> run_query(store, job).body  # a protocol dataset with an empty default graph
b'{"head": {}, "boolean": false}'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .._rdf import subjects_by_graph, to_rdflib
from ..namespaces import PREFIXES
from ..query import parse_error
from ..store import write_snapshot
from ..validation import ValidationReport
from ._tokens import insert_before_where
from .results import Rendered, render
from .row_cap import cap_rows

__all__ = ["QueryJob", "UpdateJob", "UpdateOutcome", "apply_update", "run_query"]


@dataclass(frozen=True)
class QueryJob:
    """A query and how to answer it. Giving any graphs sets the dataset (SPARQL Protocol
    ``default-graph-uri``/``named-graph-uri``); giving none queries the union."""

    text: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None


@dataclass(frozen=True)
class UpdateJob:
    """An update to apply to a copy of the store in ``staging`` (an empty store folder)."""

    text: str
    staging: str
    shape_files: tuple[str, ...]
    graph_files: dict[str, str] = field(default_factory=dict)  # graph IRI -> source file
    using_graphs: tuple[str, ...] = ()
    using_named_graphs: tuple[str, ...] = ()
    union: bool = False  # no dataset given: WHERE sees the union of the named graphs
    base_iri: str | None = None


@dataclass(frozen=True)
class UpdateOutcome:
    triples: int
    report: ValidationReport


def run_query(store: ox.Store, job: QueryJob) -> Rendered:
    """Evaluate ``job`` on ``store`` and serialise the answer."""
    dataset: dict = {"use_default_graph_as_union": True}
    if job.default_graphs or job.named_graphs:
        dataset = {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs],
        }
    capped = cap_rows(job.text, job.max_rows)
    options = {"prefixes": PREFIXES, "base_iri": job.base_iri, **dataset}
    try:
        answer = store.query(capped or job.text, **options)
    except SyntaxError as error:
        if not capped:
            raise parse_error(error) from None
        capped = None  # evaluate the text as sent: its own error, or its answer
        try:
            answer = store.query(job.text, **options)
        except SyntaxError as original:
            raise parse_error(original) from None
    return render(answer, job.accept, max_rows=job.max_rows, capped=capped is not None)


def apply_update(store: ox.Store, job: UpdateJob) -> UpdateOutcome:
    """Copy ``store`` into ``job.staging``, apply the update, validate the result.

    With ``job.union`` (no ``USING`` or ``WITH`` given by the protocol or in the text),
    the update's ``WHERE`` sees the union of the named graphs, as queries do.
    """
    from ..validation import load_shapes, validate  # pyshacl: imported only for updates

    staging = ox.Store(job.staging)
    staging.bulk_extend(store.quads_for_pattern(None, None, None, None))
    using, named = job.using_graphs, job.using_named_graphs
    if job.union:
        using = named = tuple(g.value for g in staging.named_graphs())
    text = job.text
    if using or named:
        clauses = [f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in named]
        text = insert_before_where(text, " ".join(clauses))
    try:
        staging.update(text, prefixes=PREFIXES, base_iri=job.base_iri)
    except SyntaxError as error:
        raise parse_error(error) from None
    staging.flush()
    quads = list(staging)
    del staging  # release the staging folder before the caller publishes it
    write_snapshot(Path(job.staging).parent, quads)  # what the workers load into memory
    sources = {
        subject: {job.graph_files.get(g, g) for g in graphs}
        for subject, graphs in subjects_by_graph(quads).items()
    }
    shapes = load_shapes(Path(p) for p in job.shape_files)
    report = validate(to_rdflib(quads), shapes, sources_of=sources)
    return UpdateOutcome(len(quads), report)
