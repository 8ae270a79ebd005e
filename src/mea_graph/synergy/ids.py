"""Turn what a user types into an IRI of the graph, or say clearly why it cannot.

Accepted forms: a full IRI (``https://w3id.org/mea-graph/id/org/unep``, optionally in
``<...>``), a compact id with one of the project's prefixes (``orgn:unep``), or, where
unambiguous, a label or acronym (``UNEP``, ``pnue``) matched as in
:func:`mea_graph.synergy.search.search`.

>>> import pyoxigraph
>>> from mea_graph.backends import EmbeddedBackend
>>> store = pyoxigraph.Store()
>>> store.load(b'<https://w3id.org/mea-graph/id/org/unep> '
...     b'<http://www.w3.org/2004/02/skos/core#altLabel> "PNUE"@fr .',
...     format=pyoxigraph.RdfFormat.N_TRIPLES)
>>> backend = EmbeddedBackend(store)
>>> resolve(backend, "orgn:unep") == resolve(backend, "Pnue")
True
>>> resolve(backend, "orgn:nobody")
Traceback (most recent call last):
...
mea_graph.errors.UnknownEntity: unknown entity 'orgn:nobody' (<https://w3id.org/mea-graph/id/org/nobody>)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..backends import GraphBackend
from ..errors import InvalidArgument, UnknownEntity
from ..namespaces import PREFIXES
from ..report import compact
from ._sparql import iri, is_iri
from .search import label_index

__all__ = ["exists", "expand", "resolve"]


def expand(text: str) -> str | None:
    """The full IRI for an IRI or a compact id, or ``None`` if ``text`` is neither.

    >>> expand("sec:cms")
    'https://w3id.org/mea-graph/id/secretariat/cms'
    >>> expand("<http://e/x>"), expand("UNEP")
    ('http://e/x', None)
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if is_iri(text) and "://" in text or text.startswith("urn:"):
        return text
    return None


def exists(backend: GraphBackend, entity: str, *, as_predicate: bool = False) -> bool:
    """True if the graph describes ``entity`` (it is the subject of some triple), or with
    ``as_predicate``, if some triple uses it as its predicate."""
    pattern = f"?s {iri(entity)} ?o" if as_predicate else f"{iri(entity)} ?p ?o"
    return bool(backend.query(f"ASK {{ {pattern} }}").boolean)


def resolve(
    backend: GraphBackend,
    text: str,
    *,
    what: str = "entity",
    types: Iterable[str] = (),
    as_predicate: bool = False,
) -> str:
    """The IRI ``text`` names; :class:`UnknownEntity` if the graph has no such entity.

    ``what`` names the parameter in messages ("convention", "addressee"…); ``types``
    restricts label matches to instances of these classes; ``as_predicate`` accepts any
    IRI the graph uses as a predicate (``org:hasMember`` is not described in the store).
    """
    if not text or not text.strip():
        raise InvalidArgument(f"empty {what}")
    full = expand(text)
    if full is not None:
        if not is_iri(full):
            raise InvalidArgument(f"{what} {text!r} is not a valid IRI")
        if not exists(backend, full, as_predicate=as_predicate):
            shown = f" (<{full}>)" if full != text.strip() else ""
            raise UnknownEntity(f"unknown {what} {text.strip()!r}{shown}")
        return full
    matches = label_index(backend).exact(text, types=types)
    if not matches:
        raise UnknownEntity(f"unknown {what} {text.strip()!r}: no IRI, compact id or label matches")
    if len(matches) > 1:
        names = ", ".join(compact(m) for m in matches)
        raise InvalidArgument(f"{what} {text.strip()!r} is ambiguous: it is a label of {names}")
    return matches[0]
