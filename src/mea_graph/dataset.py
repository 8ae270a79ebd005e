"""The dataset: every source file parsed, with its graph, ready to load or validate.

Each source is kept as the triples pyoxigraph parsed, not as quads: building a quad per
triple doubled the parse time of a million-triple file, and validation wants the plain
triples anyway. Quads in each source's named graph are made only to load the store.

>>> dataset = Dataset.read(Layout.discover())
>>> any(s.path.name == "mea.ttl" for s in dataset.sources)
True
>>> dataset.version.startswith("0.1.0+")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from . import __version__
from ._rdf import to_rdflib
from .errors import DataFileError, MeaGraphError
from .layout import Layout
from .sources import SourceFile, _position, _strip_position, graph_iri

Step = Callable[[str], None]

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
}


def read_triples(path: Path) -> list[ox.Triple]:
    """The triples of a Turtle (``.ttl``), N-Triples (``.nt``) or N-Quads (``.nq``,
    graph names dropped) file, parsed as :func:`mea_graph.sources.read_turtle_file` does.

    Raises :class:`DataFileError` naming the file, line, column and parser message, and
    ``MeaGraphError`` for a missing file or an unknown suffix.

    >>> len(read_triples(Path("ontology/mea.ttl"))) > 500
    True
    >>> read_triples(Path("data/nothing.ttl"))
    Traceback (most recent call last):
    ...
    mea_graph.errors.MeaGraphError: data/nothing.ttl: no such file
    """
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise MeaGraphError(f"{path}: cannot read {path.suffix or 'a file without suffix'}")
    with rdf_errors(path), path.open("rb") as handle:
        parsed = list(ox.parse(handle, format=fmt, base_iri=path.resolve().as_uri()))
    if fmt is ox.RdfFormat.N_QUADS:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
    return parsed  # type: ignore[return-value]  # Turtle and N-Triples give triples


@contextmanager
def rdf_errors(path: Path) -> Iterator[None]:
    """Turn pyoxigraph's parse errors on ``path`` into :class:`DataFileError` (file, line,
    column, message) and a missing file into ``MeaGraphError``."""
    try:
        yield
    except FileNotFoundError:
        raise MeaGraphError(f"{path}: no such file") from None
    except SyntaxError as error:
        line, column = _position(error)
        raise DataFileError(str(path), line, column, _strip_position(str(error))) from None
    except UnicodeDecodeError as error:
        raise DataFileError(str(path), None, None, f"not UTF-8 text ({error.reason})") from None


@dataclass(frozen=True)
class Dataset:
    """Parsed source files. Parsing fails fast, naming the file and line."""

    root: Path
    sources: tuple[SourceFile, ...]
    triples: tuple[tuple[ox.Triple, ...], ...]  # one tuple of triples per source, same order

    @classmethod
    def read(
        cls, layout: Layout, paths: Iterable[Path] | None = None, on_file: Step | None = None
    ) -> Dataset:
        chosen = list(layout.source_paths() if paths is None else paths)
        sources, triples = [], []
        for path in chosen:
            if on_file:
                on_file(path.name)
            sources.append(SourceFile(path, graph_iri(layout.root, path)))
            triples.append(tuple(read_triples(path)))
        return cls(layout.root, tuple(sources), tuple(triples))

    @property
    def version(self) -> str:
        """The package version plus a short hash of every source file's content."""
        digest = hashlib.sha256()
        for source in self.sources:
            digest.update(source.path.name.encode())
            digest.update(source.path.read_bytes())
        return f"{__version__}+{digest.hexdigest()[:12]}"

    def all_triples(self) -> Iterator[ox.Triple]:
        """Every source's triples, in order (a triple in two files comes twice)."""
        for group in self.triples:
            yield from group

    def all_quads(self) -> list[ox.Quad]:
        """Every triple in the named graph of its source."""
        return list(self.iter_quads())

    def iter_quads(self) -> Iterator[ox.Quad]:
        """:meth:`all_quads`, one at a time (a store can load them without a list)."""
        for source, group in zip(self.sources, self.triples, strict=True):
            graph = ox.NamedNode(source.graph)
            for t in group:
                yield ox.Quad(t.subject, t.predicate, t.object, graph)

    def triple_count(self) -> int:
        return sum(len(group) for group in self.triples)

    def union_graph(self) -> rdflib.Graph:
        """All sources as one rdflib graph, for SHACL validation."""
        return to_rdflib(self.all_triples())

    def files_by_subject(self) -> dict[str, set[str]]:
        """For each subject IRI, the project-relative files that describe it."""
        return self.files_describing(None)

    def files_describing(self, subjects: Collection[str] | None) -> dict[str, set[str]]:
        """For each of ``subjects`` (IRIs; every subject when ``None``) that a source
        describes, the project-relative files that describe it."""
        found: dict[str, set[str]] = {}
        for source, group in zip(self.sources, self.triples, strict=True):
            name = source.path.relative_to(self.root).as_posix()
            for triple in group:
                subject = triple.subject
                if isinstance(subject, ox.NamedNode):
                    iri = subject.value
                    if subjects is None or iri in subjects:
                        found.setdefault(iri, set()).add(name)
        return found
