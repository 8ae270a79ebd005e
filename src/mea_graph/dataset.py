"""The dataset: every source file parsed, with its graph, ready to load or validate.

>>> dataset = Dataset.read(Layout.discover())
>>> any(s.path.name == "mea.ttl" for s in dataset.sources)
True
>>> dataset.version.startswith("0.1.0+")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from . import __version__
from ._rdf import subjects_by_graph, to_rdflib
from .layout import Layout
from .sources import SourceFile, graph_iri, read_turtle_file

Step = Callable[[str], None]


@dataclass(frozen=True)
class Dataset:
    """Parsed source files. Parsing fails fast, naming the file and line."""

    root: Path
    sources: tuple[SourceFile, ...]
    quads: tuple[tuple[ox.Quad, ...], ...]  # one tuple of quads per source, same order

    @classmethod
    def read(
        cls, layout: Layout, paths: Iterable[Path] | None = None, on_file: Step | None = None
    ) -> Dataset:
        chosen = list(layout.source_paths() if paths is None else paths)
        sources, quads = [], []
        for path in chosen:
            if on_file:
                on_file(path.name)
            source = SourceFile(path, graph_iri(layout.root, path))
            sources.append(source)
            quads.append(tuple(read_turtle_file(path, graph=source.graph)))
        return cls(layout.root, tuple(sources), tuple(quads))

    @property
    def version(self) -> str:
        """The package version plus a short hash of every source file's content."""
        digest = hashlib.sha256()
        for source in self.sources:
            digest.update(source.path.name.encode())
            digest.update(source.path.read_bytes())
        return f"{__version__}+{digest.hexdigest()[:12]}"

    def all_quads(self) -> list[ox.Quad]:
        return [quad for group in self.quads for quad in group]

    def triple_count(self) -> int:
        return sum(len(group) for group in self.quads)

    def union_graph(self) -> rdflib.Graph:
        """All sources as one rdflib graph, for SHACL validation."""
        return to_rdflib(self.all_quads())

    def files_by_subject(self) -> dict[str, set[str]]:
        """For each subject IRI, the project-relative files that describe it."""
        file_of = {s.graph: s.path.relative_to(self.root).as_posix() for s in self.sources}
        return {
            subject: {file_of[g] for g in graphs}
            for subject, graphs in subjects_by_graph(self.all_quads()).items()
        }
