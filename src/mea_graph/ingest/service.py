"""One ingest, end to end: read, extract, review against ``data/``, build the RDF,
validate it, and (unless it is a dry run) publish it. The CLI is a thin layer over
:func:`ingest_file`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rdflib

from ..backends import EmbeddedBackend
from ..errors import IngestError, ValidationFailed
from ..layout import Layout
from ..store import StoreFolder
from ..validation import ValidationReport
from .pipeline import Extraction, Extractor
from .publish import publish, validate_extraction
from .rdf import graph_iri, to_graph
from .reader import read_source
from .review import Curated, Review, document_slug, review

__all__ = ["IngestOutcome", "ingest_file"]


@dataclass(frozen=True)
class IngestOutcome:
    extraction: Extraction
    review: Review
    graph: rdflib.Graph
    graph_iri: str
    validation: ValidationReport
    turtle: Path | None  # where the extraction was written (None for a dry run)


def ingest_file(
    path: Path,
    *,
    convention: str,
    meeting: str,
    language: str,
    layout: Layout,
    store: StoreFolder,
    symbol: str | None = None,
    dry_run: bool = False,
) -> IngestOutcome:
    """Ingest ``path``. Raises :class:`IngestError` for bad input and
    :class:`ValidationFailed` if the extraction violates the shapes; in both cases
    nothing is written."""
    text = read_source(path)
    backend = EmbeddedBackend(store.open())
    extractor = Extractor.load(backend, convention=convention, meeting=meeting)
    extraction = extractor.extract(
        text,
        language=language,
        symbol=symbol,
        source=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    if not extraction.symbol:
        raise IngestError(
            f"{path}: no document symbol found in the text (a line such as "
            "'UNEP/CMS/COP14/Doc.18.1'): give it with --symbol"
        )
    result = review(extraction, Curated.load(backend, extraction.symbol), extractor.knowledge)
    graph = to_graph(extraction, result, extractor.knowledge)
    validation = validate_extraction(graph, layout)
    if not validation.conforms:
        raise ValidationFailed(validation)
    name = graph_iri(extraction.symbol)
    turtle = None
    if not dry_run:
        del backend
        turtle = publish(graph, name, store, slug=document_slug(extraction.symbol))
    return IngestOutcome(extraction, result, graph, name, validation, turtle)
