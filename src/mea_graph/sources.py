"""RDF source files and the named graphs they are loaded into.

Each file becomes one named graph whose IRI is derived from its path in the project, so
that every triple in the store can be traced to the file it came from.

>>> graph_iri(Path("/p"), Path("/p/data/organisations.ttl"))
'https://w3id.org/mea-graph/graph/data/organisations'
>>> quads = read_turtle_file(Path("ontology/mea.ttl"), graph="urn:g")
>>> len(quads) > 500
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import DataFileError
from .namespaces import GRAPH_BASE


def graph_iri(root: Path, path: Path) -> str:
    """The named-graph IRI of a source file: its path under the root, without suffix."""
    relative = path.resolve().relative_to(root.resolve()).with_suffix("")
    return GRAPH_BASE + relative.as_posix()


@dataclass(frozen=True)
class SourceFile:
    """One Turtle file of the project, with the graph it is loaded into."""

    path: Path
    graph: str

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def read_turtle_file(path: Path, *, graph: str) -> list[ox.Quad]:
    """Parse a Turtle file into quads in ``graph``.

    Raises :class:`DataFileError` naming the file, line, column and parser message.
    """
    target = ox.NamedNode(graph)
    try:
        with path.open("rb") as handle:
            base = path.resolve().as_uri()
            triples = list(ox.parse(handle, format=ox.RdfFormat.TURTLE, base_iri=base))
    except SyntaxError as error:
        line, column = _position(error)
        raise DataFileError(str(path), line, column, _strip_position(str(error))) from None
    except UnicodeDecodeError as error:
        raise DataFileError(str(path), None, None, f"not UTF-8 text ({error.reason})") from None
    return [ox.Quad(t.subject, t.predicate, t.object, target) for t in triples]


def _position(error: SyntaxError) -> tuple[int | None, int | None]:
    return getattr(error, "lineno", None), getattr(error, "offset", None)


def _strip_position(message: str) -> str:
    """Drop pyoxigraph's "Parser error at line L column C: " prefix; we print our own."""
    head, sep, tail = message.partition(": ")
    return tail if sep and head.startswith("Parser error at line") else message
