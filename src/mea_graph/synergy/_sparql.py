"""Private helpers to write SPARQL safely: IRIs in full, ``VALUES`` blocks, chunking.

IRIs are always written in full (``<...>``), never as prefixed names, which also avoids
pyoxigraph's bug with local names holding two dots (``doc:unep-cms-cop14-doc.18.1``).

>>> iri("https://w3id.org/mea-graph/id/org/unep")
'<https://w3id.org/mea-graph/id/org/unep>'
>>> values("s", ["http://e/a", "http://e/b"])
'VALUES ?s { <http://e/a> <http://e/b> }'
>>> iri("http://e/a> . ?s ?p <http://e/b")
Traceback (most recent call last):
...
mea_graph.errors.InvalidArgument: not a valid IRI: 'http://e/a> . ?s ?p <http://e/b'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from sys import intern

import pyoxigraph

from ..backends import EmbeddedBackend, GraphBackend
from ..errors import InvalidArgument, MeaGraphError
from ..namespaces import PREFIXES

__all__ = ["chunks", "iri", "is_iri", "rows", "values"]

# Characters RFC 3987 / SPARQL IRIREF exclude: what could break out of <...>.
_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CHUNK = 200


def is_iri(text: str) -> bool:
    """True if ``text`` is an absolute IRI that can be written as ``<text>``."""
    return bool(_SCHEME.match(text)) and not _BAD.search(text)


def iri(text: str) -> str:
    """``<text>``, after checking that nothing in ``text`` can escape the brackets."""
    if not is_iri(text):
        raise InvalidArgument(f"not a valid IRI: {text!r}")
    return f"<{text}>"


def values(variable: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block binding ``?variable`` to each IRI."""
    return f"VALUES ?{variable} {{ " + " ".join(iri(i) for i in iris) + " }"


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of at most ``size`` (keeps ``VALUES`` blocks small)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows(backend: GraphBackend, sparql: str) -> Iterator[tuple[str, ...]]:
    """The rows of a SELECT whose variables are bound in every solution, as the terms'
    values: the way to read a large table (hundreds of thousands of rows).

    On the embedded store the solutions are read straight from pyoxigraph, without the
    two lists :class:`~mea_graph.query.QueryResult` keeps (half the time at 1M triples);
    elsewhere they come from :meth:`~mea_graph.backends.GraphBackend.query`. Values are
    interned: the tables built from them hold each IRI once, however often it recurs.

    >>> import pyoxigraph
    >>> store = pyoxigraph.Store()
    >>> store.load(b'<http://e/a> <http://e/p> "x" .', format=pyoxigraph.RdfFormat.N_TRIPLES)
    >>> list(rows(EmbeddedBackend(store), "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }"))
    [('http://e/a', 'x')]
    """
    if type(backend) is EmbeddedBackend:  # not a subclass, which may query otherwise
        solutions = backend.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise MeaGraphError(f"not a SELECT query: {sparql}")
        try:
            for solution in solutions:
                yield tuple(intern(term.value) for term in solution)
        except AttributeError:  # an unbound variable (None has no value)
            raise MeaGraphError(f"a variable is unbound in a solution of: {sparql}") from None
    else:
        for row in backend.query(sparql).bound_rows():
            yield tuple(intern(value) for value in row)
